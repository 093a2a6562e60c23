import type { DroppedIndicator, Target, TargetIndicator, TargetRevision, TargetStatus } from '@jixiao/core';

export type { Target, TargetRevision };
import type { Queryable } from '../db/database.ts';
import { AlreadyExistsError, NotFoundError } from './errors.ts';

interface TargetRow {
  id: number;
  department_id: number;
  department: string;
  region: string;
  year: number;
  project_name: string;
  created_by_name: string;
  created_at: Date | string;
}

interface RevisionRow {
  id: number;
  target_id: number;
  revision: number;
  indicators: TargetIndicator[] | string;
  goal: string;
  status: TargetStatus;
  reason: string;
  dropped: DroppedIndicator[] | string;
  copied_from: number | null;
  created_by_name: string;
  updated_by_name: string;
  updated_at: Date | string;
  submitted_at: Date | string | null;
  decision_comment: string;
  decided_by_name: string | null;
  decided_at: Date | string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));

const toRevision = (r: RevisionRow): TargetRevision => ({
  id: r.id,
  revision: r.revision,
  indicators:
    typeof r.indicators === 'string' ? (JSON.parse(r.indicators) as TargetIndicator[]) : r.indicators,
  goal: r.goal,
  status: r.status,
  reason: r.reason,
  dropped: typeof r.dropped === 'string' ? (JSON.parse(r.dropped) as DroppedIndicator[]) : r.dropped,
  copiedFrom: r.copied_from,
  createdBy: r.created_by_name,
  updatedBy: r.updated_by_name,
  updatedAt: iso(r.updated_at),
  submittedAt: isoOrNull(r.submitted_at),
  decisionComment: r.decision_comment,
  decidedBy: r.decided_by_name,
  decidedAt: isoOrNull(r.decided_at),
});

const TARGET_COLUMNS = `t.id, t.department_id, d.name as department, d.region, t.year, t.project_name,
  t.created_by_name, t.created_at`;
const REVISION_COLUMNS = `id, target_id, revision, indicators, goal, status, reason, dropped, copied_from, created_by_name,
  updated_by_name, updated_at, submitted_at, decision_comment, decided_by_name, decided_at`;

/** The latest revision: the one being worked on (or the approved one when no adjustment is under way). */
export function currentRevision(t: Target): TargetRevision {
  return t.revisions[t.revisions.length - 1]!;
}

/** The latest approved revision — the targets in force — or null before the first approval. */
export function approvedRevision(t: Target): TargetRevision | null {
  return [...t.revisions].reverse().find((r) => r.status === 'approved') ?? null;
}

export interface TargetFilter {
  departmentId?: number;
  region?: string;
  year?: number;
  id?: number;
}

/** The targets the filter lets through, each with all its revisions; newest year first, then by department and project. */
export async function listTargets(db: Queryable, filter: TargetFilter): Promise<Target[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.id !== undefined) add('t.id = ?', filter.id);
  if (filter.departmentId !== undefined) add('t.department_id = ?', filter.departmentId);
  if (filter.region !== undefined) add('d.region = ?', filter.region);
  if (filter.year !== undefined) add('t.year = ?', filter.year);
  const targets = await db.query<TargetRow>(
    `select ${TARGET_COLUMNS} from targets t join departments d on d.id = t.department_id
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by t.year desc, d.name, t.project_name, t.id`,
    params,
  );
  if (!targets.rows.length) return [];
  const revisions = await db.query<RevisionRow>(
    `select ${REVISION_COLUMNS} from target_revisions where target_id = any($1) order by target_id, revision`,
    [targets.rows.map((t) => t.id)],
  );
  return targets.rows.map((t) => ({
    id: t.id,
    departmentId: t.department_id,
    department: t.department,
    region: t.region,
    year: t.year,
    projectName: t.project_name,
    createdBy: t.created_by_name,
    createdAt: iso(t.created_at),
    revisions: revisions.rows.filter((r) => r.target_id === t.id).map(toRevision),
  }));
}

export async function getTarget(db: Queryable, id: number): Promise<Target> {
  const [t] = await listTargets(db, { id });
  if (!t) throw new NotFoundError(`没有编号为 ${id} 的绩效目标`);
  return t;
}

/** A new project's targets for a year, its first revision a draft; one per department, year and project. */
export async function createTarget(
  db: Queryable,
  input: {
    departmentId: number;
    year: number;
    projectName: string;
    indicators: TargetIndicator[];
    goal: string;
    copiedFrom: number | null;
    author: string;
  },
): Promise<number> {
  let id: number;
  try {
    const r = await db.query<{ id: number }>(
      `insert into targets (department_id, year, project_name, created_by_name) values ($1, $2, $3, $4) returning id`,
      [input.departmentId, input.year, input.projectName, input.author],
    );
    id = r.rows[0]!.id;
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new AlreadyExistsError(
        `「${input.projectName}」${input.year} 年度的绩效目标已经建立，请在列表中打开它`,
      );
    throw error;
  }
  await db.query(
    `insert into target_revisions (target_id, revision, indicators, goal, copied_from, created_by_name, updated_by_name)
     values ($1, 1, $2, $3, $4, $5, $5)`,
    [id, JSON.stringify(input.indicators), input.goal, input.copiedFrom, input.author],
  );
  return id;
}

