import type { User } from '../auth/users.ts';
import type { EvaluationStatus } from '../store/evaluations.ts';
import { EVALUATION_STATUS_NAMES } from '@jixiao/core';

/** What a rule about one evaluation needs to know of it. */
export interface EvaluationScope {
  departmentId: number;
  region: string;
  status: EvaluationStatus;
}

/**
 * Who may see an evaluation's internal record — its audit findings, the review score and comment, the
 * marks on findings with their reviewers' names, the revision notes, the findings appendix: its own
 * department's 填报人 (any status), a 财政审核人 of its region once submitted, the admin. Publication does
 * not widen this: the public sees the report, not the review.
 */
export function canSeeInternal(user: User | null, e: EvaluationScope): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'filler') return user.departmentId === e.departmentId;
  return e.status !== 'draft' && user.region === e.region;
}

/**
 * Who may see the in-year execution reports (绩效运行监控) of an evaluation: its department, the region's
 * 财政审核人 whatever the evaluation's status (monitoring happens before anything is submitted), the admin.
 */
export function canSeeMonitoring(user: User | null, e: EvaluationScope): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'filler') return user.departmentId === e.departmentId;
  return user.region === e.region;
}

/** Who may read an evaluation at all: those who see its internal record, and anyone once published. */
export function canRead(user: User | null, e: EvaluationScope): boolean {
  return e.status === 'published' || canSeeInternal(user, e);
}

/** Only the department's own 填报人 edits its figures, and only while the evaluation is a draft or returned. */
export function canEdit(user: User, e: EvaluationScope): boolean {
  return (
    user.role === 'filler' &&
    user.departmentId === e.departmentId &&
    (e.status === 'draft' || e.status === 'returned')
  );
}

/** A 财政审核人 of the region (or the admin) reviews. */
export function canReview(user: User, e: EvaluationScope): boolean {
  return user.role === 'admin' || (user.role === 'reviewer' && user.region === e.region);
}

/** The status changes and who makes them: 草稿 → 已提交 → 退回 / 已审核 → 已公开. */
export const TRANSITIONS: Record<
  'submit' | 'return' | 'accept' | 'publish',
  { from: EvaluationStatus[]; to: EvaluationStatus; by: 'filler' | 'reviewer' }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'filler' },
  return: { from: ['submitted'], to: 'returned', by: 'reviewer' },
  accept: { from: ['submitted'], to: 'accepted', by: 'reviewer' },
  publish: { from: ['accepted'], to: 'published', by: 'reviewer' },
};

/** 状态名称 — core's one list. */
export const STATUS_NAMES: Record<EvaluationStatus, string> = EVALUATION_STATUS_NAMES;

/** What a rule about a project's 绩效目标 needs to know of it: whose they are. */
export interface TargetScope {
  departmentId: number;
  region: string;
}

/**
 * Who may see a project's 绩效目标 with all their revisions, comments and the trace of a self-evaluation to
 * them: its department, the region's 财政审核人 (who approves them), the admin.
 */
export function canSeeTargets(user: User | null, t: TargetScope): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'filler') return user.departmentId === t.departmentId;
  return user.region === t.region;
}

/** Only the department's own 填报人 drafts, submits and adjusts its targets and creates the self-evaluation from them. */
export function canDraftTargets(user: User, t: TargetScope): boolean {
  return user.role === 'filler' && user.departmentId === t.departmentId;
}

/** The region's 财政审核人 (or the admin) returns or approves a submitted revision. */
export function canDecideTargets(user: User, t: TargetScope): boolean {
  return user.role === 'admin' || (user.role === 'reviewer' && user.region === t.region);
}
