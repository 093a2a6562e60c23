import { z } from 'zod';
import { jsonPath } from '../frameworks/error.ts';
import { BASIC_FIELDS, FUNDS_RECEIVED, INDICATOR_EXPLANATION } from './basic-fields.ts';
import type {
  BudgetLine,
  CategoryScore,
  Evaluation,
  Indicator,
  IndicatorCount,
  MonitoringPoint,
  SummaryRow,
  UnmetExplanation,
} from './evaluation.ts';
import type { SourceRef } from './source.ts';
import type { Stated } from './stated.ts';

/**
 * 自评数据的校验 — the grammar of an Evaluation as JSON, for everything that arrives from outside a reader
 * (a save through the API, a file of JSON). Scoring trusts the model's types; one value of the wrong
 * shape stored would make the evaluation fail to score on every later read, so nothing is stored that
 * does not parse here. The limits are far above any real form (the seeds have at most 30 indicator rows
 * and 45 KB of JSON) and exist so that one request cannot store a table no page can show.
 */
export const EVALUATION_LIMITS = {
  /** Rows per table. */
  rows: {
    budget: 1000,
    indicators: 2000,
    categoryScores: 200,
    summaryRows: 2000,
    indicatorCounts: 200,
    monitoring: 100,
    unmetExplanations: 1000,
    formSignature: 1000,
    inputs: 500,
  },
  /** Characters: ids, names, labels, captions and positions. */
  name: 500,
  /** Characters of a value as written (a 定性 actual may be a sentence). */
  raw: 10_000,
  /** Characters of a decimal value; also the most decimal places. */
  decimal: 1000,
  /** Characters of a free text: reasons, 计分标准, goal, problems, measures, conclusion. */
  text: 20_000,
  /** Characters of the whole evaluation as JSON. */
  total: 5_000_000,
} as const;

const L = EVALUATION_LIMITS;

/** Canonical decimal as parseStated writes it: no exponent, no separators, no plus sign. */
const DECIMAL = /^-?\d+(\.\d+)?$/;
/**
 * PostgreSQL's jsonb refuses NUL and unpaired surrogates: such a string would fail the save with a
 * database error, so it is refused here with its place instead.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (s) => !s.includes('\u0000') && !LONE_SURROGATE.test(s),
      '含有无法保存的字符（NUL 或不成对的代理项）',
    );
const nameText = text(L.name);
const count = (max: number) => z.number().int().min(0).max(max);

const sourceSchema = z.strictObject({
  file: nameText.optional(),
  line: count(100_000_000).optional(),
  endLine: count(100_000_000).optional(),
  table: nameText.optional(),
  row: count(100_000_000).optional(),
  column: nameText.optional(),
  sheet: nameText.optional(),
  cell: nameText.optional(),
  paragraph: count(100_000_000).optional(),
  page: count(100_000).optional(),
  derivation: text(L.raw).optional(),
});

const decimalText = z
  .string({ error: '应为数字文本' })
  .max(L.decimal)
  .regex(DECIMAL, { error: '应为数字文本（如 "70.47"、"-3"）' });

const statedSchema = z.strictObject({
  raw: text(L.raw),
  value: decimalText.nullable(),
  decimals: count(L.decimal),
  percent: z.boolean(),
  sign: z.enum(['≥', '≤', '=', '>', '<']).optional(),
  unit: nameText.optional(),
  approximate: z.boolean().optional(),
  source: sourceSchema.optional(),
});

const stated = statedSchema.optional();
const source = sourceSchema.optional();

const budgetLineSchema = z.strictObject({
  id: nameText.min(1),
  label: nameText,
  role: z.enum(['total', 'source', 'nature', 'task', 'economic', 'function', 'other']),
  partOf: nameText.optional(),
  initialBudget: stated,
  adjustedBudget: stated,
  received: stated,
  executed: stated,
  executionRate: stated,
  weight: stated,
  statedScore: stated,
  reason: text(L.text).optional(),
  source,
});

const indicatorSchema = z.strictObject({
  id: nameText.min(1),
  level1: nameText,
  level2: nameText,
  name: nameText,
  direction: z.enum(['≥', '≤', '=', 'qualitative']).nullable(),
  target: stated,
  unit: nameText.optional(),
  actual: stated,
  weight: stated,
  statedScore: stated,
  deviationReason: text(L.text).optional(),
  criterionText: text(L.text).optional(),
  explanation: text(L.text).optional(),
  adjustedTarget: stated,
  notApplicable: z.boolean().optional(),
  source,
});

const categoryScoreSchema = z.strictObject({
  level1: nameText,
  weight: stated,
  statedScore: stated,
  source,
});

const summaryRowSchema = z.strictObject({
  index: count(10_000_000).optional(),
  name: nameText,
  adjustedBudget: stated,
  executed: stated,
  executionRate: stated,
  statedScore: stated,
  deviation: text(L.text).optional(),
  source,
});

const indicatorCountSchema = z.strictObject({
  type: nameText,
  planned: stated,
  completed: stated,
  source,
});

const monitoringPointSchema = z.strictObject({
  month: z.number().int().min(1).max(12),
  target: stated,
  actual: stated,
  reason: text(L.text).optional(),
  source,
});

const unmetExplanationSchema = z.strictObject({
  type: nameText.optional(),
  indicator: nameText,
  target: stated,
  actual: stated,
  reason: text(L.text).optional(),
  source,
});

const table = <T extends z.ZodType>(row: T, max: number) => z.array(row).max(max);

/** Ids name rows in findings and in the editor: two rows with one id would be edited as one. */
function uniqueIds(rows: ReadonlyArray<{ id: string }>, key: 'budget' | 'indicators', ctx: z.RefinementCtx) {
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const first = seen.get(r.id);
    if (first === undefined) seen.set(r.id, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [key, i, 'id'],
        message: `重复：「${r.id}」已是第 ${first + 1} 个${ROW_NAMES[key]}的编号`,
      });
  });
}

