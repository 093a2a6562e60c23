import type { Queryable } from '../db/database.ts';

/**
 * 错误说明 — a 填报人's explanation of one error finding, given when submitting: the latest one per
 * finding key over every submission, so a resubmission after 退回 keeps (and the form prefills) what was
 * written before.
 */
export interface SubmittedExplanation {
  key: string;
  text: string;
  authorName: string;
  at: string;
  /** The submitted revision that carried it. */
  version: number;
}

interface Row {
  version: number;
  note: string;
  author_name: string;
  created_at: Date | string;
}

/** The explanations in one submission's note (`{"comment", "explanations"}`); none when it is not JSON. */
function explanationsOf(note: string): Record<string, string> {
  if (!note.startsWith('{')) return {};
  try {
    const parsed = JSON.parse(note) as { explanations?: unknown };
    const e = parsed.explanations;
    if (!e || typeof e !== 'object') return {};
    return Object.fromEntries(
      Object.entries(e as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
      ),
    );
  } catch {
    return {};
  }
}

/** The latest explanation per finding key over the evaluation's submissions, oldest key first. */
export async function submittedExplanations(
  db: Queryable,
  evaluationId: number,
): Promise<SubmittedExplanation[]> {
  const r = await db.query<Row>(
    `select version, note, author_name, created_at from evaluation_revisions
      where evaluation_id = $1 and status = 'submitted' order by version`,
    [evaluationId],
  );
  const latest = new Map<string, SubmittedExplanation>();
  for (const row of r.rows) {
    const at = (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString();
    for (const [key, text] of Object.entries(explanationsOf(row.note))) {
      latest.delete(key);
      latest.set(key, { key, text, authorName: row.author_name, at, version: row.version });
    }
  }
  return [...latest.values()];
}
