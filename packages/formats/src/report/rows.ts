import {
  D,
  describeSource,
  FINDING_CODE_NAMES,
  isLargeDeviation,
  type EvaluationResult,
  type Finding,
  type Stated,
} from '@jixiao/core';
import { fill, type ReportLayout, type TableLayout } from './layout.ts';
import {
  asWritten,
  executionRate,
  money,
  rate as rateOf,
  rateText,
  scoreText,
  statedScore,
} from './format.ts';
import { evaluationLabel } from './fields.ts';
import { cleanText } from './text.ts';

/** One table row as named fields; the layout's columns pick and order them. `__total` marks a 合计 row. */
export type Row = Record<string, string | undefined> & { __total?: string };

export function budgetRows(result: EvaluationResult): Row[] {
  return result.evaluation.budget.map((l) => ({
    label: cleanText(l.label),
    initialBudget: money(l.initialBudget),
    adjustedBudget: money(l.adjustedBudget),
    received: money(l.received),
    executed: money(l.executed),
    executionRate: rateText(l.adjustedBudget, l.executed, l.executionRate),
    ...(l.role === 'total' ? { __total: '1' } : {}),
  }));
}

export function summaryTableRows(result: EvaluationResult): Row[] {
  return result.evaluation.summaryRows.map((s, i) => ({
    index: String(s.index ?? i + 1),
    name: cleanText(s.name),
    adjustedBudget: money(s.adjustedBudget),
    executed: money(s.executed),
    executionRate: rateText(s.adjustedBudget, s.executed, s.executionRate),
    statedScore: statedScore(s.statedScore),
    deviation: cleanText(s.deviation ?? ''),
  }));
}

export function indicatorRows(result: EvaluationResult, layout: ReportLayout, table: TableLayout): Row[] {
  const { evaluation: e, score } = result;
  const rows: Row[] = [];
  const be = score.budgetExecution;
  const label = layout.labels.budgetExecutionIndicator;
  if (be && !e.indicators.some((i) => i.level1.includes('预算执行'))) {
    rows.push({
      level1: label,
      level2: '',
      name: label,
      target: '',
      actual: rateOf(be.rateUsed),
      weight: scoreText(be.weight),
      statedScore: scoreText(be.stated),
      computedScore:
        be.outcome === 'scored' ? scoreText(be.computed) : (layout.labels.outcome[be.outcome] ?? ''),
    });
  }
  const byId = new Map(score.indicators.map((s) => [s.indicatorId, s]));
  for (const i of e.indicators) {
    const s = byId.get(i.id);
    let computed = '';
    if (s) {
      computed =
        s.outcome === 'scored' ? scoreText(s.computed) : (layout.labels.outcome[s.outcome] ?? s.outcome);
      if (s.outcome === 'manual' && s.allowedRange)
        computed += `（${s.allowedRange[0]}–${s.allowedRange[1]}）`;
    }
    rows.push({
      level1: cleanText(i.level1),
      level2: cleanText(i.level2),
      name: cleanText(i.name),
      target: cleanText(asWritten(i.target)),
      actual: cleanText(asWritten(i.actual)),
      weight: statedScore(i.weight),
      statedScore: statedScore(i.statedScore),
      computedScore: computed,
    });
  }
  if (!rows.length) return rows;
  rows.push({
    level1: table.totalLabel ?? '合计',
    weight: scoreText(score.weightTotal),
    statedScore: scoreText(score.statedTotal),
    computedScore:
      scoreText(score.computedTotal) && score.totalIncomplete
        ? `${scoreText(score.computedTotal)}${layout.labels.incompleteShort}`
        : scoreText(score.computedTotal),
    __total: '1',
  });
  return rows;
}

/** A 较大偏差 of execution: under core's threshold, or spending above the budget. */
function outsideRange(rate: string | null): boolean {
  if (rate === null) return false;
  const r = D(rate);
  return isLargeDeviation(r) || r.gt(100);
}

/** The rate a line's deviation is judged by: recomputed from its figures, else the rate it states. */
function lineRate(adjusted: Stated | undefined, executed: Stated | undefined, stated: Stated | undefined) {
  const computed = executionRate(adjusted, executed);
  if (computed !== null) return { rate: computed, text: rateOf(computed) };
  if (stated?.value != null && stated.percent)
    return { rate: D(stated.value).toFixed(2), text: rateOf(stated.value) };
  return { rate: null, text: '' };
}

