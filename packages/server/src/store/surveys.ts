import type { SurveyCounts, SurveyOption } from '@jixiao/core';
import type { Queryable } from '../db/database.ts';

/** 满意度调查 as stored: the counts of one indicator's survey, and who recorded them when. */
export interface StoredSurvey extends SurveyCounts {
  evaluationId: number;
  indicatorId: string;
  recordedBy: string;
  recordedAt: string;
}

interface Row {
  evaluation_id: number;
  indicator_id: string;
  issued: number;
  returned: number;
  options: SurveyOption[] | string;
  recorded_by_name: string;
  recorded_at: string | Date;
}

const COLUMNS = 'evaluation_id, indicator_id, issued, returned, options, recorded_by_name, recorded_at';

const toSurvey = (r: Row): StoredSurvey => ({
  evaluationId: r.evaluation_id,
  indicatorId: r.indicator_id,
  issued: r.issued,
  returned: r.returned,
  options: typeof r.options === 'string' ? (JSON.parse(r.options) as SurveyOption[]) : r.options,
  recordedBy: r.recorded_by_name,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

/** Records (or replaces) the survey of one indicator, inside the caller's transaction. */
export async function recordSurvey(
  db: Queryable,
  input: SurveyCounts & { evaluationId: number; indicatorId: string; author: { id?: number; name: string } },
): Promise<StoredSurvey> {
  const r = await db.query<Row>(
    `insert into surveys (evaluation_id, indicator_id, issued, returned, options, recorded_by, recorded_by_name)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7)
     on conflict (evaluation_id, indicator_id) do update
       set issued = excluded.issued, returned = excluded.returned, options = excluded.options,
           recorded_by = excluded.recorded_by, recorded_by_name = excluded.recorded_by_name, recorded_at = now()
     returning ${COLUMNS}`,
    [
      input.evaluationId,
      input.indicatorId,
      input.issued,
      input.returned,
      JSON.stringify(input.options.map(({ label, count, satisfied }) => ({ label, count, satisfied }))),
      input.author.id ?? null,
      input.author.name,
    ],
  );
  return toSurvey(r.rows[0]!);
}

/** The survey of one indicator of an evaluation, or null when none was recorded. */
export async function surveyOf(
  db: Queryable,
  evaluationId: number,
  indicatorId: string,
): Promise<StoredSurvey | null> {
  const r = await db.query<Row>(
    `select ${COLUMNS} from surveys where evaluation_id = $1 and indicator_id = $2`,
    [evaluationId, indicatorId],
  );
  return r.rows[0] ? toSurvey(r.rows[0]) : null;
}