export const evaluationSchema = z
  .strictObject({
    id: nameText.min(1),
    title: nameText,
    kind: z.enum(['project', 'department', 'summary']),
    year: z.number().int().min(0).max(9999).optional(),
    organization: nameText.optional(),
    projectName: nameText.optional(),
    projectCode: nameText.optional(),
    implementingUnit: nameText.optional(),
    projectLead: nameText.optional(),
    financeLead: nameText.optional(),
    preparer: nameText.optional(),
    contact: nameText.optional(),
    phone: nameText.optional(),
    filledDate: nameText.optional(),
    formSignature: table(nameText, L.rows.formSignature),
    inputs: z
      .record(nameText.min(1), statedSchema)
      .refine((r) => Object.keys(r).length <= L.rows.inputs, `最多 ${L.rows.inputs} 项`),
    frameworkId: nameText.optional(),
    budget: table(budgetLineSchema, L.rows.budget),
    indicators: table(indicatorSchema, L.rows.indicators),
    categoryScores: table(categoryScoreSchema, L.rows.categoryScores),
    statedTotal: stated,
    statedWeightTotal: stated,
    statedGrade: z.strictObject({ raw: text(L.raw), source }).optional(),
    summaryRows: table(summaryRowSchema, L.rows.summaryRows),
    indicatorCounts: table(indicatorCountSchema, L.rows.indicatorCounts),
    monitoring: table(monitoringPointSchema, L.rows.monitoring),
    unmetExplanations: table(unmetExplanationSchema, L.rows.unmetExplanations),
    goal: text(L.text).optional(),
    goalAchieved: text(L.text).optional(),
    implementation: text(L.text).optional(),
    problems: text(L.text).optional(),
    measures: text(L.text).optional(),
    conclusion: text(L.text).optional(),
    resultUse: text(L.text).optional(),
    cutOff: text(L.text).optional(),
    source,
  })
  .superRefine((e, ctx) => {
    uniqueIds(e.budget, 'budget', ctx);
    uniqueIds(e.indicators, 'indicators', ctx);
  });

