import { D } from '../numbers/decimal.ts';
import { executionRatePercent } from '../numbers/execution.ts';
import { isFocusProject, LAMP_NAMES, lampOf, type Lamp, type LampResult } from './lamp.ts';
import type { MonitoringPlan } from './plan.ts';

/** One checkpoint's report by the department: cumulative 执行数 by the end of the month (万元). */
export interface MonitoringReport {
  evaluationId: number;
  month: number;
  /** 截至月末累计执行数（万元）, a decimal string */
  executed: string;
  /** 全年预算数（万元） */
  budget: string;
  /** 未达进度原因 */
  reason: string;
  reportedBy: string;
  reportedAt: string;
}

/** One checkpoint as the API gives it: the plan's lamp with the figures it was judged from. */
export interface MonitoringCheckpoint extends LampResult {
  lampName: string;
  report: MonitoringReport | null;
}

export interface MonitoringStatus {
  plan: { id: string; name: string; source: string } | null;
  checkpoints: MonitoringCheckpoint[];
  /** 重点监控, when the plan has a rule and the figures are there. */
  focus: { focus: boolean; explanation: string } | null;
}

/** Lamps from worst to best, for a board that shows the projects most behind first. */
export const LAMP_ORDER: Record<Lamp, number> = { red: 0, yellow: 1, unknown: 2, green: 3 };

/**
 * Every checkpoint of the plan judged from the department's reports (执行率 = 执行数 ÷ 全年预算数), and
 * 重点监控 from the report of the plan's focus month. `budget` is the evaluation's 全年预算数 when a
 * report does not carry its own.
 */
export function monitoringStatus(
  plan: MonitoringPlan | undefined,
  reports: MonitoringReport[],
  budget: string | null,
): MonitoringStatus {
  if (!plan) return { plan: null, checkpoints: [], focus: null };
  const checkpoints = plan.checkpoints.map((c) => {
    const report = reports.find((r) => r.month === c.month) ?? null;
    const rate = report ? executionRatePercent(new D(report.executed), new D(report.budget)) : null;
    const lamp = lampOf(plan, c.month, rate)!;
    return { ...lamp, lampName: LAMP_NAMES[lamp.lamp], report };
  });
  const atFocus = plan.focus ? reports.find((r) => r.month === plan.focus!.month) : undefined;
  const focusBudget = atFocus?.budget ?? budget;
  const focus =
    plan.focus && atFocus && focusBudget
      ? isFocusProject(plan, new D(focusBudget), new D(atFocus.executed))
      : null;
  return { plan: { id: plan.id, name: plan.name, source: plan.source }, checkpoints, focus };
}

/** The worst lamp of a status: what a board sorts and colours its row by. */
export function worstLamp(status: MonitoringStatus): Lamp {
  return status.checkpoints.reduce<Lamp>(
    (w, c) => (LAMP_ORDER[c.lamp] < LAMP_ORDER[w] ? c.lamp : w),
    'green',
  );
}
