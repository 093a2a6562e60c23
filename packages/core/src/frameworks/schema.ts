import { z } from 'zod';

/**
 * 评分框架 as data. A framework file is JSON; this schema is its grammar. Everything a region
 * does differently is a value here, never a branch in the scoring code.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Decimal written as a JSON number or a string ("0.5", 10); kept as a string, never a float. */
export const decimal = z
  .union([z.number(), z.string().regex(DECIMAL, '应为数字')])
  .transform((v) => (typeof v === 'number' ? String(v) : v));

const name = z.string().min(1);
const kind = z.enum(['project', 'department', 'summary']);

/** 出处 — where a rule is written. */
export const citationSchema = z.object({
  title: name,
  clause: z.string(),
  source: z.string(),
});

/** 二级指标 with a fixed weight, so that the framework itself can be checked to add up. */
const subcategorySchema = z.object({ name, weight: decimal });

/** 一级指标 the framework knows. */
export const categorySchema = z.strictObject({
  name,
  /** Weight the framework sets (原则上); absent when the framework leaves it free. */
  weight: decimal.optional(),
  aliases: z.array(name).default([]),
  required: z.boolean().default(false),
  /** Whether a department may move weight into or out of it (seed 001: all but 预算执行率). */
  adjustable: z.boolean().default(false),
  /** The category is the budget-execution line, not indicator rows (seed 001: 一级指标 预算执行率). */
  budgetExecution: z.boolean().default(false),
  subcategories: z.array(subcategorySchema).default([]),
  cite: name,
});

/** A half-open interval [min, max) of a value, and what it yields. */
const band = <T extends z.ZodRawShape>(extra: T) =>
  z.strictObject({ min: decimal, max: decimal.optional(), ...extra });

const ruleBase = {
  id: name,
  cite: name,
  /** Chinese name of the rule as the framework's table writes it. */
  title: z.string().optional(),
  /** Free text for the people who maintain the file. */
  note: z.string().optional(),
};

/** Rules attached to a 计分标准 row of a 部门整体 table, found by the row's 三级 name. */
const criterionBase = {
  ...ruleBase,
  criterion: name,
  aliases: z.array(name).default([]),
  category: name,
  level2: z.string().optional(),
  weight: decimal,
};

const directions = z.array(z.enum(['≥', '≤', '=']));

