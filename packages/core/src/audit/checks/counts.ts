import type { Finding } from '../../model/finding.ts';
import { D, sum } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/** 指标数量统计: the types must add up to 合计, and no type can complete more than it set. */
export function checkIndicatorCounts(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const counts = evaluation.indicatorCounts;
  if (!counts.length) return [];
  const out: Finding[] = [];
  const total = counts.find((c) => c.type === '合计');
  const types = counts.filter((c) => c.type !== '合计');
  for (const [field, name] of [
    ['planned', '设定'],
    ['completed', '完成'],
  ] as const) {
    const stated = total?.[field];
    const parts = types.map((c) => c[field]);
    if (!stated?.value || parts.some((p) => p?.value == null) || !parts.length) continue;
    const computed = sum(parts.map((p) => new D(p!.value!)));
    if (computed.eq(stated.value)) continue;
    out.push(
      finding({
        code: 'sum-mismatch',
        severity: 'error',
        message: `正文称共${name} ${stated.raw} 条指标，但分类相加为 ${computed.toFixed()} 条。`,
        evaluation,
        source: stated.source,
        evidence: {
          stated: stated.raw,
          computed: computed.toFixed(),
          formula: types.map((c) => `${c.type} ${c[field]!.raw}`).join(' + '),
        },
        rule: 'audit.count-sum',
      }),
    );
  }
  for (const c of types) {
    if (c.planned?.value == null || c.completed?.value == null) continue;
    if (new D(c.completed.value).gt(c.planned.value)) {
      out.push(
        finding({
          code: 'sum-mismatch',
          severity: 'error',
          message: `${c.type}完成 ${c.completed.raw} 条，多于设定的 ${c.planned.raw} 条。`,
          evaluation,
          source: c.completed.source ?? c.source,
          evidence: { stated: c.completed.raw, computed: `≤ ${c.planned.raw}` },
          rule: 'audit.count-completed',
        }),
      );
    }
  }
  return out;
}
