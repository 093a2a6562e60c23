import type { Finding } from '../../model/finding.ts';
import type { Evaluation } from '../../model/evaluation.ts';
import { isBlank, type Stated } from '../../model/stated.ts';
import { D } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/** A cell left empty. A dash or slash is a deliberate "不适用" and is not blank. */
const blank = isBlank;
const positive = (v: Stated | undefined) => v?.value != null && new D(v.value).gt(0);

/**
 * 应填未填 — cells the form asks for left empty where a score is due: the budget-execution 得分 beside its
 * 分值 (corpus 008, 037), the 执行数 behind a stated 执行率 (018), and indicators carrying a 分值 with neither
 * 完成值 nor 得分 (039: a self-evaluation published unfilled). A table cut off by the copy is not judged on
 * the rows it lost, and the last row of a cut-off table may be incomplete for the same reason.
 */
export function checkUnfilledCells(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const out: Finding[] = [];
  const total = evaluation.budget.find((l) => l.role === 'total');
  if (total) {
    const executionGiven = !blank(total.executed) || !blank(total.executionRate);
    if (positive(total.weight) && blank(total.statedScore) && executionGiven) {
      out.push(
        finding({
          code: 'unfilled',
          severity: 'warning',
          message: `预算执行情况的得分栏为空：分值 ${total.weight!.raw}，执行率 ${total.executionRate?.raw || '（空）'}。请按执行率填写得分。`,
          evaluation,
          source: total.source,
          budgetLine: total.label,
          evidence: {
            stated: '（空）',
            inputs: { 分值: total.weight!.raw, 执行率: total.executionRate?.raw ?? '' },
          },
          rule: 'audit.blank-budget-score',
        }),
      );
    }
    if (
      blank(total.executed) &&
      !blank(total.executionRate) &&
      !blank(total.adjustedBudget ?? total.initialBudget)
    ) {
      const budget = (total.adjustedBudget ?? total.initialBudget)!;
      out.push(
        finding({
          code: 'unfilled',
          severity: 'warning',
          message: `预算执行情况填了执行率 ${total.executionRate!.raw}，执行数却为空（预算数 ${budget.raw} 万元）。执行率由执行数 ÷ 预算数得出，请填写执行数。`,
          evaluation,
          source: total.source,
          budgetLine: total.label,
          evidence: { stated: '（空）', inputs: { 预算数: budget.raw, 执行率: total.executionRate!.raw } },
          rule: 'audit.blank-executed',
        }),
      );
    }
  }
  const due = evaluation.indicators.filter((i) => positive(i.weight));
  const lastOfCutOff = evaluation.cutOff ? evaluation.indicators.at(-1) : undefined;
  const empty = due.filter((i) => i !== lastOfCutOff && blank(i.actual) && blank(i.statedScore));
  if (empty.length) {
    const names = empty.map((i) => `「${i.name}」`).join('、');
    const all = empty.length === due.length;
    out.push(
      finding({
        code: 'unfilled',
        severity: 'warning',
        message: `${all ? '所有 ' : ''}${empty.length} 个设了分值的指标完成值和得分都为空：${names}。自评表须逐项填写完成值并评分。`,
        evaluation,
        source: empty[0]!.source,
        indicator: empty[0]!.name,
        evidence: { inputs: Object.fromEntries(empty.map((i) => [i.name, i.weight!.raw])) },
        rule: 'audit.blank-indicator-results',
      }),
    );
  }
  return out;
}

/**
 * 填表说明 — the form's own instructions left in the answer cells ("结合自评情况,说明项目自评总分…(200字以内)",
 * corpus 039): the 评价结论, 存在问题, 改进措施 or 年度目标 were not written.
 */
const INSTRUCTION = /[(（]\s*\d+\s*字以内\s*[)）]|^(结合自评情况|对照年度目标|针对项目自评中发现的问题)/;

/** The form's title where a copy runs it on after the project's name: 支出绩效自评表, 项目绩效目标自评表. */
const FORM_TITLE_TAIL = /(项目)?(支出)?绩效(目标)?自评(表|报告)$/;

