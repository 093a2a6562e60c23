import {
  parseStated,
  type MonitoringPoint,
  type NarrativeStatement,
  type Stated,
  type UnmetExplanation,
} from '@jixiao/core';
import type { Paragraph } from './paragraphs.ts';

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