// The schema is the model written a second time; these fail to compile when the two drift apart
// (a field added to the model and not here would otherwise be refused on every save).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Same<A, B> = Exact<A, B> extends true ? Exact<keyof A, keyof B> : false;
type Assert<T extends true> = T;
type Out = z.output<typeof evaluationSchema>;
type _SchemaMatchesModel = [
  Assert<Same<Out, Evaluation>>,
  Assert<Same<Out['budget'][number], BudgetLine>>,
  Assert<Same<Out['indicators'][number], Indicator>>,
  Assert<Same<Out['categoryScores'][number], CategoryScore>>,
  Assert<Same<Out['summaryRows'][number], SummaryRow>>,
  Assert<Same<Out['indicatorCounts'][number], IndicatorCount>>,
  Assert<Same<Out['monitoring'][number], MonitoringPoint>>,
  Assert<Same<Out['unmetExplanations'][number], UnmetExplanation>>,
  Assert<Same<NonNullable<Out['statedTotal']>, Stated>>,
  Assert<Same<NonNullable<Out['statedGrade']>, NonNullable<Evaluation['statedGrade']>>>,
  Assert<Same<NonNullable<Out['source']>, SourceRef>>,
];

/**
 * 自评数据有误 — a value that is not an Evaluation. The message is Chinese and names the place as a user
 * sees it and as JSON, e.g. "第 3 个指标（indicators[2]）的 分值.value 应为数字文本，收到 数组".
 */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
  constructor(
    /** JSON path of the first problem, e.g. indicators[2].weight.value; '' for the whole. */
    readonly path: string,
    /** The first problem, with its place. */
    readonly problem: string,
    /** How many problems there are in all. */
    readonly count: number,
  ) {
    super(count > 1 ? `${problem}（另有 ${count - 1} 处问题）` : problem);
  }
}

const ROW_NAMES = {
  budget: '预算执行行',
  indicators: '指标',
  categoryScores: '一级指标小计',
  summaryRows: '汇总表行',
  indicatorCounts: '指标完成情况统计行',
  monitoring: '执行进度监控点',
  unmetExplanations: '未完成指标说明',
  formSignature: '表头文字',
} as const;

type TableKey = keyof typeof ROW_NAMES;

const TOP_LABELS: Record<string, string> = {
  id: '编号',
  title: '标题',
  kind: '评价类型',
  year: '年度',
  organization: '部门（单位）名称',
  projectName: '项目名称',
  projectCode: '项目编码',
  implementingUnit: BASIC_FIELDS.implementingUnit.name,
  projectLead: BASIC_FIELDS.projectLead.name,
  financeLead: BASIC_FIELDS.financeLead.name,
  preparer: BASIC_FIELDS.preparer.name,
  contact: BASIC_FIELDS.contact.name,
  phone: BASIC_FIELDS.phone.name,
  filledDate: BASIC_FIELDS.filledDate.name,
  formSignature: '表头文字',
  inputs: '输入项',
  frameworkId: '评分框架',
  budget: '预算执行情况',
  indicators: '绩效指标',
  categoryScores: '一级指标小计',
  statedTotal: '自评总分',
  statedWeightTotal: '分值合计',
  statedGrade: '自评等级',
  summaryRows: '汇总表',
  indicatorCounts: '指标完成情况统计',
  monitoring: '执行进度监控',
  unmetExplanations: '未完成指标说明',
  goal: '年度目标',
  goalAchieved: BASIC_FIELDS.goalAchieved.name,
  implementation: BASIC_FIELDS.implementation.name,
  problems: '存在问题',
  measures: '改进措施',
  conclusion: '评价结论',
  resultUse: '结果应用',
  cutOff: '表格截断',
  source: '来源位置',
};

const SOURCE_LABEL = { source: '来源位置' };

