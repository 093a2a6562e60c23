// 汇总表 and 看板 as GET /api/summary and /api/dashboard answer them. Amounts are 万元 decimal text with two
// places, rates percent, scores decimal text: the figures come from core's arithmetic on the server.
import { z } from 'zod';
import type { KindGroup } from '../summary/lines.ts';
import { decimalOrNull, decimalText, evaluationKindSchema, evaluationStatusSchema } from './common.ts';
import { scoredBySchema } from './evaluations.ts';

export const kindGroupSchema = z.enum(['department', 'project']) satisfies z.ZodType<KindGroup>;

/** 汇总表所列项目 — a project a filed 汇总表 lists (其中 lines). */
export const summaryProjectSchema = z.strictObject({
  /** 项目名称 */
  name: z.string(),
  /** 全年预算数 */
  adjustedBudget: decimalOrNull,
  /** 全年执行数 */
  executed: decimalOrNull,
  /** 执行率 (%) recomputed from 执行数 ÷ 调整后预算; the stated one when either is missing. */
  rate: decimalOrNull,
  rateStated: z.boolean(),
  statedScore: decimalOrNull,
  /** 是否有较大偏差 as filed */
  deviation: z.string(),
});

/** 汇总表的一行 — one evaluation with its money, scores and open findings. */
export const summaryEntrySchema = z.strictObject({
  id: z.number().int(),
  /** Ties broken by it (the stored id). */
  order: z.number().int(),
  /** As the evaluation list shows it: the form's title · the project. */
  title: z.string(),
  /** 项目名称 for a project, else the title: what a 汇总表 lists. */
  name: z.string(),
  kind: evaluationKindSchema,
  group: kindGroupSchema,
  year: z.number().int().nullable(),
  status: evaluationStatusSchema,
  departmentId: z.number().int(),
  department: z.string(),
  /** 年初预算数 */
  initialBudget: decimalOrNull,
  /** 调整后预算数 (全年预算数); for a filed 汇总表 the sum of its projects. */
  adjustedBudget: decimalOrNull,
  /** 执行数 */
  executed: decimalOrNull,
  /** 执行率 (%): 执行数 ÷ 调整后预算 when both are there, else the stated rate (rateStated). */
  rate: decimalOrNull,
  rateStated: z.boolean(),
  /** 自评得分 as the department states it. */
  statedScore: decimalOrNull,
  /** 复算得分 under the framework's rules. */
  computedScore: decimalOrNull,
  /** Some 完成值 were blank: the 复算得分 is a lower bound (or none at all), not a score. */
  totalIncomplete: z.boolean(),
  /** 等级: the band of the stated score (else of the computed one). */
  grade: z.string().nullable(),
  /** 复算等级, null when the computed score is a lower bound. */
  computedGrade: z.string().nullable(),
  /** 复核得分 of the finance bureau. */
  reviewScore: decimalOrNull,
  /** Open error and warning findings (those marked 不是问题 are left out). */
  errors: z.number().int(),
  warnings: z.number().int(),
  projects: z.array(summaryProjectSchema),
  scoredBy: scoredBySchema,
});
export type SummaryEntry = z.infer<typeof summaryEntrySchema>;

/** 小计 / 合计 — sums of a department's (or all) lines of one kind group, the rate from the sums. */
export const summaryTotalLineSchema = z.strictObject({
  type: z.enum(['subtotal', 'total']),
  label: z.string(),
  department: z.string().nullable(),
  group: kindGroupSchema.nullable(),
  count: z.number().int(),
  initialBudget: decimalOrNull,
  adjustedBudget: decimalOrNull,
  executed: decimalOrNull,
  /** Σ执行数 ÷ Σ调整后预算 over the lines that have both — never an average of rates. */
  rate: decimalOrNull,
  rateCount: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
});
export type SummaryTotalLine = z.infer<typeof summaryTotalLineSchema>;

export const summaryEvaluationLineSchema = summaryEntrySchema.extend({ type: z.literal('evaluation') });
export type SummaryEvaluationLine = z.infer<typeof summaryEvaluationLineSchema>;

