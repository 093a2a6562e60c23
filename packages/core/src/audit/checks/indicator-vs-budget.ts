import type { Indicator } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D, type Dec } from '../../numbers/decimal.ts';
import { compareWithRounding, ratioAllowance } from '../../numbers/tolerance.ts';
import type { AuditContext } from '../context.ts';
import { finding, show } from '../finding-kit.ts';

interface Derived {
  /** What the indicator's 完成值 must equal, from the budget table. */
  value: Dec;
  allowance: Dec;
  formula: string;
  inputs: Record<string, string>;
}

/**
 * 指标与预算表: a department's 预算执行率 and 预算调整率 indicators restate the budget table; their 完成值
 * must be what the table gives. (Seed 001 states 预算调整率 2.27% while 年初 and 全年预算数 are both 701.61:
 * the 2.27% is the over-spend, not an adjustment.)
 */
export function checkIndicatorsAgainstBudget(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const total = evaluation.budget.find((l) => l.role === 'total');
  if (!total) return [];
  const initial = total.initialBudget?.value != null ? total.initialBudget : undefined;
  const adjusted = total.adjustedBudget?.value != null ? total.adjustedBudget : undefined;
  const executed = total.executed?.value != null ? total.executed : undefined;

  const derive = (i: Indicator): Derived | null => {
    const name = i.name.replace(/\s/g, '');
    if (/^预算执行率$/.test(name) && executed && adjusted && !new D(adjusted.value!).isZero()) {
      const n = new D(executed.value!);
      const d = new D(adjusted.value!);
      return {
        value: n.div(d).times(100),
        allowance: ratioAllowance(n, executed.decimals, d, adjusted.decimals),
        formula: `${executed.raw} ÷ ${adjusted.raw} × 100%`,
        inputs: { 执行数: executed.raw, 全年预算数: adjusted.raw },
      };
    }
    if (/^预算调整率$/.test(name) && initial && adjusted && !new D(initial.value!).isZero()) {
      const change = new D(adjusted.value!).minus(initial.value!).abs();
      const d = new D(initial.value!);
      return {
        value: change.div(d).times(100),
        allowance: ratioAllowance(change, Math.max(initial.decimals, adjusted.decimals), d, initial.decimals),
        formula: `|${adjusted.raw} − ${initial.raw}| ÷ ${initial.raw} × 100%`,
        inputs: { 年初预算数: initial.raw, 全年预算数: adjusted.raw },
      };
    }
    return null;
  };

  const out: Finding[] = [];
  for (const i of evaluation.indicators) {
    if (!i.actual?.value) continue;
    const derived = derive(i);
    if (!derived) continue;
    const v = compareWithRounding(
      new D(i.actual.value),
      i.actual.decimals,
      derived.value,
      [],
      derived.allowance,
    ).verdict;
    if (v === 'equal' || v === 'within-rounding') continue;
    out.push(
      finding({
        code: 'cross-table-mismatch',
        severity: 'error',
        message: `指标「${i.name}」完成值填报 ${i.actual.raw}，按预算执行情况表计算应为 ${show(derived.value)}%（${derived.formula}）。`,
        evaluation,
        source: i.actual.source ?? i.source,
        indicator: i.name,
        evidence: {
          stated: i.actual.raw,
          computed: `${show(derived.value)}%`,
          formula: `${derived.formula} = ${show(derived.value, 4)}%`,
          inputs: derived.inputs,
          others: [{ value: total.label, location: total.source ?? {} }],
        },
        rule: 'audit.indicator-vs-budget',
      }),
    );
  }
  return out;
}