const ROW_LABELS: Record<TableKey, Record<string, string>> = {
  budget: {
    id: '编号',
    label: '名称',
    role: '类别',
    partOf: '所属行',
    initialBudget: '年初预算数',
    adjustedBudget: '全年预算数',
    received: FUNDS_RECEIVED.name,
    executed: '执行数',
    executionRate: '执行率',
    weight: '分值',
    statedScore: '得分',
    reason: '原因',
    ...SOURCE_LABEL,
  },
  indicators: {
    id: '编号',
    level1: '一级指标',
    level2: '二级指标',
    name: '三级指标',
    direction: '指标性质',
    target: '指标值',
    unit: '度量单位',
    actual: '实际完成值',
    weight: '分值',
    statedScore: '自评得分',
    deviationReason: '偏差原因',
    criterionText: '计分标准',
    explanation: INDICATOR_EXPLANATION.name,
    adjustedTarget: '调整后指标值',
    notApplicable: '不适用',
    ...SOURCE_LABEL,
  },
  categoryScores: { level1: '一级指标', weight: '分值', statedScore: '得分', ...SOURCE_LABEL },
  summaryRows: {
    index: '序号',
    name: '项目名称',
    adjustedBudget: '全年预算数',
    executed: '全年执行数',
    executionRate: '预算执行率',
    statedScore: '自评得分',
    deviation: '是否有较大偏差',
    ...SOURCE_LABEL,
  },
  indicatorCounts: { type: '指标类型', planned: '设定数', completed: '完成数', ...SOURCE_LABEL },
  monitoring: { month: '月份', target: '目标', actual: '实际', reason: '原因', ...SOURCE_LABEL },
  unmetExplanations: {
    type: '指标类型',
    indicator: '指标',
    target: '指标值',
    actual: '实际完成值',
    reason: '原因',
    ...SOURCE_LABEL,
  },
  formSignature: {},
};

const isTable = (key: PropertyKey | undefined): key is TableKey =>
  typeof key === 'string' && Object.hasOwn(ROW_NAMES, key);

/** The rest of a path below a labelled field, as JSON: .value, .source.line. */
const tail = (rest: ReadonlyArray<PropertyKey>) =>
  rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');

/**
 * The place of a path in a user's terms, with the JSON path beside it: 标题（title）, 第 3 个指标
 * （indicators[2]）, 第 3 个指标（indicators[2]）的 分值.value, 输入项「年初预算数」（inputs.年初预算数）.
 */
function placeOf(path: ReadonlyArray<PropertyKey>): string {
  const [top, second, third, ...rest] = path;
  if (top === undefined) return '自评';
  const here = jsonPath(path.slice(0, 2));
  if (isTable(top) && typeof second === 'number') {
    const row = `第 ${second + 1} 个${ROW_NAMES[top]}（${here}）`;
    if (third === undefined) return row;
    const label = ROW_LABELS[top][String(third)] ?? String(third);
    return `${row}的 ${label}${tail(rest)}`;
  }
  if (top === 'inputs' && second !== undefined) {
    const input = `输入项「${String(second)}」（${here}）`;
    return third === undefined ? input : `${input}的 ${String(third)}${tail(rest)}`;
  }
  return `${TOP_LABELS[String(top)] ?? String(top)}（${jsonPath(path)}）`;
}

