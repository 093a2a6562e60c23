import {
  ENGINE_VERSION,
  evaluationMoney,
  findingKey,
  money2,
  sumsOfMoney,
  type EvaluationResult,
  type Finding,
  type FrameworkRegistry,
  type ScoreResult,
} from '@jixiao/core';
import type { Queryable } from '../db/database.ts';
import { assessFile } from '../http/assess.ts';
import { NotFoundError } from './errors.ts';
import { getEvaluation, type StoredEvaluation } from './evaluations.ts';

/**
 * 计分依据: what a stored result depends on besides the framework and the engine — the version, status and
 * frozen framework version of the evaluation and of every evaluation read from the same file (a sibling's
 * table changes the audit). Computed in SQL so that reading it costs one query for many evaluations; the
 * evaluation itself and its file's members are two index lookups (an `or` of the two made it a scan of every
 * evaluation for each row: quadratic in the number of evaluations).
 */
export const BASIS = `(select string_agg(m.id || ':' || m.version || ':' || m.status || ':' ||
                   coalesce(m.framework_version, '') || ':' || coalesce(m.submitted_version::text, ''),
                   ',' order by m.id)
              from (select id, version, status, framework_version, submitted_version
                      from evaluations where id = e.id
                    union
                    select id, version, status, framework_version, submitted_version
                      from evaluations where document_id = e.document_id) m)`;

/**
 * 计分来源: which framework version and engine version scored a stored result, shown with each 汇总表 row.
 * `current` is false for a row the recomputation after a framework upload or an engine upgrade has not
 * reached yet: its figures are whole, from the version it names, never half-updated.
 */
export interface ScoredBy {
  frameworkId: string;
  frameworkVersion: string;
  engineVersion: string;
  computedAt: string;
  current: boolean;
}

interface ResultRow {
  id: number;
  basis: string;
  stored_basis: string | null;
  framework_id: string | null;
  framework_version: string | null;
  engine_version: string | null;
  frozen_framework: string | null;
  status: string;
  result: unknown;
  computed_at: Date | string | null;
}

const FROZEN = new Set(['submitted', 'accepted', 'published']);

/** Whether a stored result is of this evaluation as it is now: stored, and with the same basis. */
function holds(row: ResultRow): boolean {
  return row.stored_basis !== null && row.stored_basis === row.basis;
}

/** Whether a holding result was made by today's engine and, for a draft, the current framework version. */
export function isCurrent(
  row: Pick<
    ResultRow,
    'engine_version' | 'status' | 'frozen_framework' | 'framework_id' | 'framework_version'
  >,
  registry: FrameworkRegistry,
): boolean {
  if (row.engine_version !== ENGINE_VERSION) return false;
  if (FROZEN.has(row.status) && row.frozen_framework) return true;
  const latest = row.framework_id ? registry.get(row.framework_id) : undefined;
  return !latest || latest.version === row.framework_version;
}

/** Whether a stored result still holds: same basis, same engine, and for a draft the current framework version. */
function fresh(row: ResultRow, registry: FrameworkRegistry): boolean {
  return holds(row) && isCurrent(row, registry);
}

/**
 * The stored rows of many evaluations with the basis they would have now. The stored JSON (`result`, tens
 * of kilobytes with its findings) only when asked: checking whether results hold never needs it.
 */
async function resultRows(db: Queryable, ids: number[], withResult = false): Promise<ResultRow[]> {
  const r = await db.query<ResultRow>(
    `select e.id, ${BASIS} as basis, r.basis as stored_basis, r.framework_id, r.framework_version,
            r.engine_version, e.framework_version as frozen_framework, e.status,
            ${withResult ? 'r.result' : 'null as result'}, r.computed_at
       from evaluations e left join evaluation_results r on r.evaluation_id = e.id
      where e.id = any($1)`,
    [ids],
  );
  return r.rows;
}

/** A result as computed or read, with what scored it. */
export interface Scored {
  result: EvaluationResult;
  scoredBy: ScoredBy;
}

