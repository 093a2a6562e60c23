import type { Queryable } from '../db/database.ts';
import type { Author } from './evaluations.ts';

/** One mark or withdrawal on a finding: 标记为不是问题 (dismiss) or 撤销标记 (restore). Never deleted. */
export interface DispositionEntry {
  key: string;
  action: 'dismiss' | 'restore';
  reason: string;
  authorName: string;
  at: string;
}

/** The current state of one finding: its latest entry. */
export interface Disposition {
  key: string;
  dismissed: boolean;
  reason: string;
  authorName: string;
  at: string;
}

interface Row {
  finding_key: string;
  action: 'dismiss' | 'restore';
  reason: string;
  author_name: string;
  created_at: Date | string;
}

/** Appends one entry to a finding's history (审核发现处置记录). */
export async function addDisposition(
  db: Queryable,
  evaluationId: number,
  input: { key: string; action: 'dismiss' | 'restore'; reason: string; author: Author },
): Promise<DispositionEntry> {
  const r = await db.query<Row>(
    `insert into finding_dispositions (evaluation_id, finding_key, action, reason, author, author_name)
     values ($1, $2, $3, $4, $5, $6) returning finding_key, action, reason, author_name, created_at`,
    [evaluationId, input.key, input.action, input.reason, input.author.id ?? null, input.author.name],
  );
  return toEntry(r.rows[0]!);
}

function toEntry(r: Row): DispositionEntry {
  return {
    key: r.finding_key,
    action: r.action,
    reason: r.reason,
    authorName: r.author_name,
    at: (r.created_at instanceof Date ? r.created_at : new Date(r.created_at)).toISOString(),
  };
}

/** The full history of an evaluation's finding marks, oldest first. */
export async function listDispositionHistory(
  db: Queryable,
  evaluationId: number,
): Promise<DispositionEntry[]> {
  const r = await db.query<Row>(
    `select finding_key, action, reason, author_name, created_at
       from finding_dispositions where evaluation_id = $1 order by id`,
    [evaluationId],
  );
  return r.rows.map(toEntry);
}

/** The current state per finding key: the latest entry of each. */
export async function currentDispositions(db: Queryable, evaluationId: number): Promise<Disposition[]> {
  const latest = new Map<string, DispositionEntry>();
  for (const e of await listDispositionHistory(db, evaluationId)) latest.set(e.key, e);
  return [...latest.values()].map((e) => ({
    key: e.key,
    dismissed: e.action === 'dismiss',
    reason: e.reason,
    authorName: e.authorName,
    at: e.at,
  }));
}