export const summaryLineSchema = z.discriminatedUnion('type', [
  summaryEvaluationLineSchema,
  summaryTotalLineSchema,
]);
export type SummaryLine = z.infer<typeof summaryLineSchema>;

/** The 汇总表's orders: by department with 小计 (the filed layout), or flat by a column. */
export const summarySortSchema = z.enum([
  'department',
  'stated',
  'computed',
  'review',
  'rate',
  'budget',
  'executed',
  'errors',
]);
export type SummarySort = z.infer<typeof summarySortSchema>;

/** 汇总表 — GET /api/summary. */
export const summaryTableSchema = z.strictObject({
  /** The year shown: the one asked for, else the latest the user has evaluations for. */
  year: z.number().int().nullable(),
  /** Years the user has evaluations for, newest first. */
  years: z.array(z.number().int()),
  /** Evaluations with no 年度, which no year's 汇总表 lists. */
  undated: z.number().int(),
  /** Departments with evaluations in that year, for the filter. */
  departments: z.array(z.strictObject({ id: z.number().int(), name: z.string() })),
  departmentId: z.number().int().nullable(),
  /** Who it covers: 全部地区, or the reviewer's region. */
  scope: z.string(),
  /** The page's lines: its evaluations, the 小计 that end on it, and the 合计 of the whole table. */
  lines: z.array(summaryLineSchema),
  /** Evaluations in the whole table (all pages). */
  rowCount: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  sort: summarySortSchema,
  order: z.enum(['asc', 'desc']),
  /** 口径说明, the same under the page and the sheet. */
  notes: z.array(z.string()),
});
export type SummaryTable = z.infer<typeof summaryTableSchema>;

/** 同比 — one department's figures of one year. */
export const dashboardYearSchema = z.strictObject({
  year: z.number().int(),
  count: z.number().int(),
  budget: decimalOrNull,
  executed: decimalOrNull,
  rate: decimalOrNull,
  /** Whose money: the 部门整体 evaluation's, or the sum of the projects (no 部门整体 figures that year). */
  basis: z.enum(['department', 'projects']).nullable(),
  averageStated: decimalOrNull,
  statedCount: z.number().int(),
  averageComputed: decimalOrNull,
  computedCount: z.number().int(),
  previousYear: z.number().int().nullable(),
  /** 执行率的变化，百分点 */
  rateChange: decimalOrNull,
  /** 平均自评得分的变化，分 */
  averageStatedChange: decimalOrNull,
});
export type DashboardYear = z.infer<typeof dashboardYearSchema>;

/** 看板 — GET /api/dashboard. */
export const dashboardSchema = z.strictObject({
  byDepartment: z.array(
    z.strictObject({
      department: z.string(),
      budget: decimalText,
      executed: decimalText,
      rate: decimalOrNull,
    }),
  ),
  /** 全部部门合计, with decimals: the page shows these, it does not add floats. */
  totals: z.strictObject({
    count: z.number().int(),
    budget: decimalText,
    executed: decimalText,
    rate: decimalOrNull,
  }),
  gradeCounts: z.record(z.string(), z.number().int()),
  /** Bands of 自评得分 and 复算得分; lower bounds (blank 完成值) only in `incomplete`. */
  distribution: z.strictObject({
    bins: z.array(
      z.strictObject({ label: z.string(), stated: z.number().int(), computed: z.number().int() }),
    ),
    incomplete: z.number().int(),
    unscored: z.number().int(),
  }),
  largestDeviations: z.array(
    z.strictObject({
      id: z.number().int(),
      title: z.string(),
      department: z.string(),
      year: z.number().int().nullable(),
      stated: decimalOrNull,
      computed: decimalOrNull,
      difference: decimalText,
    }),
  ),
  yearOnYear: z.strictObject({
    years: z.array(z.number().int()),
    departments: z.array(z.strictObject({ department: z.string(), years: z.array(dashboardYearSchema) })),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
