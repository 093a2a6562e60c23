import type { BudgetLine, NarrativeStatement } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import type { Stated } from '../../model/stated.ts';
import { D } from '../../numbers/decimal.ts';
import { compareWithRounding } from '../../numbers/tolerance.ts';
import type { AuditContext } from '../context.ts';
import { finding, show } from '../finding-kit.ts';

/** "其中：（1）财政性资金", "2、资金结构：（1）基本支出", "其中:基本支出：" → "财政性资金", "基本支出". */
export function normaliseLabel(label: string): string {
  return label
    .replace(/\s/g, '')
    .replace(/^.*[：:]\s*(?=\S)/, (m) => (m.length < label.length ? '' : m))
    .replace(/^(其中|[0-9一二三四五六七八九十]+[、.．])/, '')
    .replace(/^[（(][0-9一二三四五六七八九十]+[)）]/, '')
    .replace(/[：:]$/, '');
}

function agrees(a: Stated, b: Stated): boolean {
  if (a.value === null || b.value === null) return false;
  const v = compareWithRounding(new D(a.value), a.decimals, new D(b.value), [b.decimals]).verdict;
  return v === 'equal' || v === 'within-rounding';
}

function isAmount(s: NarrativeStatement): boolean {
  return s.value.value !== null && !s.value.percent && /元/.test(s.value.unit ?? '') && !s.value.approximate;
}

function columnsFor(s: NarrativeStatement, line: BudgetLine): Array<[string, Stated | undefined]> {
  const q = s.qualifiers.join('') + s.subject;
  if (/年初/.test(q)) return [['年初预算数', line.initialBudget]];
  if (/决算|执行|支出|使用/.test(q) && !/预算/.test(q))
    return [
      ['执行数', line.executed],
      ['全年预算数', line.adjustedBudget],
    ];
  return [
    ['年初预算数', line.initialBudget],
    ['全年预算数', line.adjustedBudget],
    ['执行数', line.executed],
  ];
}

/**
 * 表文不符: an amount the prose gives for a line of the table ("基本支出388.11万元") must be one of that
 * line's stated figures; a project's figures in the prose must be its row of the 汇总表.
 */
export function checkNarrativeAgainstTables(ctx: AuditContext): Finding[] {
  const { evaluation, document } = ctx;
  const out: Finding[] = [];
  const lines = evaluation.budget.map((l) => ({ line: l, key: normaliseLabel(l.label) }));
  const keys = new Set(lines.map((l) => l.key).filter((k) => k.length >= 2));
  for (const s of document.statements) {
    if (!isAmount(s) || s.about) continue;
    const subject = normaliseLabel(s.subject);
    if (!keys.has(subject)) continue;
    const match = lines.find(({ key }) => key === subject);
    if (!match) continue;
    const columns = columnsFor(s, match.line).filter(([, v]) => v && v.value !== null) as Array<
      [string, Stated]
    >;
    if (!columns.length || columns.some(([, v]) => agrees(s.value, v))) continue;
    out.push(
      finding({
        code: 'cross-table-mismatch',
        severity: 'warning',
        message: `正文称「${s.subject}」${s.value.raw}，表中「${match.line.label}」为 ${columns
          .map(([name, v]) => `${name} ${v.raw}`)
          .join('、')}，对不上。`,
        evaluation,
        source: s.source,
        budgetLine: match.line.label,
        evidence: {
          stated: s.value.raw,
          computed: columns.map(([, v]) => v.raw).join(' / '),
          text: s.text,
          others: columns.map(([name, v]) => ({
            value: v.raw,
            location: v.source ?? match.line.source ?? {},
            text: name,
          })),
        },
        rule: 'audit.narrative-vs-budget',
      }),
    );
  }

  for (const row of evaluation.summaryRows) {
    const about = document.statements.filter(
      (s) => s.about && (row.name.includes(s.about) || s.about.includes(row.name)),
    );
    for (const s of about) {
      const [field, name] = summaryField(s);
      if (!field) continue;
      const v = row[field];
      if (!v || v.value === null || s.value.value === null || agrees(s.value, v)) continue;
      out.push(
        finding({
          code: 'cross-table-mismatch',
          severity: 'error',
          message: `「${row.name}」的${name}：正文为 ${s.value.raw}，汇总表为 ${v.raw}。`,
          evaluation,
          source: s.source,
          evidence: {
            stated: s.value.raw,
            computed: v.raw,
            text: s.text,
            others: [{ value: v.raw, location: v.source ?? row.source ?? {}, text: '汇总表' }],
          },
          rule: 'audit.narrative-vs-summary',
        }),
      );
    }
  }
  out.push(...checkTotalsAgainstProse(ctx), ...checkRateAgainstFinalAccounts(ctx));
  return out;
}

