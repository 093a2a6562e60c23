// 评分框架, 重新计分, 填报年度, 问题整改 and 监控 as the API answers them.
import { z } from 'zod';
import { RECTIFICATION_STATUS_NAMES, type RectificationStatus } from '../monitoring/rectification.ts';
import type { MonitoringStatus } from '../monitoring/status.ts';
import type { Lamp } from '../monitoring/lamp.ts';
import type { LibraryIndicator } from '../targets/library.ts';
import type { TargetTraceView, TargetView } from '../targets/view.ts';
import { decimalOrNull, isoTime } from './common.ts';
import { listEntrySchema } from './evaluations.ts';

/** 评分框架版本 — GET /api/frameworks, POST /api/frameworks. */
export const frameworkEntrySchema = z.strictObject({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  kind: z.string(),
  origin: z.enum(['builtin', 'admin']),
  createdByName: z.string(),
  createdAt: isoTime,
  /** The latest version of its id: what new evaluations are scored by. */
  current: z.boolean(),
});
export type FrameworkEntry = z.infer<typeof frameworkEntrySchema>;

/**
 * 重新计分进度 — GET /api/admin/recompute: the evaluations of the runs still going; when none is, those of
 * the last run (all zero before the first), `runningSince` null.
 */
export const recomputeProgressSchema = z.strictObject({
  /** Evaluations queued in the runs still going (else in the last run). */
  total: z.number().int().min(0),
  /** Of those, recomputed (or found up to date, or deleted meanwhile). */
  done: z.number().int().min(0),
  /** Of those, whose recomputation failed (the error is in the server's log); read paths compute them on demand. */
  failed: z.number().int().min(0),
  /** When the oldest run still going started (ISO time), null when none is. */
  runningSince: z.string().nullable(),
  /** When the latest finished run finished, null when none has. */
  lastFinishedAt: z.string().nullable(),
});
export type RecomputeProgress = z.infer<typeof recomputeProgressSchema>;

/** 填报年度 — GET /api/years, PUT /api/years/:year; a year not listed is open. */
export const fiscalYearSchema = z.strictObject({
  year: z.number().int(),
  open: z.boolean(),
  /** 截止日期 YYYY-MM-DD, or null. */
  deadline: z.string().nullable(),
  updatedByName: z.string(),
  updatedAt: isoTime,
});
export type FiscalYear = z.infer<typeof fiscalYearSchema>;

export const rectificationStatusSchema = z.enum(
  Object.keys(RECTIFICATION_STATUS_NAMES) as [RectificationStatus, ...RectificationStatus[]],
);

/** 整改事项 — GET /api/evaluations/:id/rectifications, POST and PUT answer one. */
export const rectificationSchema = z.strictObject({
  id: z.number().int(),
  evaluationId: z.number().int(),
  /** 'self': 自评发现; 'review': 财政复核发现 */
  foundBy: z.enum(['self', 'review']),
  problem: z.string(),
  measure: z.string(),
  owner: z.string(),
  /** 整改期限, YYYY-MM-DD */
  due: z.string().nullable(),
  status: rectificationStatusSchema,
  statusName: z.string(),
  result: z.string(),
  createdBy: z.string(),
  updatedBy: z.string(),
  updatedAt: isoTime,
  /** 逾期 */
  overdue: z.boolean(),
});
export type Rectification = z.infer<typeof rectificationSchema>;

/** GET /api/rectifications — every item the user may see, with its evaluation. */
export const rectificationItemSchema = rectificationSchema.extend({ evaluation: listEntrySchema });
export type RectificationItem = z.infer<typeof rectificationItemSchema>;

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 监控状态 of one evaluation — computed by core's monitoringStatus; typed here. */
export const monitoringStatusShape = z.custom<MonitoringStatus>(isObject, '应为监控状态');

/** 监控看板的一行 — GET /api/monitoring. */
export const monitoringRowSchema = z.intersection(
  monitoringStatusShape,
  z.object({
    evaluation: listEntrySchema,
    worst: z.custom<Lamp>((v) => typeof v === 'string'),
    worstName: z.string(),
  }),
);
export type MonitoringRow = z.infer<typeof monitoringRowSchema>;

