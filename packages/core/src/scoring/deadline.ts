/**
 * 时效指标 whose target is a deadline (「9月前」「11月底前」「2023年11月30日前完成」) scored against the
 * date the row says it was done (「7月」「2023年10月20日」「11月底完成」). A deadline is not a number to
 * reach: 「9月前」 against 「7月」 is met two months early, not 7 ÷ 9 of the target.
 */

/** A day as a count of days since 1970-01-01 (UTC): differences are days. */
type Day = number;

const dayOf = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / 86_400_000;
const lastDayOf = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface Written {
  year: number | null;
  month: number;
  day: number | null;
  /** 月底: the last day of the month. */
  monthEnd: boolean;
  /** 前 / 之前 / 以前 / 内: "by" that date, not "on" it. */
  by: boolean;
}

const DATE =
  /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月份?\s*(?:(\d{1,2})\s*[日号]|(底|末))?\s*(之前|以前|前|内|止)?/u;

function written(text: string): Written | null {
  const t = text.replace(/\s+/g, '');
  if (/[%％]/.test(t)) return null;
  const m = DATE.exec(t);
  if (!m) return null;
  const month = Number(m[2]);
  const day = m[3] ? Number(m[3]) : null;
  if (month < 1 || month > 12 || (day !== null && (day < 1 || day > 31))) return null;
  return {
    year: m[1] ? Number(m[1]) : null,
    month,
    day,
    monthEnd: Boolean(m[4]),
    by: Boolean(m[5]),
  };
}

/** A target that is a deadline: a month or day followed by 前 / 之前 / 以前 / 底前 / 内. */
export interface Deadline {
  year: number | null;
  month: number;
  /** The last day that is still on time (「9月前」 reads as by the end of September). */
  day: number | null;
  text: string;
}

export function deadlineOf(target: string): Deadline | null {
  const w = written(target);
  if (!w?.by) return null;
  // 「12月前完成」 and 「12月底前完成」 both mean done by the end of December, as the forms score them.
  return { year: w.year, month: w.month, day: w.day, text: target.trim() };
}

/** The completion a 完成值 states: a span of days, or a statement that it was (not) on time. */
export type Completion =
  { kind: 'date'; year: number | null; month: number; day: number | null; by: boolean } | { kind: 'none' };

const NOT_DONE = /未完成|未按时|延期|延迟|推迟|逾期|尚未|未能/u;

export function completionOf(actual: string): Completion {
  const t = actual.trim();
  if (!t || NOT_DONE.test(t)) return { kind: 'none' };
  const w = written(t);
  if (!w) return { kind: 'none' };
  return { kind: 'date', year: w.year, month: w.month, day: w.monthEnd ? null : w.day, by: w.by };
}

/** How many days after the deadline the row was done (≤ 0: on time), or why that cannot be told. */
export type Lateness = { ok: true; days: number; shown: string } | { ok: false; reason: string };

/**
 * Days late: the deadline's year is the form's year unless it writes one; a 完成值 without a year is
 * read in the deadline's year (a deadline of another year is the year check's finding, not lateness).
 * A 完成值 of a month without a day spans that month: on time when its last day is, late when its
 * first day is after the deadline, else it cannot be told.
 */
export function latenessOf(deadline: Deadline, done: Completion, formYear: number | null): Lateness {
  if (done.kind !== 'date') return { ok: false, reason: '完成值没有写明完成日期' };
  const year = deadline.year ?? formYear;
  if (year === null) return { ok: false, reason: `截止时间「${deadline.text}」没有年份，评价表也没有年度` };
  const due = dayOf(year, deadline.month, deadline.day ?? lastDayOf(year, deadline.month));
  const y = done.year ?? year;
  const last = dayOf(y, done.month, done.day ?? lastDayOf(y, done.month));
  const first = done.by ? Number.NEGATIVE_INFINITY : dayOf(y, done.month, done.day ?? 1);
  // A month without a day is a span: the days are the least it can be.
  const atLeast = done.day === null ? '至少' : '';
  const show = (d: number) => (d === 0 ? '按期' : `${atLeast}${d > 0 ? '逾期' : '提前'} ${Math.abs(d)} 天`);
  if (last <= due) return { ok: true, days: last - due, shown: show(last - due) };
  if (first > due) return { ok: true, days: first - due, shown: show(first - due) };
  return { ok: false, reason: '完成值只写到月份，与截止日期同月，看不出是否按期完成' };
}