type SummaryFigure = 'statedScore' | 'executionRate' | 'executed' | 'adjustedBudget';

function summaryField(s: NarrativeStatement): [SummaryFigure | null, string] {
  const q = s.subject + s.qualifiers.join('');
  if (s.value.unit === '分' || /得分/.test(q)) return ['statedScore', '自评得分'];
  if (s.value.percent && /完成预算|执行率/.test(q + s.text)) return ['executionRate', '预算执行率'];
  if (/元/.test(s.value.unit ?? '') && /执行/.test(q)) return ['executed', '全年执行数'];
  if (/元/.test(s.value.unit ?? '') && /预算/.test(q)) return ['adjustedBudget', '全年预算数'];
  return [null, ''];
}

/** The self-score the prose gives for this evaluation must be the one its table gives. */
function checkTotalsAgainstProse(ctx: AuditContext): Finding[] {
  const { evaluation, document } = ctx;
  const total = evaluation.statedTotal;
  if (!total || total.value === null) return [];
  const mine = document.statements.filter((s) => {
    if (s.value.unit !== '分' || !/(自评|绩效|评价)得分(为)?$/.test(s.subject)) return false;
    // 一级 subtotals and single items are scores too, but not the total: "一级指标投入管理指标：总得分 29 分".
    if (/指标|该项|各项|其中/.test(s.subject + s.text.slice(0, s.text.indexOf(s.value.raw)))) return false;
    if (evaluation.kind === 'project') return !!s.about && !!evaluation.projectName?.includes(s.about);
    return !s.about && evaluation.kind === 'department';
  });
  return mine
    .filter((s) => s.value.value !== null && !agrees(s.value, total) && total.source?.line !== s.source?.line)
    .map((s) =>
      finding({
        code: 'narrative-conflict',
        severity: 'error',
        message: `正文自评得分为 ${s.value.raw}，表中为 ${total.raw}。`,
        evaluation,
        source: s.source,
        evidence: {
          stated: s.value.raw,
          computed: total.raw,
          text: s.text,
          others: [{ value: total.raw, location: total.source ?? {} }],
        },
        rule: 'audit.narrative-total',
      }),
    );
}

/**
 * The table's 执行率 against the prose's 决算数 (seed 002: the table says 61.23%, the prose says 决算
 * 674.85 of a 674.85 budget). Only when the table itself gives no 执行数.
 */
function checkRateAgainstFinalAccounts(ctx: AuditContext): Finding[] {
  const { evaluation, document } = ctx;
  const total = evaluation.budget.find((l) => l.role === 'total');
  if (!total?.executionRate?.value || total.executed?.value != null) return [];
  const budget = total.adjustedBudget?.value != null ? total.adjustedBudget : total.initialBudget;
  if (!budget?.value || new D(budget.value).isZero()) return [];
  const finals = document.statements.filter(
    (s) =>
      isAmount(s) &&
      !s.about &&
      /^(决算数|本年支出|本年支出合计|支出合计|总支出|决算报表支出)$/.test(s.subject),
  );
  const spent = finals[0];
  if (!spent) return [];
  const computed = new D(spent.value.value!).div(budget.value).times(100);
  const v = compareWithRounding(
    new D(total.executionRate.value),
    total.executionRate.decimals,
    computed,
    [2],
  ).verdict;
  if (v === 'equal' || v === 'within-rounding') return [];
  return [
    finding({
      code: 'narrative-conflict',
      severity: 'error',
      message: `表中预算执行率 ${total.executionRate.raw}，但正文称${spent.subject} ${spent.value.raw}，按全年预算数 ${budget.raw} 计算执行率为 ${show(computed)}%。执行率（及按它计算的得分 ${total.statedScore?.raw ?? ''}）与决算数矛盾。`,
      evaluation,
      source: total.executionRate.source ?? total.source,
      budgetLine: total.label,
      evidence: {
        stated: total.executionRate.raw,
        computed: `${show(computed)}%`,
        formula: `${spent.value.raw} ÷ ${budget.raw} × 100% = ${show(computed, 4)}%`,
        text: spent.text,
        others: [{ value: spent.value.raw, location: spent.source ?? {}, text: spent.text }],
      },
      rule: 'audit.rate-vs-final-accounts',
    }),
  ];
}
