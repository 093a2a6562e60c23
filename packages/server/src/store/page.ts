import type { FrameworkRegistry } from '@jixiao/core';
import type { Queryable } from '../db/database.ts';
import type { Disposition } from './dispositions.ts';
import { NotFoundError } from './errors.ts';
import {
  COLUMNS_OF_E,
  storedHead,
  toStored,
  type EvaluationStatus,
  type StoredEvaluation,
} from './evaluations.ts';
import { BASIS, isCurrent, type ScoredBy } from './results.ts';

/**
 * 单份自评页: what GET /api/evaluations/:id shows, read in one query — the evaluation, its department's
 * region (for the access decision), its stored result with the basis it would have now, the 复核, the
 * current marks on its findings and the latest 退回意见. The stored evaluation and result stay the JSON
 * text the database holds (`evaluationJson`, `resultJson`): the page sends them as they are, never parsed
 * and written again (tens of kilobytes each).
 */
export interface StoredPage {
  /** The evaluation with its figures parsed only when a caller needs them (see `stored`). */
  row: PageRow;
  region: string;
  /** Whether the stored result is of the evaluation as it is now and by the current versions. */
  upToDate: boolean;
  scoredBy: ScoredBy | null;
  resultJson: string | null;
  evaluationJson: string;
  review: { review_total: string | null; comment: string; updated_at: string } | null;
  dispositions: Disposition[];
  lastReturn: { comment: string; by: string; at: string } | null;
}

interface PageRow {
  id: number;
  department_id: number;
  status: EvaluationStatus;
  version: number;
  data: string;
  source_file: string | null;
  updated_at: Date | string;
  updated_by_name: string;
  framework_id: string | null;
  framework_version: string | null;
  submitted_version: number | null;
  submitted_at: Date | string | null;
  document_id: number | null;
  region: string;
  basis: string;
  stored_basis: string | null;
  r_framework_id: string | null;
  r_framework_version: string | null;
  engine_version: string | null;
  computed_at: Date | string | null;
  result: string | null;
  review: unknown;
  marks: unknown;
  last_return: unknown;
}

const iso = (v: Date | string) => new Date(v).toISOString();

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** The stored evaluation of a page read, its figures parsed (a recomputation or the file's context needs them). */
export function storedOfPage(page: StoredPage): StoredEvaluation {
  return toStored(page.row);
}

/** What a page says of the evaluation besides its figures (see storedHead). */
export function headOfPage(page: StoredPage): Omit<StoredEvaluation, 'evaluation'> {
  return storedHead(page.row);
}

/**
 * The page's JSON: `rest` (no `evaluation`, `score` or `findings` of its own) with the stored evaluation
 * and the stored result's score and findings spliced in as the database holds them — valid JSON written
 * once, by the database, not parsed and written again here.
 */
export function pageJson(page: StoredPage, rest: Record<string, unknown>): string {
  const result = page.resultJson!.trim();
  // `{"score": …, "findings": […]}` without its braces: its two members, placed beside the others.
  const members = result.slice(1, -1).trim();
  const tail = JSON.stringify(rest).slice(1);
  return `{"evaluation":${page.evaluationJson},${members}${tail === '}' ? '}' : `,${tail}`}`;
}

/** Reads one evaluation's page in one query (see StoredPage); NotFoundError when there is none. */
export async function readStoredPage(
  db: Queryable,
  registry: FrameworkRegistry,
  id: number,
): Promise<StoredPage> {
  const r = await db.query<PageRow>(
    `select ${COLUMNS_OF_E.replace('e.data', 'e.data::text as data')}, d.region, ${BASIS} as basis,
            r.basis as stored_basis, r.framework_id as r_framework_id, r.framework_version as r_framework_version,
            r.engine_version, r.computed_at, r.result::text as result,
            (select json_build_object('review_total', v.review_total::text, 'comment', v.comment,
                                      'updated_at', v.updated_at)
               from reviews v where v.evaluation_id = e.id) as review,
            (select coalesce(json_agg(json_build_object('key', f.finding_key, 'action', f.action,
                                                        'reason', f.reason, 'authorName', f.author_name,
                                                        'at', f.created_at) order by f.id), '[]'::json)
               from finding_dispositions f where f.evaluation_id = e.id) as marks,
            case when e.status = 'returned' then
              (select json_build_object('comment', x.note, 'by', x.author_name, 'at', x.created_at)
                 from evaluation_revisions x
                where x.evaluation_id = e.id and x.status = 'returned' order by x.version desc limit 1)
            end as last_return
       from evaluations e join departments d on d.id = e.department_id
       left join evaluation_results r on r.evaluation_id = e.id
      where e.id = $1`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new NotFoundError(`没有编号为 ${id} 的自评`);
  const holds = row.stored_basis !== null && row.stored_basis === row.basis && row.result !== null;
  const current =
    holds &&
    isCurrent(
      {
        engine_version: row.engine_version,
        status: row.status,
        frozen_framework: row.framework_version,
        framework_id: row.r_framework_id,
        framework_version: row.r_framework_version,
      },
      registry,
    );
  // The latest mark of each finding, in the order the findings were first marked.
  const latest = new Map<
    string,
    { key: string; action: string; reason: string; authorName: string; at: string }
  >();
  for (const m of json<
    Array<{ key: string; action: string; reason: string; authorName: string; at: string }>
  >(row.marks))
    latest.set(m.key, m);
  const review = json<{ review_total: string | null; comment: string; updated_at: string } | null>(
    row.review,
  );
  const back = json<{ comment: string; by: string; at: string } | null>(row.last_return);
  return {
    row,
    region: row.region,
    upToDate: current,
    scoredBy: holds
      ? {
          frameworkId: row.r_framework_id!,
          frameworkVersion: row.r_framework_version!,
          engineVersion: row.engine_version!,
          computedAt: iso(row.computed_at!),
          current,
        }
      : null,
    resultJson: holds ? row.result : null,
    evaluationJson: row.data,
    review: review && { ...review, updated_at: iso(review.updated_at) },
    dispositions: [...latest.values()].map((m) => ({
      key: m.key,
      dismissed: m.action === 'dismiss',
      reason: m.reason,
      authorName: m.authorName,
      at: iso(m.at),
    })),
    lastReturn: back && { ...back, at: iso(back.at) },
  };
}
