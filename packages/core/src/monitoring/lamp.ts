import type { MonitoringPoint } from '../model/evaluation.ts';
import { D, type Dec } from '../numbers/decimal.ts';
import type { MonitoringPlan } from './plan.ts';

/** 预警灯: 绿 on target, 黄 a small lag, 红 a large one; 无法判定 without an actual figure. */
export type Lamp = 'green' | 'yellow' | 'red' | 'unknown';

export const LAMP_NAMES: Record<Lamp, string> = {
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  unknown: '无法判定',
};

/** One checkpoint judged: its lamp, the figures and the rule in words a reviewer reads. */
export interface LampResult {
  month: number;
  lamp: Lamp;
  /** 目标进度 (%), as the plan sets it. */
  target: string;
  /** 实际执行进度 (%), 2 decimals; null when not reported. */
  actual: string | null;
  /** Percentage points behind the target (0 when on or ahead of it). */
  lag: string | null;
  /** Yellow and red need a reason from the department. */
  needsReason: boolean;
  /** "9 月实际执行进度 75.89%，目标 80%，落后 4.11 个百分点（不超过 10 个百分点为黄灯）". */
  explanation: string;
  /** Where the plan's figure comes from. */
  source: string;
}

const pct = (v: Dec) => `${v.toDecimalPlaces(2).toFixed()}%`;

/** The lamp of one checkpoint: actual cumulative execution (percent) against the plan's target for that month. */
export function lampOf(plan: MonitoringPlan, month: number, actualPercent: Dec | null): LampResult | null {
  const checkpoint = plan.checkpoints.find((c) => c.month === month);
  if (!checkpoint) return null;
  const target = new D(checkpoint.target);
  const within = new D(plan.lamps.yellowWithinPoints);
  const base = { month, target: checkpoint.target, source: checkpoint.basis ?? plan.source };
  if (actualPercent === null) {
    return {
      ...base,
      lamp: 'unknown',
      actual: null,
      lag: null,
      needsReason: false,
      explanation: `${month} 月未填报实际执行进度，目标 ${pct(target)}，无法判定。`,
    };
  }
  const lag = D.max(target.minus(actualPercent), 0);
  const lamp: Lamp = lag.isZero() ? 'green' : lag.lte(within) ? 'yellow' : 'red';
  const head = `${month} 月实际执行进度 ${pct(actualPercent)}，目标 ${pct(target)}`;
  const explanation =
    lamp === 'green'
      ? `${head}，已达到目标进度。`
      : `${head}，落后 ${lag.toDecimalPlaces(2).toFixed()} 个百分点（${
          lamp === 'yellow'
            ? `不超过 ${within.toFixed()} 个百分点为黄灯`
            : `超过 ${within.toFixed()} 个百分点为红灯`
        }），需说明原因。`;
  return {
    ...base,
    lamp,
    actual: actualPercent.toDecimalPlaces(2).toFixed(2),
    lag: lag.toDecimalPlaces(2).toFixed(2),
    needsReason: lamp === 'yellow' || lamp === 'red',
    explanation,
  };
}

/**
 * Every checkpoint of the plan judged against the points an evaluation reports (its 执行进度 read from
 * the prose or typed in during the year). A checkpoint nobody reported is 无法判定, never green.
 */
export function lampsOf(plan: MonitoringPlan, points: MonitoringPoint[]): LampResult[] {
  return plan.checkpoints.map((c) => {
    const p = points.find((x) => x.month === c.month);
    const actual = p?.actual?.value != null && p.actual.percent ? new D(p.actual.value) : null;
    return lampOf(plan, c.month, actual)!;
  });
}

/**
 * 重点监控: a project big enough and late enough to watch closely — by the plan's rule, e.g. a budget of
 * 200 万元 or more executed under 60% at the end of August. Null when the plan has no such rule or the
 * figures are missing.
 */
export function isFocusProject(
  plan: MonitoringPlan,
  budget: Dec | null,
  executedByFocusMonth: Dec | null,
): { focus: boolean; explanation: string } | null {
  const rule = plan.focus;
  if (!rule || budget === null || executedByFocusMonth === null || budget.isZero()) return null;
  const rate = executedByFocusMonth.div(budget).times(100);
  const focus = budget.gte(rule.minBudget) && rate.lt(rule.belowRate);
  const said = `预算 ${budget.toFixed(2)} 万元，${rule.month} 月末执行 ${executedByFocusMonth.toFixed(2)} 万元（${pct(rate)}）`;
  return {
    focus,
    explanation: focus
      ? `${said}：预算不少于 ${rule.minBudget} 万元且执行不足 ${rule.belowRate}%，列为重点监控。`
      : `${said}：不属于重点监控（预算不少于 ${rule.minBudget} 万元且 ${rule.month} 月末执行不足 ${rule.belowRate}%）。`,
  };
}
