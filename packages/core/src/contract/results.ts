// 上年整改与结果应用 as the API answers them.
import { z } from 'zod';
import { BUDGET_ACTION_NAMES, type BudgetAction } from '../results/budget-use.ts';
import { rectificationSchema } from './admin.ts';
import { decimalOrNull } from './common.ts';
import { listEntrySchema } from './evaluations.ts';

/** 结果应用建议 — core's BudgetUse (results/budget-use.ts). */
export const budgetUseSchema = z.strictObject({
  grade: z.string().nullable(),
  ruleGrade: z.string().nullable(),
  action: z.enum(
    Object.keys(BUDGET_ACTION_NAMES) as [BudgetAction | 'none', ...Array<BudgetAction | 'none'>],
  ),
  actionName: z.string(),
  cutPercent: z.tuple([z.string(), z.string()]).nullable(),
  mayCancel: z.boolean(),
  budget: decimalOrNull,
  reductionLow: decimalOrNull,
  reductionHigh: decimalOrNull,
  suggestedLow: decimalOrNull,
  suggestedHigh: decimalOrNull,
  words: z.string(),
  citation: z.strictObject({ title: z.string(), clause: z.string(), source: z.string() }).nullable(),
});

/** 上年完成值 — an indicator of last year's same project with its target and actual, from the 指标库. */
export const lastYearActualSchema = z.strictObject({
  year: z.number().int(),
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
  unit: z.string(),
  /** 年度指标值 as written */
  target: z.string(),
  /** 完成值 as written; null when last year's evaluation was not accepted */
  actual: z.string().nullable(),
});

/**
 * 上年情况 — GET /api/evaluations/:id/carry-over: last year's evaluations of the same project (same department
 * and project name; the department's 部门整体 for a 部门整体 evaluation), their 整改 items, and the actuals the
 * 指标库 has for them.
 */
export const carryOverSchema = z.strictObject({
  /** 上年, or null when this evaluation has no year or no project to match */
  year: z.number().int().nullable(),
  previous: z.array(
    z.strictObject({
      evaluation: listEntrySchema,
      rectifications: z.array(rectificationSchema),
    }),
  ),
  /** 上年未完成的整改事项 (未开始 or 整改中) */
  openCount: z.number().int(),
  /** Of those, past their 整改期限 */
  overdueCount: z.number().int(),
  actuals: z.array(lastYearActualSchema),
});
export type CarryOver = z.infer<typeof carryOverSchema>;

/** 结果应用表的一行 — GET /api/results-use?year=. */
export const resultsUseRowSchema = z.strictObject({
  evaluation: listEntrySchema,
  /** 项目名称, or the department's whole */
  project: z.string(),
  /** The score the grade comes from: 复核得分, else 规则得分, else 自评得分 */
  score: decimalOrNull,
  /** 复核等级 / 规则等级 / 自评等级 / 无 */
  gradeBasis: z.string(),
  /** 本年调整后预算 (万元) */
  budget: decimalOrNull,
  /** What the suggestion is computed on: 下年度年初预算 when next year's evaluation states it, else 本年调整后预算 */
  basis: z.string(),
  use: budgetUseSchema,
  /** 未完成的整改事项 of this evaluation */
  openRectifications: z.number().int(),
});
export type ResultsUseRow = z.infer<typeof resultsUseRowSchema>;

export const resultsUseSchema = z.strictObject({
  year: z.number().int(),
  /** The rule applied: its name and version */
  rule: z.strictObject({ name: z.string(), version: z.string() }),
  rows: z.array(resultsUseRowSchema),
});
export type ResultsUse = z.infer<typeof resultsUseSchema>;
