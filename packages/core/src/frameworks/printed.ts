import { D, type Dec } from '../numbers/decimal.ts';

/** A header label that states its block's points: 「预算执行情况(万元)(20分)」, 「产出指标(40分)」, 「绩效指标（90分）」. */
const POINTS = /^(.*?)[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*[:：]?$/u;

export interface PrintedWeight {
  label: string;
  /** The block's name without its brackets: 预算执行情况, 产出指标, 年度目标1. */
  name: string;
  points: Dec;
}

export function printedWeights(labels: readonly string[]): PrintedWeight[] {
  const out: PrintedWeight[] = [];
  for (const label of labels) {
    const m = POINTS.exec(label.replace(/\s+/g, ''));
    if (!m) continue;
    const name = m[1]!.replace(/[(（][^)）]*[)）]/g, '').replace(/[:：]$/, '');
    if (name) out.push({ label, name, points: new D(m[2]!) });
  }
  return out;
}