/** The field a missing value belongs to, in the same terms. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  const key = path[path.length - 1]!;
  const parent = path.slice(0, -1);
  if (parent.length === 0) return `${TOP_LABELS[String(key)] ?? String(key)}（${String(key)}）`;
  const [top] = parent;
  if (parent.length === 2 && isTable(top)) {
    const label = ROW_LABELS[top][String(key)];
    return label ? `${label}（${String(key)}）` : String(key);
  }
  return String(key);
}

const join = (place: string, problem: string) =>
  /[）」]$|^自评$/.test(place) ? `${place}${problem}` : `${place} ${problem}`;

const EXPECTED: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是否值（true 或 false）',
  array: '列表',
  object: '对象',
  record: '对象',
  null: 'null',
};

/** What was given, briefly: never the whole of a long string. */
function received(value: unknown): string {
  if (value === undefined) return '空';
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  switch (typeof value) {
    case 'string':
      return value.length > 20
        ? `文本 "${value.slice(0, 20)}…"（共 ${value.length} 个字符）`
        : `文本 "${value}"`;
    case 'number':
      return `数字 ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return '对象';
    default:
      return typeof value;
  }
}

/** The value at a path of the input as given (own properties only: no prototype is walked into). */
function valueAt(json: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } {
  let here: unknown = json;
  for (const key of path) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, key)) {
      return { found: false, value: undefined };
    }
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: here };
}

const UNITS: Record<string, string> = { string: '个字符', array: '项' };

function describe(issue: z.core.$ZodIssue, json: unknown): string {
  const { found, value } = valueAt(json, issue.path);
  // A required field left out: whatever zod expected of it (a type, one of a set), it is missing.
  if (!found && issue.path.length) {
    return join(placeOf(issue.path.slice(0, -1)), `缺少 ${fieldName(issue.path)}`);
  }
  const place = placeOf(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.message.startsWith('应为')
        ? issue.message
        : `应为${EXPECTED[issue.expected] ?? issue.expected}`;
      return join(place, `${expected}，收到 ${received(value)}`);
    }
    case 'invalid_value':
      return join(place, `应为 ${issue.values.map(String).join('、')} 之一，收到 ${received(value)}`);
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array') {
        const size = (value as { length: number }).length;
        const unit = UNITS[issue.origin]!;
        const what = issue.origin === 'array' ? '太多' : '过长';
        return join(place, `${what}：共 ${size} ${unit}，最多 ${issue.maximum} ${unit}`);
      }
      return join(place, `为 ${received(value)}，不能大于 ${issue.maximum}`);
    case 'too_small':
      if (issue.origin === 'string') return join(place, '不能为空');
      return join(place, `为 ${received(value)}，不能小于 ${issue.minimum}`);
    case 'unrecognized_keys':
      return join(place, `有不认识的字段${issue.keys.map((k) => `「${k}」`).join('、')}`);
    case 'invalid_key':
      return join(place, `有不合格的名称：${issue.issues[0]?.message ?? '格式不对'}`);
    default:
      return join(
        place,
        issue.message.startsWith('应为') ? `${issue.message}，收到 ${received(value)}` : issue.message,
      );
  }
}

/**
 * Checks the shape before the schema runs: a table of 100,000 rows is refused on its count rather than
 * parsed row by row, and an input named __proto__ (which a record parse would silently drop) is named.
 */
function precheck(json: unknown): EvaluationError | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return new EvaluationError('', `自评应为 JSON 对象，收到 ${received(json)}`, 1);
  }
  const e = json as Record<string, unknown>;
  for (const [key, max] of Object.entries(L.rows)) {
    const rows = Object.hasOwn(e, key) ? e[key] : undefined;
    const size = Array.isArray(rows)
      ? rows.length
      : key === 'inputs' && rows !== null && typeof rows === 'object'
        ? Object.keys(rows).length
        : 0;
    if (size > max) {
      return new EvaluationError(key, join(placeOf([key]), `太多：共 ${size} 项，最多 ${max} 项`), 1);
    }
  }
  const inputs = Object.hasOwn(e, 'inputs') ? e.inputs : undefined;
  if (inputs !== null && typeof inputs === 'object' && Object.hasOwn(inputs, '__proto__')) {
    return new EvaluationError('inputs', join(placeOf(['inputs']), '有不允许的名称「__proto__」'), 1);
  }
  return undefined;
}

/**
 * Reads an Evaluation from parsed JSON (a request body, a file), or throws EvaluationError naming the
 * first problem's place. What it returns is a new object holding only the model's fields.
 */
export function parseEvaluation(json: unknown): Evaluation {
  const early = precheck(json);
  if (early) throw early;
  const parsed = evaluationSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0]!;
    throw new EvaluationError(jsonPath(first.path), describe(first, json), issues.length);
  }
  const size = JSON.stringify(parsed.data).length;
  if (size > L.total) {
    throw new EvaluationError('', `自评数据过大：共 ${size} 个字符，最多 ${L.total} 个字符`, 1);
  }
  return parsed.data;
}
