import {
  parseStated,
  type CategoryScore,
  type IndicatorCount,
  type MonitoringPoint,
  type NarrativeStatement,
  type Stated,
  type UnmetExplanation,
} from '@jixiao/core';
import { lineAt, type Paragraph } from './paragraphs.ts';

type Src = { file: string; line: number };

function stated(raw: string, source: Src): Stated {
  return parseStated(raw, source);
}

/** "一级指标投入管理指标：总分值 30 分，总得分 29 分" */
export function categoryScoresIn(p: Paragraph, file: string): CategoryScore[] {
  const out: CategoryScore[] = [];
  for (const m of p.text.matchAll(/一级指标([^：:，,。；;]{2,20})[：:]([^。]*)/g)) {
    const body = m[2]!;
    const at = m.index + m[0].length - body.length;
    const weight = /(?:总分值|分值|满分|权重)(?:为|是)?(\d+(?:\.\d+)?)分/.exec(body);
    const score = /(?:总得分|得分)(?:为|是)?(\d+(?:\.\d+)?)分/.exec(body);
    if (!weight && !score) continue;
    const c: CategoryScore = { level1: m[1]!, source: { file, line: lineAt(p, m.index) } };
    if (weight) c.weight = stated(`${weight[1]}分`, { file, line: lineAt(p, at + weight.index) });
    if (score) c.statedScore = stated(`${score[1]}分`, { file, line: lineAt(p, at + score.index) });
    out.push(c);
  }
  return out;
}

/** "共计设定139条绩效指标,其中:数量指标56条、…" (planned) and "共计完成131条,其中:…" (completed). */
export function indicatorCountsIn(p: Paragraph, file: string, into: Map<string, IndicatorCount>): void {
  for (const sentence of p.text.matchAll(/[^。]+/g)) {
    const body = sentence[0];
    if (!/指标/.test(body)) continue;
    const base = sentence.index;
    const keys: Array<{ at: number; kind: 'planned' | 'completed'; raw: string }> = [];
    for (const m of body.matchAll(/(设定|设置)了?(\d+)(条|个|项)(?:绩效)?指标/g)) {
      keys.push({ at: m.index, kind: 'planned', raw: `${m[2]}${m[3]}` });
    }
    for (const m of body.matchAll(/完成(\d+)(条|个|项)/g))
      keys.push({ at: m.index, kind: 'completed', raw: `${m[1]}${m[2]}` });
    if (!keys.length) continue;
    const put = (type: string, kind: 'planned' | 'completed', raw: string, at: number) => {
      const source = { file, line: lineAt(p, base + at) };
      const row: IndicatorCount = into.get(type) ?? { type, source };
      if (!row[kind]) row[kind] = stated(raw, source);
      into.set(type, row);
    };
    for (const k of keys) put('合计', k.kind, k.raw, k.at);
    const other = body.indexOf('其中');
    if (other < 0) continue;
    const kind = [...keys].filter((k) => k.at < other).pop()?.kind;
    if (!kind) continue;
    const list = body.slice(other);
    for (const m of list.matchAll(/([\p{Script=Han}]{1,10}?指标)(\d+)(条|个|项)/gu)) {
      put(m[1]!, kind, `${m[2]}${m[3]}`, other + m.index);
    }
  }
}

/**
 * 未完成指标说明: "—人民监督员专项业务培训(全年目标值:>=1期),实际完成0期;未完成原因为:…" under a
 * heading "1.数量指标".
 */
export function unmetIn(p: Paragraph, file: string, type: string | undefined): UnmetExplanation | undefined {
  const m =
    /^[—–-]+(.+?)[（(](?:全年|年度)?(?:目标值|指标值)[:：]([^)）]+)[)）][，,;；]?(?:实际完成(?:值)?(?:为)?([^，,;；。]+))?[，,;；]?(?:未完成原因(?:为|是)?[:：]?(.*))?$/.exec(
      p.text,
    );
  if (!m) return undefined;
  const source = { file, line: p.starts[0]!.line };
  const u: UnmetExplanation = { indicator: m[1]!, target: stated(m[2]!, source), source };
  if (type) u.type = type;
  if (m[3]) u.actual = stated(m[3], source);
  if (m[4]) u.reason = m[4].replace(/[。.]$/, '');
  return u;
}