/** Saves the rows of a revision still being drafted (草稿 or 退回); false when it is no longer one. */
export async function saveRevision(
  db: Queryable,
  revisionId: number,
  change: {
    indicators: TargetIndicator[];
    goal: string;
    reason?: string;
    dropped?: DroppedIndicator[];
    author: string;
  },
): Promise<boolean> {
  const r = await db.query(
    `update target_revisions set indicators = $2, goal = $3, reason = coalesce($4, reason), updated_by_name = $5,
       dropped = coalesce($6::jsonb, dropped), updated_at = now() where id = $1 and status in ('draft', 'returned')`,
    [
      revisionId,
      JSON.stringify(change.indicators),
      change.goal,
      change.reason ?? null,
      change.author,
      change.dropped ? JSON.stringify(change.dropped) : null,
    ],
  );
  return r.rowCount > 0;
}

/** Moves a revision from one of `from` to `to`; false when it was not in one of them (someone was first). */
export async function moveRevision(
  db: Queryable,
  revisionId: number,
  from: TargetStatus[],
  to: TargetStatus,
  by: { author: string; comment?: string },
): Promise<boolean> {
  const decided = to === 'returned' || to === 'approved';
  const r = await db.query(
    `update target_revisions set status = $3, updated_by_name = $4, updated_at = now(),
       submitted_at = case when $3 = 'submitted' then now() else submitted_at end,
       decision_comment = case when $5 then $6 else decision_comment end,
       decided_by_name = case when $5 then $4 else decided_by_name end,
       decided_at = case when $5 then now() else decided_at end
     where id = $1 and status = any($2)`,
    [revisionId, from, to, by.author, decided, by.comment ?? ''],
  );
  return r.rowCount > 0;
}

/** 目标调整 — a new draft revision of an approved table, starting from the approved rows, with its reason. */
export async function addAdjustment(
  db: Queryable,
  target: Target,
  input: { reason: string; author: string },
): Promise<void> {
  const base = currentRevision(target);
  try {
    await db.query(
      `insert into target_revisions (target_id, revision, indicators, goal, reason, copied_from, created_by_name,
         updated_by_name, dropped)
     values ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
      [
        target.id,
        base.revision + 1,
        JSON.stringify(base.indicators),
        base.goal,
        input.reason,
        base.copiedFrom,
        input.author,
        JSON.stringify(base.dropped),
      ],
    );
  } catch (error) {
    // Another adjustment was started a moment ago: its revision number is taken.
    if ((error as { code?: string }).code === '23505')
      throw new AlreadyExistsError(`第 ${base.revision + 1} 版调整刚刚已由他人建立，请刷新后在那一版上修改`);
    throw error;
  }
}

/** Records that an evaluation was created from an approved revision. */
export async function linkEvaluation(db: Queryable, evaluationId: number, revisionId: number): Promise<void> {
  await db.query('insert into evaluation_targets (evaluation_id, target_revision_id) values ($1, $2)', [
    evaluationId,
    revisionId,
  ]);
}

/** The approved revision an evaluation was created from, with its target's id; null for any other evaluation. */
export async function revisionOfEvaluation(
  db: Queryable,
  evaluationId: number,
): Promise<{ targetId: number; revisionId: number } | null> {
  const r = await db.query<{ target_id: number; target_revision_id: number }>(
    `select r.target_id, l.target_revision_id from evaluation_targets l
       join target_revisions r on r.id = l.target_revision_id where l.evaluation_id = $1`,
    [evaluationId],
  );
  const row = r.rows[0];
  return row ? { targetId: row.target_id, revisionId: row.target_revision_id } : null;
}

/** The evaluations created from each revision of a target. */
export async function evaluationsOfTarget(
  db: Queryable,
  targetId: number,
): Promise<Array<{ evaluationId: number; revisionId: number }>> {
  const r = await db.query<{ evaluation_id: number; target_revision_id: number }>(
    `select l.evaluation_id, l.target_revision_id from evaluation_targets l
       join target_revisions r on r.id = l.target_revision_id where r.target_id = $1 order by l.evaluation_id`,
    [targetId],
  );
  return r.rows.map((x) => ({ evaluationId: x.evaluation_id, revisionId: x.target_revision_id }));
}
