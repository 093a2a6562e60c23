import type { Evaluation, EvaluationResult, Stated } from '@jixiao/core';

/** What a reviewer compares after a round trip: figures by value, text as written, blanks as blanks. */
function v(s: Stated | undefined): string {
  if (!s || s.raw === '') return '';
  return s.value === null ? s.raw : `${s.value}${s.percent ? '%' : ''}`;
}

/** The content of an evaluation, without ids and provenance (which name the file they were read from). */
export function modelDigest(e: Evaluation): unknown {
  const labelOf = new Map(e.budget.map((b) => [b.id, b.label]));
  return {
    kind: e.kind,
    title: e.title,
    year: e.year,
    organization: e.organization,
    projectName: e.projectName,
    projectCode: e.projectCode,
    statedTotal: v(e.statedTotal),
    statedGrade: e.statedGrade?.raw,
    implementingUnit: e.implementingUnit,
    signatures: [e.projectLead, e.financeLead, e.preparer, e.contact, e.phone, e.filledDate],
    goal: e.goal,
    goalAchieved: e.goalAchieved,
    implementation: e.implementation,
    conclusion: e.conclusion,
    problems: e.problems,
    measures: e.measures,
    budget: e.budget.map((b) => ({
      label: b.label,
      role: b.role,
      partOf: b.partOf ? labelOf.get(b.partOf) : undefined,
      figures: [
        b.initialBudget,
        b.adjustedBudget,
        b.received,
        b.executed,
        b.executionRate,
        b.weight,
        b.statedScore,
      ].map(v),
      reason: b.reason,
    })),
    indicators: e.indicators.map((i) => ({
      path: [i.level1, i.level2, i.name],
      direction: i.direction,
      unit: i.unit ?? '',
      figures: [i.target, i.actual, i.weight, i.statedScore].map(v),
      deviationReason: i.deviationReason,
      criterionText: i.criterionText,
      explanation: i.explanation,
    })),
    categoryScores: e.categoryScores.map((c) => [c.level1, v(c.weight), v(c.statedScore)]),
    summaryRows: e.summaryRows.map((s) => [
      s.index,
      s.name,
      ...[s.adjustedBudget, s.executed, s.executionRate, s.statedScore].map(v),
      s.deviation ?? '',
    ]),
    indicatorCounts: e.indicatorCounts.map((c) => [c.type, v(c.planned), v(c.completed)]),
    monitoring: e.monitoring.map((m) => [m.month, v(m.target), v(m.actual), m.reason ?? '']),
    unmetExplanations: e.unmetExplanations.map((u) => [
      u.type,
      u.indicator,
      v(u.target),
      v(u.actual),
      u.reason ?? '',
    ]),
  };
}

/** Scores and findings as a reviewer sees them: totals, each indicator's computed score, finding codes. */
export function resultDigest(r: EvaluationResult): unknown {
  return {
    framework: r.score.frameworkId,
    computedTotal: r.score.computedTotal,
    computedGrade: r.score.computedGrade,
    budgetExecution: r.score.budgetExecution?.computed ?? null,
    indicators: r.score.indicators.map((i) => [i.outcome, i.computed]),
    findings: r.findings.map((f) => `${f.code}:${f.severity}`).sort(),
  };
}
