import type { DroppedIndicator, LibraryIndicator } from './library.ts';
import type { TargetIndicator, TargetProblem, TargetStatus, TargetTrace } from './targets.ts';

/** One version of a project's 绩效目标表 with its own course: 草稿 → 已提交 → 退回 / 已批复. */
export interface TargetRevision {
  id: number;
  revision: number;
  indicators: TargetIndicator[];
  /** 年度绩效目标 (the sentence above the table) */
  goal: string;
  status: TargetStatus;
  /** 调整原因 — from the second revision on */
  reason: string;
  /** 上年指标未再设置的原因, one per indicator of last year left out */
  dropped: DroppedIndicator[];
  /** The evaluation (last year's of the same project) the rows were copied from. */
  copiedFrom: number | null;
  createdBy: string;
  updatedBy: string;
  updatedAt: string;
  submittedAt: string | null;
  /** 退回意见 or 批复意见 */
  decisionComment: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** 绩效目标 — a project's targets for a year in one department, all its revisions oldest first. */
export interface Target {
  id: number;
  departmentId: number;
  department: string;
  region: string;
  year: number;
  projectName: string;
  createdBy: string;
  createdAt: string;
  revisions: TargetRevision[];
}

/** 绩效目标 as GET /api/targets and /api/targets/:id answer: the target, its current state and its problems. */
export interface TargetView extends Omit<Target, 'revisions'> {
  revisions: Array<TargetRevision & { statusName: string }>;
  /** The latest revision's status, and its name ("调整草稿" for an adjustment under way). */
  status: TargetStatus;
  statusName: string;
  /** The latest revision's number */
  revision: number;
  /** The revision in force (latest approved), null before the first approval */
  approvedRevision: number | null;
  /** What the latest revision's rows still lack (core's targetProblems, then libraryProblems against last year) */
  problems: TargetProblem[];
  /** 上年指标 — last year's indicators of the same project in the 指标库 (GET /api/targets/:id only) */
  lastYear?: LibraryIndicator[];
  /** The self-evaluations created from it (GET /api/targets/:id only) */
  evaluations?: Array<{ evaluationId: number; revisionId: number }>;
}

/** GET /api/evaluations/:id/targets — the approval a self-evaluation's 指标值 came from, row by row. */
export interface TargetTraceView {
  targetId: number;
  projectName: string;
  revision: number;
  approvedBy: string | null;
  approvedAt: string | null;
  /** A later approved adjustment than the one the evaluation was made from */
  laterRevision: number | null;
  rows: TargetTrace[];
}