/**
 * Scores an evaluation's whole file in one audit and stores the result of every evaluation of it with its
 * basis and versions (they share the basis: each names the others). Answers each member's result.
 */
export async function computeFile(
  db: Queryable,
  registry: FrameworkRegistry,
  stored: StoredEvaluation,
): Promise<Map<number, Scored>> {
  // The basis is read before scoring: an edit that lands while scoring then makes the stored rows stale,
  // instead of the new basis being stored beside the old figures.
  const basis = await db.query<{ id: number; basis: string; now: Date | string }>(
    `select e.id, ${BASIS} as basis, now() as now from evaluations e
      where e.id = $1 or ($2::integer is not null and e.document_id = $2)`,
    [stored.id, stored.documentId],
  );
  const bases = new Map(basis.rows.map((r) => [r.id, r.basis]));
  const at = basis.rows[0]!.now;
  const computedAt = at instanceof Date ? at.toISOString() : new Date(at).toISOString();
  const out = new Map<number, Scored>();
  const rows: Array<{ stored: StoredEvaluation; basis: string; result: EvaluationResult }> = [];
  for (const { member, result } of await assessFile(db, registry, stored)) {
    // A member added to the file after the basis was read: left to be computed with its own basis.
    const memberBasis = bases.get(member.id);
    if (memberBasis === undefined) continue;
    rows.push({ stored: member, basis: memberBasis, result });
    out.set(member.id, {
      result,
      scoredBy: {
        frameworkId: result.score.frameworkId,
        frameworkVersion: result.score.frameworkVersion,
        engineVersion: ENGINE_VERSION,
        computedAt,
        current: true,
      },
    });
  }
  await storeResults(db, rows);
  return out;
}

/** The columns of a stored result, as storeResults writes them (the 汇总表's and the 看板's too). */
export function resultColumns(stored: StoredEvaluation, result: EvaluationResult): unknown[] {
  const { score, findings } = result;
  const { money, rate, rateStated, projects, statedScores } = evaluationMoney(
    stored.evaluation,
    score.statedTotal,
  );
  const sums = sumsOfMoney(money);
  const keys = (severity: string) => findings.filter((f) => f.severity === severity).map(findingKey);
  const errorKeys = keys('error');
  const warningKeys = keys('warning');
  return [
    stored.id,
    score.frameworkId,
    score.frameworkVersion,
    ENGINE_VERSION,
    score.statedTotal,
    score.computedTotal,
    score.totalIncomplete,
    score.gradeOfStatedTotal ?? score.computedGrade,
    score.totalIncomplete ? null : score.computedGrade,
    money2(money.initial),
    money2(money.adjusted),
    money2(money.executed),
    JSON.stringify({ score: result.score, findings: result.findings }),
    stored.evaluation.projectName ?? null,
    rate,
    rateStated,
    sums.basisBudget?.toString() ?? null,
    sums.basisExecuted?.toString() ?? null,
    sums.basisCount,
    statedScores.length ? statedScores.reduce((a, b) => a.plus(b)).toString() : null,
    statedScores.length,
    errorKeys.length,
    warningKeys.length,
    errorKeys,
    warningKeys,
    JSON.stringify(projects),
  ];
}

/** The column list of evaluation_results in resultColumns' order, after evaluation_id and basis. */
export const RESULT_COLUMNS = `framework_id, framework_version, engine_version, stated_score, computed_score,
  total_incomplete, grade, computed_grade, initial_budget, adjusted_budget, executed, result, name, rate,
  rate_stated, basis_budget, basis_executed, basis_count, stated_sum, stated_count, errors, warnings,
  error_keys, warning_keys, projects`;

const UPSERT_SET = RESULT_COLUMNS.split(',')
  .map((c) => c.trim())
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

/** Casts of the columns that need one (jsonb, text[]), by their place in a row of storeResults. */
const CASTS: Record<number, string> = { 13: 'jsonb', 24: 'text[]', 25: 'text[]', 26: 'jsonb' };