/** 偏差: unmet indicators, budget lines executed under the threshold or over budget, and what the narrative explains. */
export function deviationItems(result: EvaluationResult, layout: ReportLayout): string[] {
  const { evaluation: e, score } = result;
  const L = layout.labels;
  const items: string[] = [];
  const byId = new Map(e.indicators.map((i) => [i.id, i]));
  for (const s of score.indicators) {
    const i = byId.get(s.indicatorId);
    if (!i || s.met !== false) continue;
    const f = {
      name: cleanText(i.name),
      target: cleanText(asWritten(i.target)) || undefined,
      actual: cleanText(asWritten(i.actual)) || undefined,
      reason: cleanText(i.deviationReason ?? ''),
    };
    items.push(fill(f.reason ? L.deviationUnmet : L.deviationUnmetNoReason, f, layout.blank));
  }
  const blank = score.indicators.filter(
    (s) => s.met === null && !byId.get(s.indicatorId)?.actual?.raw?.trim(),
  );
  if (blank.length) {
    const names = blank.map((s) => cleanText(byId.get(s.indicatorId)?.name ?? '')).filter(Boolean);
    items.push(
      fill(L.deviationBlankActual, { count: String(blank.length), names: names.join('、') }, layout.blank),
    );
  }
  for (const l of e.budget) {
    const { rate, text } = lineRate(l.adjustedBudget, l.executed, l.executionRate);
    if (!outsideRange(rate)) continue;
    const f = {
      label: cleanText(l.label),
      adjustedBudget: money(l.adjustedBudget) || undefined,
      executed: money(l.executed) || undefined,
      executionRate: text,
      reason: cleanText(l.reason ?? ''),
    };
    items.push(fill(f.reason ? L.deviationBudget : L.deviationBudgetNoReason, f, layout.blank));
  }
  for (const u of e.unmetExplanations) {
    if (!u.reason) continue;
    items.push(
      fill(L.deviationExplained, { indicator: cleanText(u.indicator), reason: cleanText(u.reason) }, ''),
    );
  }
  for (const s of e.summaryRows) {
    const { rate, text } = lineRate(s.adjustedBudget, s.executed, s.executionRate);
    if (s.deviation?.trim()) {
      items.push(
        fill(L.deviationSummary, { name: cleanText(s.name), deviation: cleanText(s.deviation) }, ''),
      );
    } else if (outsideRange(rate)) {
      const f = {
        label: cleanText(s.name),
        adjustedBudget: money(s.adjustedBudget),
        executed: money(s.executed),
        executionRate: text,
      };
      items.push(fill(L.deviationBudgetNoReason, f, layout.blank));
    }
  }
  return items;
}

function evidenceText(f: Finding): string {
  const parts: string[] = [];
  if (f.evidence.stated !== undefined) parts.push(`填报 ${f.evidence.stated}`);
  if (f.evidence.computed !== undefined) parts.push(`重算 ${f.evidence.computed}`);
  if (f.evidence.formula) parts.push(f.evidence.formula);
  if (f.evidence.rounding === 'within-rounding') parts.push('在舍入误差内');
  return cleanText(parts.join('；'));
}

export function findingRows(results: EvaluationResult[], layout: ReportLayout, findings?: Finding[]): Row[] {
  const list = findings ?? results.flatMap((r) => r.findings);
  const names = new Map(results.map((r) => [r.evaluation.id, evaluationLabel(r)]));
  return list.map((f, i) => {
    const where = [
      f.location.evaluation ? names.get(f.location.evaluation) : undefined,
      describeSource(f.location) === '位置未知' ? undefined : describeSource(f.location),
      f.location.indicator,
    ].filter((x): x is string => Boolean(x));
    return {
      index: String(i + 1),
      severity: layout.labels.severity[f.severity] ?? f.severity,
      code: FINDING_CODE_NAMES[f.code],
      message: cleanText(f.message),
      location: cleanText(where.join(' · ')),
      evidence: evidenceText(f),
    };
  });
}

export function monitoringRows(result: EvaluationResult): Row[] {
  return result.evaluation.monitoring.map((m) => ({
    month: `${m.month}月`,
    target: asWritten(m.target),
    actual: asWritten(m.actual),
    reason: cleanText(m.reason ?? ''),
  }));
}

/** 绩效指标完成情况统计, with the share completed recomputed from the two counts. */
export function indicatorCountRows(result: EvaluationResult): Row[] {
  return result.evaluation.indicatorCounts.map((c) => {
    const planned = c.planned?.value;
    const completed = c.completed?.value;
    const rate =
      planned && completed && !D(planned).isZero() ? rateOf(D(completed).div(planned).times(100)) : '';
    return {
      type: cleanText(c.type),
      planned: asWritten(c.planned),
      completed: asWritten(c.completed),
      rate,
      ...(/合计|总计/.test(c.type) ? { __total: '1' } : {}),
    };
  });
}
