import type { MonitoringReport } from '@jixiao/core';
import type { Queryable } from '../db/database.ts';

interface Row {
  evaluation_id: number;
  month: number;
  executed: string;
  budget: string;
  reason: string;
  reported_by_name: string;
  reported_at: string | Date;
}

const toReport = (r: Row): MonitoringReport => ({
  evaluationId: r.evaluation_id,
  month: r.month,
  executed: String(r.executed),
  budget: String(r.budget),
  reason: r.reason,
  reportedBy: r.reported_by_name,
  reportedAt: new Date(r.reported_at).toISOString(),
});

/** Records (or replaces) one month's report; money goes in as decimal text, never through a float. */
export async function recordMonitoring(
  db: Queryable,
  report: Omit<MonitoringReport, 'reportedAt'>,
): Promise<MonitoringReport> {
  const r = await db.query<Row>(
    `insert into monitoring_reports (evaluation_id, month, executed, budget, reason, reported_by_name)
     values ($1, $2, $3::numeric, $4::numeric, $5, $6)
     on conflict (evaluation_id, month) do update
       set executed = excluded.executed, budget = excluded.budget, reason = excluded.reason,
           reported_by_name = excluded.reported_by_name, reported_at = now()
     returning evaluation_id, month, executed::text as executed, budget::text as budget, reason,
               reported_by_name, reported_at`,
    [report.evaluationId, report.month, report.executed, report.budget, report.reason, report.reportedBy],
  );
  return toReport(r.rows[0]!);
}

/** The reports of several evaluations, by evaluation id, months in order. */
export async function monitoringOf(db: Queryable, ids: number[]): Promise<Map<number, MonitoringReport[]>> {
  const out = new Map<number, MonitoringReport[]>();
  if (!ids.length) return out;
  const r = await db.query<Row>(
    `select evaluation_id, month, executed::text as executed, budget::text as budget, reason,
            reported_by_name, reported_at
       from monitoring_reports where evaluation_id = any($1) order by evaluation_id, month`,
    [ids],
  );
  for (const row of r.rows) {
    const list = out.get(row.evaluation_id) ?? [];
    list.push(toReport(row));
    out.set(row.evaluation_id, list);
  }
  return out;
}