/** Stores the results of many evaluations in one statement (a file's members, a recomputation batch). */
export async function storeResults(
  db: Queryable,
  rows: Array<{ stored: StoredEvaluation; basis: string; result: EvaluationResult }>,
): Promise<void> {
  if (!rows.length) return;
  const params: unknown[] = [];
  const values: string[] = [];
  for (const { stored, basis, result } of rows) {
    const [id, ...rest] = resultColumns(stored, result);
    const row = [id, basis, ...rest];
    const at = params.length;
    params.push(...row);
    const p = row.map((_, k) => `$${at + k + 1}${CASTS[k] ? `::${CASTS[k]}` : ''}`);
    values.push(`(${p.join(', ')}, now())`);
  }
  await db.query(
    `insert into evaluation_results (evaluation_id, basis, ${RESULT_COLUMNS}, computed_at)
     values ${values.join(', ')}
     on conflict (evaluation_id) do update set basis = excluded.basis, ${UPSERT_SET}, computed_at = now()`,
    params,
  );
}

/** Scores one evaluation with its file and stores the results of the file (see computeFile). */
export async function computeResult(
  db: Queryable,
  registry: FrameworkRegistry,
  stored: StoredEvaluation,
): Promise<Scored> {
  return ownResult(await computeFile(db, registry, stored), stored);
}

/** The asked-for evaluation's result out of its file's. */
function ownResult(all: Map<number, Scored>, stored: StoredEvaluation): Scored {
  const own = all.get(stored.id);
  if (own) return own;
  // Its own basis row is always read (it is the evaluation asked for), unless it was deleted meanwhile.
  throw new NotFoundError(`没有编号为 ${stored.id} 的自评`);
}

function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/**
 * How a read takes a stored result that holds for the evaluation as it is but was made by an older framework
 * version or engine: `exact` (one evaluation on its page, a submission being checked) recomputes it first;
 * `listed` (the 汇总表, the 看板, lists) serves it as it is, its ScoredBy naming the version — the
 * recomputation jobs bring it up to date, and a list of thousands never waits for them.
 */
export type ResultReading = 'exact' | 'listed';

/**
 * The results of many evaluations as stored. One missing, or no longer of the evaluation as it is (edited,
 * a sibling edited, its status changed), is computed first; one from an older version, per `reading`.
 * `stored` supplies the evaluations the caller already read.
 */
export async function resultsOf(
  db: Queryable,
  registry: FrameworkRegistry,
  stored: StoredEvaluation[],
  reading: ResultReading = 'exact',
): Promise<Map<number, Scored>> {
  const out = new Map<number, Scored>();
  if (!stored.length) return out;
  const byId = new Map(stored.map((s) => [s.id, s]));
  // Computing one evaluation computes its file: its siblings asked for too are taken from there.
  const computed = new Map<number, Scored>();
  for (const row of await resultRows(db, [...byId.keys()], true)) {
    const s = byId.get(row.id)!;
    const done = computed.get(row.id);
    if (done) {
      out.set(row.id, done);
      continue;
    }
    const upToDate = holds(row) && isCurrent(row, registry);
    if (!holds(row) || (reading === 'exact' && !upToDate)) {
      for (const [id, r] of await computeFile(db, registry, s)) computed.set(id, r);
      out.set(row.id, ownResult(computed, s));
      continue;
    }
    const kept = json<{ score: ScoreResult; findings: Finding[] }>(row.result);
    out.set(row.id, {
      result: { evaluation: s.evaluation, score: kept.score, findings: kept.findings },
      scoredBy: {
        frameworkId: row.framework_id!,
        frameworkVersion: row.framework_version!,
        engineVersion: row.engine_version!,
        computedAt: new Date(row.computed_at!).toISOString(),
        current: upToDate,
      },
    });
  }
  return out;
}

/**
 * After a save, an import, a status change: the results of the evaluation and of every evaluation of its
 * file (their basis names it) computed at once, so that the next read of any of them is a lookup. One file
 * holds a few tables, so this is a few audits of a few tables: cheap enough to do before answering, and
 * cheaper than a job's round trip. It never throws: what was saved is saved, and a result it could not
 * store is computed by the next read (its basis no longer matches).
 */