/** 绩效目标 — core's TargetView (targets/view.ts); typed here. */
export const targetViewShape = z.custom<TargetView>(isObject, '应为绩效目标');
export const targetTraceShape = z.custom<TargetTraceView>(isObject, '应为目标来源');

/** 满意度调查的一个选项: 选项名称, 份数, 是否计为满意. */
export const surveyOptionSchema = z.strictObject({
  /** 选项 */
  label: z.string(),
  /** 份数 */
  count: z.number().int().min(0),
  /** 计为满意 */
  satisfied: z.boolean(),
});

/**
 * 满意度调查 of one indicator — GET /api/evaluations/:id/indicators/:indicator/survey (null when none was
 * recorded): the counts as recorded and core's surveyRate of them.
 */
export const surveySchema = z.strictObject({
  evaluationId: z.number().int(),
  /** The indicator's id within the evaluation */
  indicatorId: z.string(),
  /** 三级指标名称 */
  indicatorName: z.string(),
  /** 发出问卷数 */
  issued: z.number().int().min(0),
  /** 收回有效问卷数 */
  returned: z.number().int().min(0),
  options: z.array(surveyOptionSchema),
  /** 满意度 in percent, 2 decimals; null when no valid questionnaire came back */
  rate: decimalOrNull,
  /** 满意份数 */
  satisfied: z.number().int().min(0),
  /** 回收率 in percent */
  returnRate: decimalOrNull,
  /** 计算公式, e.g. "满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%" */
  formula: z.string(),
  /** 登记人 */
  recordedBy: z.string(),
  /** 登记时间 */
  recordedAt: isoTime,
});
export type Survey = z.infer<typeof surveySchema>;

/**
 * PUT /api/evaluations/:id/indicators/:indicator/survey: the survey saved, the evaluation's new version and
 * the indicator's 完成值 as now written (taken from the survey's rate).
 */
export const surveySavedSchema = surveySchema.extend({
  /** 自评的新版本号 */
  version: z.number().int(),
  /** 实际完成值 as written into the indicator, e.g. "96.67%" */
  actual: z.string(),
});
export type SurveySaved = z.infer<typeof surveySavedSchema>;
/** 指标库条目 — core's LibraryIndicator (targets/library.ts) as the API answers it. */
export const libraryIndicatorSchema = z.strictObject({
  year: z.number().int(),
  departmentId: z.number().int(),
  department: z.string(),
  projectName: z.string(),
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
  direction: z.enum(['≥', '≤', '=', 'qualitative']).nullable(),
  unit: z.string(),
  weight: z.string(),
  /** 年度指标值 as written (the approved one when there is an approved target) */
  target: z.string(),
  /** 完成值 as written in the accepted self-evaluation; null before one is accepted */
  actual: z.string().nullable(),
  targetId: z.number().int().nullable(),
  evaluationId: z.number().int().nullable(),
}) satisfies z.ZodType<LibraryIndicator>;

/** 指标库检索 — GET /api/indicators: the rows that matched (at most 500) and how many did. */
export const libraryAnswerSchema = z.strictObject({
  total: z.number().int(),
  rows: z.array(libraryIndicatorSchema),
});
export type LibraryAnswer = z.infer<typeof libraryAnswerSchema>;

/** 可选指标 — GET /api/evaluations/:id/indicator-choices: what the editor's 指标 picker offers. */
export const indicatorChoicesSchema = z.strictObject({
  projectName: z.string(),
  year: z.number().int().nullable(),
  /** The year's approved 绩效目标 of the same project */
  thisYear: z.array(libraryIndicatorSchema),
  /** Last year's accepted self-evaluation (or approved targets) of the same project */
  lastYear: z.array(libraryIndicatorSchema),
});
export type IndicatorChoices = z.infer<typeof indicatorChoicesSchema>;
