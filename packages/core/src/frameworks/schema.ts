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

/**
 * 算例 — one worked example from a real document: the inputs as the document states them, the
 * score it should come to (or 无法判定), and where it comes from. Every example is run by a test.
 */
const exampleSchema = z.strictObject({
  inputs: z.record(z.string(), z.string()),
  /** Rows of the indicator table, for formulas that count them: 二级, 指标值, 完成值 (and 指标性质). */
  rows: z
    .array(
      z.strictObject({
        name,
        level1: z.string().default(''),
        level2: z.string().default(''),
        target: z.string(),
        actual: z.string(),
        direction: z.enum(['≥', '≤', '=']).default('≥'),
      }),
    )
    .default([]),
  expect: z.string().min(1),
  source: name,
});

/** 计分公式 in the formula language (grammar: frameworks/README.md), with its worked examples. */
const formulaFields = {
  formula: name,
  examples: z.array(exampleSchema).default([]),
};

export const ruleSchema = z.discriminatedUnion('kind', [
  // ---- budget execution and the total ----
  z.strictObject({
    ...ruleBase,
    ...formulaFields,
    kind: z.literal('budget-execution'),
    /** 分值 when the form does not state one. */
    weight: decimal,
    /** Decimals of the score: 2, or 0 for whole points. */
    decimals: z.number().int().min(0).max(4).optional(),
  }),
  z.strictObject({
    ...ruleBase,
    ...formulaFields,
    /** 总分封顶: the formula gives the highest total allowed (满分 when nothing limits it). */
    kind: z.literal('total-cap'),
  }),
  z.strictObject({ ...ruleBase, kind: z.literal('not-applicable') }),
  // ---- indicator rows by 指标性质 ----
  z.strictObject({
    ...ruleBase,
    ...formulaFields,
    kind: z.literal('indicator'),
    /** 指标性质 the formula scores: ≥ 正向, ≤ 反向, = 等于. */
    direction: z.enum(['≥', '≤', '=']),
    /** Whether the target was met, a formula giving 是/否 (成立/不成立). */
    met: name,
  }),
  z.strictObject({
    ...ruleBase,
    ...formulaFields,
    /**
     * 时效指标 whose target is a deadline (「9月前」, 「2023年11月30日前完成」) and whose 完成值 is a date:
     * the formula and `met` read 逾期天数 (days after the deadline, ≤ 0 on time) and 分值.
     */
    kind: z.literal('deadline'),
    met: name,
    /**
     * A row done after its deadline: `formula` scores it, or `tiers` leaves it to judgement within the
     * framework's 定性 tiers below the top one (部分达成 / 未达成).
     */
    late: z.enum(['formula', 'tiers']).default('tiers'),
  }),
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
    ...formulaFields,
    kind: z.literal('criterion'),
    /**
     * Inputs without which the criterion is not scored at all at self-evaluation (not 无法判定):
     * seed 003's 自评准确 waits for the reviewer's score.
     */
    notScoredWithout: z.array(name).default([]),
    /** The criterion compares the self score with a reviewer's (复核分): which inputs hold them. */
    review: z.strictObject({ self: name, review: name }).optional(),
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
  inputs: z
    .array(
      z.object({
        name,
        description: z.string().optional(),
        /** number (default), percent (stated in %, e.g. 执行进度), text (是/否 answers). */
        type: z.enum(['number', 'percent', 'text']).default('number'),
      }),
    )
    .default([]),
  grades: z
    .object({
      cite: name,
      bands: z
        .array(
          z.object({
            label: name,
            min: decimal,
            aliases: z.array(name).default([]),
            /**
             * What the grade means for next year's budget (中: 压减 5%–10%; 差: 压减 50% 或取消), as
             * the framework's document states it; `budgetCut` is [min, max] in percent.
             */
            consequence: z
              .strictObject({
                text: name,
                budgetCut: z.tuple([decimal, decimal]).optional(),
                mayCancel: z.boolean().default(false),
              })
              .optional(),
          }),
        )
        .min(1),
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
    /**
     * What the form itself prints about its rules (得分 = 20分×执行率, 80%（含）-50%), each with what it
     * tells a reader. A framework that declares notes or weights needs at least one of them found.
     */
    notes: z.array(z.strictObject({ text: name, says: name })).default([]),
    /** 分值 of the budget-execution line the form prints (20 where the form scores 20 × 执行率). */
    budgetWeight: decimal.optional(),
    /** 一级 weights the form prints (产出 40, 效益 40, 满意度 20). */
    level1Weights: z.array(z.strictObject({ name, weight: decimal })).default([]),
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