const PROGRESS = /^(?:完成)?(?:部门)?(?:整体)?预算执行(?:支出)?进度$/;

/**
 * 执行进度监控点 stated in prose: "截至2024年9月30日预算执行进度达到75.89%,未达到财政部门要求的80%以上";
 * "全年完成预算执行进度92.28%" is the year-end point.
 */
export function monitoringIn(
  p: Paragraph,
  statements: NarrativeStatement[],
  offsets: number[],
): MonitoringPoint[] {
  const out: MonitoringPoint[] = [];
  for (const [k, s] of statements.entries()) {
    if (!s.value.percent || !PROGRESS.test(s.subject)) continue;
    const month = s.qualifiers
      .map((q) => /^(\d+)月$/.exec(q)?.[1])
      .filter(Boolean)
      .pop();
    const m = month ? Number(month) : s.qualifiers.includes('全年') ? 12 : undefined;
    if (!m) continue;
    const point: MonitoringPoint = { month: m, actual: s.value };
    if (s.source) point.source = s.source;
    // the target follows in the same part: "…,未达到财政部门要求的80%以上;"
    const at = offsets[k]!;
    const rest = p.text.slice(at + s.value.raw.length).split(/[；;。]/)[0] ?? '';
    const t = /(?:要求|目标|序时进度)[^，,]*?((?:>=|≥)?\d+(?:\.\d+)?%(?:以上)?)/.exec(rest);
    if (t) {
      const raw = t[1]!;
      const target = parseStated(raw.replace(/以上$/, ''), s.source);
      point.target = { ...target, raw, ...(raw.endsWith('以上') ? { sign: '≥' as const } : {}) };
    }
    out.push(point);
  }
  // "…9月30日…和…11月30日…的主要原因为:受财政收入影响…"
  for (const sentence of p.text.split(/。/)) {
    const r = /原因(?:为|是)[:：]?(.+)$/.exec(sentence);
    if (!r) continue;
    for (const point of out) {
      if (!point.reason && new RegExp(`(?<!\\d)${point.month}月`).test(sentence.slice(0, r.index))) {
        point.reason = r[1]!;
      }
    }
  }
  return out;
}

/** An unmet item that is itself an execution checkpoint: "预算执行支出进度9月30日(目标值:>=80%)". */
export function monitoringFromUnmet(u: UnmetExplanation): MonitoringPoint | undefined {
  const m = /执行.*进度.*?(\d{1,2})月/.exec(u.indicator);
  if (!m) return undefined;
  const point: MonitoringPoint = { month: Number(m[1]) };
  if (u.target) point.target = u.target;
  if (u.actual) point.actual = u.actual;
  if (u.reason) point.reason = u.reason;
  if (u.source) point.source = u.source;
  return point;
}

function same(a: Stated | undefined, b: Stated | undefined): boolean {
  return !a || !b || a.value === b.value;
}

/** One point per month unless two places give two different actuals (then both stay, for the audit). */
export function mergeMonitoring(points: MonitoringPoint[]): MonitoringPoint[] {
  const out: MonitoringPoint[] = [];
  for (const p of points) {
    const twin = out.find((o) => o.month === p.month && same(o.actual, p.actual));
    if (!twin) {
      out.push({ ...p });
      continue;
    }
    twin.actual ??= p.actual;
    twin.target ??= p.target;
    twin.reason ??= p.reason;
  }
  return out.sort((a, b) => a.month - b.month);
}

const GRADE_WORD = '(优秀|优|良好|良|中等|中|合格|及格|不合格|差)(?=[”"」]|[^\\p{Script=Han}]|$)';
const GRADE = new RegExp(
  `(?:自评结果|评价结果|评价等级|绩效等级|自评等级)(?:为|是|[:：])?[“"「]?${GRADE_WORD}|评为[“"「]?${GRADE_WORD}`,
  'gu',
);

/** "自评结果为优", "评价等级为“优”", "绩效评为“良好”". */
export function gradesIn(p: Paragraph): Array<{ raw: string; at: number }> {
  const out: Array<{ raw: string; at: number }> = [];
  for (const m of p.text.matchAll(GRADE)) out.push({ raw: (m[1] ?? m[2])!, at: m.index });
  return out;
}
