import type { Finding } from '../../model/finding.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/**
 * 二级指标 names of the national indicator framework: 财预〔2020〕10号 附件2《项目支出绩效自评表》and
 * its 共性指标框架 — 产出（数量、质量、时效、成本）、效益（经济效益、社会效益、生态效益、可持续影响）、
 * 满意度（服务对象满意度）; and the 成本指标 of the later tables, split into 经济成本、社会成本、生态环境成本
 * (seed 003's 2024 区级 project tables). Written without the trailing 指标.
 */
const NATIONAL_LEVEL2 = [
  '数量',
  '质量',
  '时效',
  '成本',
  '经济成本',
  '社会成本',
  '生态环境成本',
  '经济效益',
  '社会效益',
  '生态效益',
  '可持续影响',
  '服务对象满意度',
  '满意度',
];

const base = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/指标$/, '');

function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/**
 * The national name a 二级 name looks like a slip of (「日效性指标」 for 时效指标, 「社会效益效益指标」 with
 * a doubled word): within two edits of a national name, closer to it than to any other, and equal to none. A local name
 * as near several (项目效益: 经济效益? 社会效益?) or short ones are left alone: they are a region's own.
 */
export function level2SlipOf(written: string): string | null {
  const w = base(written);
  if ([...w].length < 3 || NATIONAL_LEVEL2.includes(w)) return null;
  // A name that holds a national one with words of its own is a qualified name (群众满意度), not a slip;
  // holding it with a piece of it again is a doubled word (社会效益效益).
  const qualified = (n: string) => w.includes(n) && !n.includes(w.replace(n, ''));
  const near = NATIONAL_LEVEL2.filter((n) => !qualified(n))
    .map((n) => ({ n, d: distance(w, n) }))
    .filter((x) => x.d <= 2);
  const best = Math.min(...near.map((x) => x.d));
  const closest = near.filter((x) => x.d === best);
  return closest.length === 1 ? `${closest[0]!.n}指标` : null;
}

/** 二级指标 names that look like a slip of a national one, once per name with the rows under it. */
export function checkLevel2Names(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  if (evaluation.kind !== 'project' && evaluation.kind !== 'department') return [];
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const i of evaluation.indicators) {
    if (i.criterionText !== undefined || !i.level2 || seen.has(i.level2)) continue;
    seen.add(i.level2);
    const slip = level2SlipOf(i.level2);
    if (!slip) continue;
    const rows = evaluation.indicators.filter((r) => r.level2 === i.level2).map((r) => r.name);
    out.push(
      finding({
        code: 'indicator-quality',
        severity: 'warning',
        message: `二级指标「${i.level2}」不是规范的二级指标名称，像是「${slip}」的笔误（其下有 ${rows.length} 个三级指标：${rows.slice(0, 3).join('、')}${rows.length > 3 ? ' 等' : ''}）。请按「${slip}」填写。`,
        evaluation,
        source: i.source,
        indicator: i.name,
        evidence: { stated: i.level2, computed: slip, inputs: { 一级指标: i.level1 } },
        rule: 'audit.level2-name',
      }),
    );
  }
  return out;
}