export async function refreshResults(db: Queryable, registry: FrameworkRegistry, id: number): Promise<void> {
  try {
    // Two index lookups, not a join on an `or` (a scan of every evaluation).
    const members = await db.query<{ id: number }>(
      `select id from evaluations where id = $1
       union
       select m.id from evaluations e join evaluations m on m.document_id = e.document_id where e.id = $1
       order by id`,
      [id],
    );
    const ids = members.rows.map((r) => r.id);
    const stale = (await resultRows(db, ids)).filter((row) => !fresh(row, registry));
    // One evaluation's file is every member's: computing it once stores them all.
    if (stale[0]) await computeFile(db, registry, await getEvaluation(db, stale[0].id));
  } catch (error) {
    process.stderr.write(`自评 ${id} 保存后计分未能保存，将在下次读取时计算：${(error as Error).message}\n`);
  }
}

/**
 * Recomputes one evaluation's result unless it is already up to date (a reader or another job got there
 * first). Answers whether it computed.
 */
export async function recomputeOne(db: Queryable, registry: FrameworkRegistry, id: number): Promise<boolean> {
  const [row] = await resultRows(db, [id]);
  if (!row) throw new NotFoundError(`没有编号为 ${id} 的自评`);
  if (fresh(row, registry)) return false;
  await computeResult(db, registry, await getEvaluation(db, id));
  return true;
}

/**
 * Recomputes a batch of evaluations (a recomputation job's): their basis in one query, those up to date (a
 * reader or another job got there first) left alone, the others read together, scored one by one, and the
 * results of the tables without a file stored in one statement; a table of a file is computed with its file
 * (computeFile), once for all its members in the batch. One evaluation that fails does not stop the others.
 * Answers how many were done (up to date, recomputed, or deleted meanwhile) and which failed with what.
 */
export async function recomputeMany(
  db: Queryable,
  registry: FrameworkRegistry,
  ids: number[],
): Promise<{ done: number; failed: Array<{ id: number; error: Error }> }> {
  const rows = await resultRows(db, ids);
  const found = new Set(rows.map((r) => r.id));
  // Deleted since it was queued: nothing to recompute.
  let done = ids.filter((id) => !found.has(id)).length;
  const failed: Array<{ id: number; error: Error }> = [];
  const stale = rows.filter((row) => {
    if (!fresh(row, registry)) return true;
    done++;
    return false;
  });
  const read = await Promise.all(
    stale.map((row) =>
      getEvaluation(db, row.id).then(
        (stored) => ({ row, stored }),
        (error: Error) => ({ row, error }),
      ),
    ),
  );
  const computed = new Set<number>();
  const alone: Array<{ stored: StoredEvaluation; basis: string; result: EvaluationResult }> = [];
  for (const r of read) {
    if ('error' in r) {
      if (r.error instanceof NotFoundError) done++;
      else failed.push({ id: r.row.id, error: r.error });
      continue;
    }
    if (computed.has(r.row.id)) {
      done++;
      continue;
    }
    try {
      if (r.stored.documentId === null) {
        const [own] = await assessFile(db, registry, r.stored);
        alone.push({ stored: r.stored, basis: r.row.basis, result: own!.result });
      } else {
        for (const id of (await computeFile(db, registry, r.stored)).keys()) computed.add(id);
      }
      done++;
    } catch (error) {
      failed.push({ id: r.row.id, error: error as Error });
    }
  }
  try {
    await storeResults(db, alone);
  } catch {
    // One row the statement refused: each on its own, so that only that one fails.
    for (const one of alone) {
      await storeResults(db, [one]).catch((error: Error) => {
        done--;
        failed.push({ id: one.stored.id, error });
      });
    }
  }
  return { done, failed };
}

/**
 * The evaluations whose stored result is missing or no longer holds (fresh() as one query: the current
 * version of each framework goes in as parameters), in id order. One statement for the whole database, so
 * that finding out at start what an engine upgrade leaves to do costs one scan, not a round trip per row.
 */
