import {
  buildLibrary,
  type AcceptedEvaluation,
  type ApprovedTargetRows,
  type Evaluation,
  type LibraryIndicator,
  type TargetIndicator,
} from '@jixiao/core';
import type { Queryable } from '../db/database.ts';

export interface LibraryScope {
  departmentId?: number;
  region?: string;
  years?: number[];
}

/**
 * 指标库 — the indicators of every approved 绩效目标 (its latest approved revision) and every accepted
 * (已审核、已公开) self-evaluation in the scope, merged by core: the target from the approval, the actual from
 * the evaluation.
 */
export async function indicatorLibrary(db: Queryable, scope: LibraryScope): Promise<LibraryIndicator[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (scope.departmentId !== undefined) add('d.id = ?', scope.departmentId);
  if (scope.region !== undefined) add('d.region = ?', scope.region);
  const yearClause = (column: string) => {
    if (!scope.years) return '';
    params.push(scope.years);
    return ` and ${column} = any($${params.length})`;
  };
  const base = where.length ? ` and ${where.join(' and ')}` : '';
  const targets = await db.query<{
    target_id: number;
    year: number;
    department_id: number;
    department: string;
    project_name: string;
    indicators: TargetIndicator[] | string;
  }>(
    `select distinct on (r.target_id) r.target_id, t.year, t.department_id, d.name as department, t.project_name,
            r.indicators
       from target_revisions r join targets t on t.id = r.target_id join departments d on d.id = t.department_id
      where r.status = 'approved'${base}${yearClause('t.year')}
      order by r.target_id, r.revision desc`,
    [...params],
  );
  const approved: ApprovedTargetRows[] = targets.rows.map((t) => ({
    targetId: t.target_id,
    year: t.year,
    departmentId: t.department_id,
    department: t.department,
    projectName: t.project_name,
    rows: typeof t.indicators === 'string' ? (JSON.parse(t.indicators) as TargetIndicator[]) : t.indicators,
  }));
  if (scope.years) params.pop();
  const evaluations = await db.query<{
    id: number;
    department_id: number;
    department: string;
    data: Evaluation | string;
  }>(
    `select e.id, e.department_id, d.name as department, e.data
       from evaluations e join departments d on d.id = e.department_id
      where e.status in ('accepted', 'published')${base}${yearClause('e.year')}
      order by e.id`,
    params,
  );
  const accepted: AcceptedEvaluation[] = evaluations.rows.map((e) => ({
    evaluationId: e.id,
    departmentId: e.department_id,
    department: e.department,
    evaluation: typeof e.data === 'string' ? (JSON.parse(e.data) as Evaluation) : e.data,
  }));
  return buildLibrary(approved, accepted);
}
