import {
  D,
  fundsRates,
  type BudgetLine,
  type EvaluationResult,
  type NarrativeStatement,
  type SummaryRow,
} from '@jixiao/core';
import { fill, type FieldValues, type ReportLayout, type StatedFigure } from './layout.ts';
import { executionRate, money, moneyOf, rate, rateText, scoreText } from './format.ts';
import { cleanText } from './text.ts';

/** The line that speaks for the whole budget: the total, else the first line with both figures. */
export function mainBudgetLine(lines: BudgetLine[]): BudgetLine | undefined {
  return (
    lines.find((l) => l.role === 'total') ??
    lines.find((l) => l.adjustedBudget?.value && l.executed?.value !== undefined)
  );
}

/** 到位资金执行率 (实际支出 ÷ 实际到位资金) as core computes it, 2 decimals; undefined without both figures. */
function spentRateText(line: BudgetLine): string | undefined {
  const rate = fundsRates(line).spentRate;
  return rate === null ? undefined : `${rate.toFixed(2)}%`;
}

/** Name of an evaluation in a sub-heading: the project, else its title. */
export function evaluationLabel(result: EvaluationResult): string {
  const e = result.evaluation;
  return cleanText(e.projectName ?? e.title);
}

/** Every field a report template may name, for one evaluation. */
export function evaluationFields(
  result: EvaluationResult,
  layout: ReportLayout,
  main?: EvaluationResult,
  statements: NarrativeStatement[] = [],
): FieldValues {
  const { evaluation: e, score } = result;
  const line = mainBudgetLine(e.budget);
  const unmet = score.indicators.filter((s) => s.met === false).length;
  const unjudged = score.indicators.filter((s) => s.outcome === 'not-judgeable').length;
  const text = (s: string | undefined) => (s === undefined ? undefined : cleanText(s).trim() || undefined);
  const fields: FieldValues = {
    title: text(e.title),
    organization: text(e.organization),
    year: e.year === undefined ? undefined : String(e.year),
    projectName: text(e.projectName),
    projectCodeNote: e.projectCode ? `（项目编码 ${cleanText(e.projectCode)}）` : '',
    kindLabel: layout.labels.kind[e.kind] ?? e.kind,
    goal: text(e.goal),
    goalAchieved: text(e.goalAchieved),
    implementingUnit: text(e.implementingUnit),
    implementation: text(e.implementation),
    projectLead: text(e.projectLead),
    financeLead: text(e.financeLead),
    preparer: text(e.preparer),
    contact: text(e.contact),
    phone: text(e.phone),
    filledDate: text(e.filledDate),
    problems: text(e.problems),
    measures: text(e.measures),
    conclusion: text(e.conclusion),
    initialBudget: line?.initialBudget?.value ? money(line.initialBudget) : undefined,
    adjustedBudget: line?.adjustedBudget?.value ? money(line.adjustedBudget) : undefined,
    executed: line?.executed?.value ? money(line.executed) : undefined,
    executionRate: (line && rateText(line.adjustedBudget, line.executed, line.executionRate)) || undefined,
    received: line?.received?.value ? money(line.received) : undefined,
    spentRate: line?.received ? spentRateText(line) : undefined,
    indicatorCount: e.indicators.length ? String(e.indicators.length) : undefined,
    unmetCount: String(unmet),
    unjudgedCount: String(unjudged),
    statedTotal: scoreText(score.statedTotal) || undefined,
    computedTotal: scoreText(score.computedTotal) || undefined,
    computedGrade: score.computedGrade ?? undefined,
    statedGrade: text(score.statedGrade ?? e.statedGrade?.raw),
    frameworkName: score.frameworkName,
    frameworkId: score.frameworkId,
    frameworkVersion: score.frameworkVersion,
    maxTotal: scoreText(score.maxTotal),
    findingCount: String(result.findings.length),
  };
  Object.assign(fields, summaryFields(e.summaryRows));
  for (const [name, figure] of Object.entries(layout.statedFigures ?? {})) {
    if (!figure.kinds.includes(e.kind)) continue;
    const found = statedFigure(figure, statements);
    if (!found) continue;
    fields[name] = found.text;
    fields[`${name}Source`] = found.line ? `${figure.source}第 ${found.line} 行` : figure.source;
  }
  // Set when another evaluation of the report already named the same organization and year.
  fields.sameOrganizationAsMain =
    main &&
    main !== result &&
    main.evaluation.organization === e.organization &&
    main.evaluation.year === e.year
      ? '1'
      : undefined;
  fields.incompleteNote = score.totalIncomplete ? layout.labels.incomplete : '';
  fields.statedGradeNote = fields.statedGrade ? fill(layout.labels.statedGrade, fields, layout.blank) : '';
  // What the published report may say of the grade: the department's own, else the band of its stated score.
  fields.publicGrade = fields.statedGrade ?? score.gradeOfStatedTotal ?? undefined;
  fields.publicGradeNote = fields.publicGrade ? `，自评等级「${fields.publicGrade}」` : '';
  return fields;
}

/** Totals over a 汇总表's rows: sums only over rows that state both figures, so the rate compares like with like. */
function summaryFields(rows: SummaryRow[]): FieldValues {
  if (!rows.length) return {};
  const both = rows.filter((r) => r.adjustedBudget?.value && r.executed?.value);
  const budget = both.reduce((acc, r) => acc.plus(r.adjustedBudget?.value ?? 0), D(0));
  const executed = both.reduce((acc, r) => acc.plus(r.executed?.value ?? 0), D(0));
  const scores = rows.flatMap((r) => (r.statedScore?.value ? [D(r.statedScore.value)] : []));
  const asStated = (v: string) => ({ raw: v, value: v, decimals: 2, percent: false });
  return {
    projectCount: String(rows.length),
    summaryBudget: both.length ? moneyOf(budget) : undefined,
    summaryExecuted: both.length ? moneyOf(executed) : undefined,
    summaryRate: both.length
      ? rate(executionRate(asStated(budget.toFixed()), asStated(executed.toFixed()))) || undefined
      : undefined,
    scoreMin: scores.length ? scoreText(D.min(...scores).toFixed()) : undefined,
    scoreMax: scores.length ? scoreText(D.max(...scores).toFixed()) : undefined,
    deviationCount: String(rows.filter((r) => r.deviation?.trim()).length),
  };
}

/**
 * The prose's own figure for a field: a statement of the document as a whole (no project named) whose
 * subject is one of the figure's, in 万元 or in percent as the figure asks.
 */
function statedFigure(
  figure: StatedFigure,
  statements: NarrativeStatement[],
): { text: string; line?: number } | undefined {
  for (const subject of figure.subjects) {
    const hit = statements.find(
      (s) =>
        s.subject === subject &&
        !s.about &&
        s.value.value !== null &&
        !s.value.approximate &&
        (figure.unit === 'rate' ? s.value.percent : !s.value.percent && s.value.unit === '万元'),
    );
    if (!hit) continue;
    const text = figure.unit === 'rate' ? rate(hit.value.value) : money(hit.value);
    const line = hit.source?.line ?? hit.value.source?.line;
    return line === undefined ? { text } : { text, line };
  }
  return undefined;
}