export async function dueForRecompute(db: Queryable, registry: FrameworkRegistry): Promise<number[]> {
  const latest = registry.list();
  const r = await db.query<{ id: number }>(
    `select e.id from evaluations e left join evaluation_results r on r.evaluation_id = e.id
      where r.evaluation_id is null
         or r.basis <> ${BASIS}
         or r.engine_version <> $1
         or (not (e.status = any($2) and e.framework_version is not null)
             and exists (select 1 from unnest($3::text[], $4::text[]) as c (id, version)
                          where c.id = r.framework_id and c.version <> r.framework_version))
      order by e.id`,
    [ENGINE_VERSION, [...FROZEN], latest.map((f) => f.id), latest.map((f) => f.version)],
  );
  return r.rows.map((x) => x.id);
}

/**
 * 重新计分 in this process: recomputes every result that no longer holds, one evaluation at a time. The app
 * does this through the jobs in jobs/recompute.ts; this is for a caller without them (a script, a test).
 */
export async function recomputeDue(
  db: Queryable,
  registry: FrameworkRegistry,
  progress: (done: number, total: number) => void = () => {},
): Promise<number> {
  const due = await dueForRecompute(db, registry);
  let done = 0;
  for (const id of due) {
    await recomputeOne(db, registry, id);
    progress(++done, due.length);
  }
  return done;
}

/** 得分与等级 as a list shows them beside each evaluation, from its stored result. */
export interface ListedScore {
  /** 自评得分 as stated. */
  statedScore: string | null;
  /** 复算得分 under the framework's rules (a lower bound when totalIncomplete). */
  computedScore: string | null;
  totalIncomplete: boolean;
  /** 等级 of the stated score, else of the computed one. */
  grade: string | null;
  /** 复算等级, null when the computed score is a lower bound. */
  computedGrade: string | null;
  scoredBy: ScoredBy;
}

/**
 * Lists with their score columns: each item's stored figures in one query; an item without a result that
 * holds (rare: saves compute theirs) is computed first. Older versions are served naming themselves, as in
 * the 汇总表.
 */
export async function withScores<T extends { id: number }>(
  db: Queryable,
  registry: FrameworkRegistry,
  items: T[],
): Promise<Array<T & ListedScore>> {
  if (!items.length) return [];
  const ids = items.map((i) => i.id);
  const missing = (await resultRows(db, ids)).filter((row) => !holds(row)).map((row) => row.id);
  const computed = new Set<number>();
  for (const id of missing) {
    if (computed.has(id)) continue;
    for (const member of (await computeFile(db, registry, await getEvaluation(db, id))).keys())
      computed.add(member);
  }
  const r = await db.query<{
    evaluation_id: number;
    stated_score: string | null;
    computed_score: string | null;
    total_incomplete: boolean;
    grade: string | null;
    computed_grade: string | null;
    framework_id: string;
    framework_version: string;
    engine_version: string;
    computed_at: Date | string;
    status: string;
    frozen_framework: string | null;
  }>(
    `select r.evaluation_id, r.stated_score::text as stated_score, r.computed_score::text as computed_score,
            r.total_incomplete, r.grade, r.computed_grade, r.framework_id, r.framework_version,
            r.engine_version, r.computed_at, e.status, e.framework_version as frozen_framework
       from evaluation_results r join evaluations e on e.id = r.evaluation_id
      where r.evaluation_id = any($1)`,
    [ids],
  );
  const byId = new Map(r.rows.map((x) => [x.evaluation_id, x]));
  return items.map((item) => {
    const x = byId.get(item.id)!;
    const upToDate = isCurrent(x, registry);
    return {
      ...item,
      statedScore: x.stated_score,
      computedScore: x.computed_score,
      totalIncomplete: x.total_incomplete,
      grade: x.grade,
      computedGrade: x.computed_grade,
      scoredBy: {
        frameworkId: x.framework_id,
        frameworkVersion: x.framework_version,
        engineVersion: x.engine_version,
        computedAt: new Date(x.computed_at).toISOString(),
        current: upToDate,
      },
    };
  });
}