export const ruleSchema = z.discriminatedUnion('kind', [
  // ---- budget execution and the total ----
  z.strictObject({
    ...ruleBase,
    kind: z.literal('budget-execution'),
    /** 分值 when the form does not state one. */
    weight: decimal,
    /** Decimals of the score: 2, or 0 for whole points. */
    decimals: z.number().int().min(0).max(4).optional(),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('execution-caps'),
    /** [min, max) of the execution rate in percent → highest total allowed. */
    bands: z.array(band({ cap: decimal })).min(1),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('cost-cap'),
    /** Names that make an indicator a 成本指标 (一级 or 二级). */
    names: z.array(name).min(1),
    /** Points the cost dimension is worth, and the most a project without cost indicators may get on it. */
    weight: decimal,
    max: decimal,
  }),
  z.strictObject({ ...ruleBase, kind: z.literal('not-applicable') }),
  // ---- indicator rows by 指标性质 ----
  z.strictObject({ ...ruleBase, kind: z.literal('higher-better') }),
  z.strictObject({ ...ruleBase, kind: z.literal('equal') }),
  z.strictObject({ ...ruleBase, kind: z.literal('reverse-linear') }),
  z.strictObject({ ...ruleBase, kind: z.literal('reverse-ratio') }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('qualitative-tiers'),
    /** Fractions of 分值, [min, max), the top one closed at 1. */
    tiers: z.array(band({ label: name, aliases: z.array(name).default([]) })).min(1),
    /** Actual wordings that mean the target was reached, besides the target's own wording. */
    achievedWords: z.array(name).default([]),
    partialWords: z.array(name).default([]),
    failedWords: z.array(name).default([]),
  }),
  z.strictObject({
    ...ruleBase,
    kind: z.literal('over-achievement'),
    /** explain: a reason is required; penalty: points off; void: the indicator does not count. */
    mode: z.enum(['explain', 'penalty', 'void']),
    /** Actual ÷ target at or above which it applies (1.3 = 130%). */
    ratio: decimal,
    /** When the target is 0: the actual at or above which it applies. */
    zeroTargetActual: decimal.optional(),
    penalty: decimal.optional(),
    directions: directions.default(['≥', '=']),
    /** Limit to these 二级 (seed 003: 数量指标). */
    level2: z.array(name).default([]),
  }),
  // ---- 部门整体 criteria over named inputs ----
  z.strictObject({
    ...criterionBase,
    kind: z.literal('tiered-deduction'),
    input: name,
    /** Rate in percent up to which full marks are kept. */
    threshold: decimal,
    /** Points off per percentage point beyond the threshold. */
    perPoint: decimal,
    side: z.enum(['over', 'under']).default('over'),
  }),
  z.strictObject({
    ...criterionBase,
    kind: z.literal('bands'),
    /** The value banded: an input as stated, or the deviation |actual − planned| ÷ planned in percent. */
    input: name.optional(),
    deviation: z.strictObject({ actual: name, planned: name }).optional(),
    bands: z.array(band({ score: decimal })).min(1),
  }),
  z.strictObject({
    ...criterionBase,
    kind: z.literal('linear-ratio'),
    numerator: name,
    denominator: name,
    factor: decimal,
    zeroAbove: decimal,
  }),
  z.strictObject({
    ...criterionBase,
    kind: z.literal('checkpoints'),
    points: z.array(z.strictObject({ input: name, target: decimal, score: decimal })).min(1),
  }),
  z.strictObject({ ...criterionBase, kind: z.literal('per-item-deduction'), input: name, perItem: decimal }),
  z.strictObject({
    ...criterionBase,
    kind: z.literal('count-ratio'),
    /** 二级 names of the indicators counted. */
    counted: z.array(name).default(['数量指标']),
    /** Within ±tolerance of the target counts as met (0.3 = 30%). */
    tolerance: decimal,
    /** Inputs that give the counts directly when the indicators are in other evaluations. */
    metInput: name.optional(),
    totalInput: name.optional(),
  }),
  z.strictObject({
    ...criterionBase,
    kind: z.literal('review-difference'),
    selfInput: name,
    reviewInput: name,
    /** |self − review| ÷ review in percent, [min, max) → points off. */
    bands: z.array(band({ deduction: decimal })).min(1),
    /** False when the department does not score it itself (seed 003: 自评满分为90分). */
    selfScored: z.boolean().default(true),
  }),
  z.strictObject({
    ...criterionBase,
    kind: z.literal('adjustment-cases'),
    cancelledInput: name,
    writtenOffInput: name,
    budgetInput: name,
    factor: decimal,
    zeroAbove: decimal,
  }),
  z.strictObject({
    ...criterionBase,
    kind: z.literal('binary'),
    input: name,
    yesWords: z.array(name).min(1),
  }),
  z.strictObject({ ...criterionBase, kind: z.literal('manual') }),
]);

export const frameworkSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '只能用小写字母、数字和连字符'),
  version: name,
  name,
  kind,
  description: z.string().optional(),
  /** What the weights must add up to. */
  total: decimal.default('100'),
  /** Highest self-score (seed 003: 90, 自评准确 is not self-scored); defaults to total. */
  maxTotal: decimal.optional(),
  decimals: z.number().int().min(0).max(4).default(2),
  weightsAdjustable: z.boolean().default(false),
  citations: z.record(z.string(), citationSchema),
  categories: z.array(categorySchema).default([]),
  /** Named inputs of formula rules (evaluation.inputs keys). */
  inputs: z.array(z.object({ name, description: z.string().optional() })).default([]),
  grades: z
    .object({
      cite: name,
      bands: z.array(z.object({ label: name, min: decimal, aliases: z.array(name).default([]) })).min(1),
    })
    .optional(),
  detection: z.object({
    kinds: z.array(kind).min(1),
    /** Every keyword must appear in the form signature, 一级 names or title. */
    all: z.array(name).default([]),
    /** At least one must appear (when any are given). */
    any: z.array(name).default([]),
    /** Expected 一级 names: each one present adds to the match. */
    level1: z.array(name).default([]),
    requires: z
      .object({ indicatorRows: z.boolean().optional(), indicatorCounts: z.boolean().optional() })
      .default({}),
    priority: z.number().int().default(0),
    /** Kinds this framework is the fallback for when nothing is detected. */
    defaultFor: z.array(kind).default([]),
  }),
  /** What scoring says when it cannot compute a total by design (seed 004: no published formula). */
  totalNotJudgeable: z.object({ reason: name, cite: name }).optional(),
  rules: z.array(ruleSchema),
});

export type Framework = z.output<typeof frameworkSchema>;
export type FrameworkRule = Framework['rules'][number];
export type RuleKind = FrameworkRule['kind'];
export type RuleOf<K extends RuleKind> = Extract<FrameworkRule, { kind: K }>;
export type Citation = z.output<typeof citationSchema>;
export type FrameworkCategory = z.output<typeof categorySchema>;
export type CriterionRule = Extract<FrameworkRule, { criterion: string }>;
