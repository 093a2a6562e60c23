import { z } from 'zod';
import { D } from '../numbers/decimal.ts';

const decimalText = z.string().regex(/^\d+(\.\d+)?$/, '应为非负数字文本，如 "67.5"');

/**
 * 执行进度监控方案 — when the year's execution is checked and against what: the checkpoints (month and the
 * cumulative share of the budget to be spent by then), the lamp thresholds, and how 重点监控 projects are
 * chosen. Each rule names its source; the bureau changes a plan by shipping a new version of its file.
 */
export const monitoringPlanSchema = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  name: z.string().min(1),
  /** Frameworks whose evaluations this plan monitors. */
  frameworks: z.array(z.string()).default([]),
  source: z.string().min(1),
  checkpoints: z
    .array(
      z.object({
        month: z.number().int().min(1).max(12),
        /** 目标进度 in percent of the year's budget, cumulative. */
        target: decimalText,
        /** How the target is derived (序时进度 × 80%). */
        basis: z.string().optional(),
      }),
    )
    .min(1),
  lamps: z.object({
    /** A lag up to this many percentage points behind the target is yellow; more is red. */
    yellowWithinPoints: decimalText,
    source: z.string().min(1),
  }),
  focus: z
    .object({
      /** 万元 */
      minBudget: decimalText,
      month: z.number().int().min(1).max(12),
      /** 执行率 in percent */
      belowRate: decimalText,
      source: z.string().min(1),
    })
    .optional(),
});

export type MonitoringPlan = z.infer<typeof monitoringPlanSchema>;

/** A monitoring plan file that does not hold: the Chinese message names the file and the field. */
export class MonitoringPlanError extends Error {}

export function parseMonitoringPlan(json: unknown, file: string): MonitoringPlan {
  const r = monitoringPlanSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new MonitoringPlanError(
      `监控方案 ${file} 的「${issue.path.join('.') || '（整个文件）'}」不对：${issue.message}`,
    );
  }
  const months = r.data.checkpoints.map((c) => c.month);
  if (new Set(months).size !== months.length) {
    throw new MonitoringPlanError(`监控方案 ${file} 的监控时点重复：${months.join('、')} 月`);
  }
  for (let k = 1; k < r.data.checkpoints.length; k++) {
    const [a, b] = [r.data.checkpoints[k - 1]!, r.data.checkpoints[k]!];
    if (b.month < a.month || new D(b.target).lt(a.target)) {
      throw new MonitoringPlanError(
        `监控方案 ${file} 的监控时点应按月份排列且目标进度不递减：${a.month} 月 ${a.target}%、${b.month} 月 ${b.target}%`,
      );
    }
  }
  return r.data;
}