export function checkTemplateText(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const fields: Array<[string, string | undefined]> = [
    ['年度目标', evaluation.goal],
    ['评价结论', evaluation.conclusion],
    ['存在问题', evaluation.problems],
    ['改进措施', evaluation.measures],
  ];
  const left = fields.filter(([, text]) => text && INSTRUCTION.test(text.trim()));
  const out: Finding[] = [];
  const goal = squeeze(evaluation.goal ?? '');
  // A project name read with the form's title after it (042: 「…补助经费支出绩效自评表」) is compared without it.
  const name = squeeze(evaluation.projectName ?? '').replace(FORM_TITLE_TAIL, '');
  // 年度目标 that only repeats the project's name (corpus 042: 「自然资源卫片执法补助经费」) states no target.
  if (goal.length >= 4 && name && name.endsWith(goal)) {
    out.push(
      finding({
        code: 'unfilled',
        severity: 'warning',
        message: `年度目标只写了项目名称「${evaluation.goal!.trim()}」，没有说明要完成什么、达到什么程度。`,
        evaluation,
        evidence: { inputs: { 年度目标: evaluation.goal!, 项目名称: evaluation.projectName! } },
        rule: 'audit.goal-is-name',
      }),
    );
  }
  if (!left.length) return out;
  return [
    ...out,
    finding({
      code: 'unfilled',
      severity: 'warning',
      message: `${left.map(([label]) => `「${label}」`).join('、')}填的是表格的填表说明（如「${clip(left[0]![1]!)}」），没有填写实际内容。`,
      evaluation,
      evidence: { inputs: Object.fromEntries(left.map(([label, text]) => [label, text!])) },
      rule: 'audit.template-text',
    }),
  ];
}

const squeeze = (text: string) => text.replace(/[\s\u3000]+/g, '');
const clip = (text: string) => (text.length > 24 ? `${text.slice(0, 24)}…` : text);

/**
 * 年度 — a target that names an earlier year as its own plan or deadline ("2022年…计划使用财政资金" in a
 * 2023年度 table, corpus 039; "2021年11月30日前完成" in a 2022 table, 043): copied forward from last year's
 * form. Earlier years named as the source of money (结转, 上年, 往年, 下达, 资金) are ordinary and not flagged.
 */
const YEAR =
  /((?:19|20)\d{2})\s*年(度|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:前|底|之前|以前)|[^，,。；;]{0,12}计划)/g;
const FUNDS_OF_EARLIER_YEAR = /结转|结余|上年|往年|以前年度|下达|提前|资金项目|补助资金/;

export function checkStaleYears(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const year = evaluation.year;
  if (!year) return [];
  const texts: Array<{ where: string; text: string; e: Evaluation; indicator?: string }> = [];
  if (evaluation.goal) texts.push({ where: '年度目标', text: evaluation.goal, e: evaluation });
  for (const i of evaluation.indicators) {
    for (const text of [i.name, i.target?.raw ?? ''])
      if (text) texts.push({ where: `指标「${i.name}」`, text, e: evaluation, indicator: i.name });
  }
  const out: Finding[] = [];
  for (const t of texts) {
    for (const m of t.text.matchAll(YEAR)) {
      const named = Number(m[1]);
      if (named >= year) continue;
      const clause = clauseAround(t.text, m.index);
      if (FUNDS_OF_EARLIER_YEAR.test(clause)) continue;
      out.push(
        finding({
          code: 'year-mismatch',
          severity: 'warning',
          message: `${t.where}写的是 ${named} 年（「${clip(clause)}」），而本表是 ${year} 年度。像是沿用了往年的内容，请改为本年度的目标。`,
          evaluation,
          indicator: t.indicator,
          evidence: { stated: String(named), computed: String(year), inputs: { 原文: clause } },
          rule: 'audit.stale-year',
        }),
      );
      break;
    }
  }
  return out;
}

function clauseAround(text: string, at: number): string {
  const stops = /[，,。；;]/;
  let start = at;
  while (start > 0 && !stops.test(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && !stops.test(text[end]!)) end++;
  return text.slice(start, end).trim();
}
