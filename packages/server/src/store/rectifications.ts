import type { Queryable } from '../db/database.ts';
import { NotFoundError } from './errors.ts';

import type { RectificationStatus } from '@jixiao/core';

export type { RectificationStatus };

/** 整改事项 — one problem with its measure, owner, deadline and progress. */
export interface Rectification {
  id: number;
  evaluationId: number;
  /** 'self': 自评发现; 'review': 财政复核发现 */
  foundBy: 'self' | 'review';
  problem: string;
  measure: string;
  owner: string;
  /** 整改期限, YYYY-MM-DD */
  due: string | null;
  status: RectificationStatus;
  result: string;
  createdBy: string;
  updatedBy: string;
  updatedAt: string;
}

interface Row {
  id: number;
  evaluation_id: number;
  found_by: 'self' | 'review';
  problem: string;
  measure: string;
  owner: string;
  due: string | null;
  status: RectificationStatus;
  result: string;
  created_by_name: string;
  updated_by_name: string;
  updated_at: string | Date;
}

const COLUMNS = `id, evaluation_id, found_by, problem, measure, owner, to_char(due, 'YYYY-MM-DD') as due, status,
  result, created_by_name, updated_by_name, updated_at`;

const toItem = (r: Row): Rectification => ({
  id: r.id,
  evaluationId: r.evaluation_id,
  foundBy: r.found_by,
  problem: r.problem,
  measure: r.measure,
  owner: r.owner,
  due: r.due,
  status: r.status,
  result: r.result,
  createdBy: r.created_by_name,
  updatedBy: r.updated_by_name,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function addRectification(
  db: Queryable,
  item: Pick<Rectification, 'evaluationId' | 'foundBy' | 'problem' | 'measure' | 'owner' | 'due'> & {
    author: string;
  },
): Promise<Rectification> {
  const r = await db.query<Row>(
    `insert into rectifications (evaluation_id, found_by, problem, measure, owner, due, created_by_name, updated_by_name)
     values ($1, $2, $3, $4, $5, $6::date, $7, $7) returning ${COLUMNS}`,
    [item.evaluationId, item.foundBy, item.problem, item.measure, item.owner, item.due, item.author],
  );
  return toItem(r.rows[0]!);
}

export async function getRectification(db: Queryable, id: number): Promise<Rectification> {
  const r = await db.query<Row>(`select ${COLUMNS} from rectifications where id = $1`, [id]);
  if (!r.rows[0]) throw new NotFoundError(`没有编号为 ${id} 的整改事项`);
  return toItem(r.rows[0]);
}

/** Moves an item on: its progress and, when closed, what was done. */
export async function updateRectification(
  db: Queryable,
  id: number,
  change: { status: RectificationStatus; result: string; measure?: string; author: string },
): Promise<Rectification> {
  const r = await db.query<Row>(
    `update rectifications set status = $2, result = $3, measure = coalesce($4, measure), updated_by_name = $5,
       updated_at = now() where id = $1 returning ${COLUMNS}`,
    [id, change.status, change.result, change.measure ?? null, change.author],
  );
  if (!r.rows[0]) throw new NotFoundError(`没有编号为 ${id} 的整改事项`);
  return toItem(r.rows[0]);
}

/** The items of some evaluations, oldest first. */
export async function rectificationsOf(db: Queryable, evaluationIds: number[]): Promise<Rectification[]> {
  if (!evaluationIds.length) return [];
  const r = await db.query<Row>(
    `select ${COLUMNS} from rectifications where evaluation_id = any($1) order by id`,
    [evaluationIds],
  );
  return r.rows.map(toItem);
}
