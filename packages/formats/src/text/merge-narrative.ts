import { newEvaluation, type Evaluation, type EvaluationDocument } from '@jixiao/core';
import type { NarrativeFacts } from './narrative/types.ts';

function hasDepartmentFacts(f: NarrativeFacts): boolean {
  return (
    f.categoryScores.length + f.indicatorCounts.length + f.monitoring.length + f.unmetExplanations.length >
      0 ||
    f.statedTotals.some((t) => !t.about) ||
    f.statedGrades.some((g) => !g.about)
  );
}

/** The evaluation a prose fact "about" a project refers to; without about, the department's. */
function target(evaluations: Evaluation[], about: string | undefined): Evaluation | undefined {
  if (about) {
    return (
      evaluations.find((e) => e.projectName === about) ??
      evaluations.find(
        (e) => e.projectName && (about.includes(e.projectName) || e.projectName.includes(about)),
      )
    );
  }
  // A total without "about" is the department's; a 汇总表 or a project table has its own.
  return evaluations.find((e) => e.kind === 'department');
}

/**
 * Adds what the prose says to what the tables say. Tables win: a prose total or grade only fills an
 * evaluation whose table states none; year and organization only fill what the tables lack.
 */
export function mergeNarrative(
  doc: EvaluationDocument,
  facts: NarrativeFacts,
  reportTitle: string | undefined,
): void {
  // A loop, not push(...): a 20 MB report has more statements than a call has room for arguments.
  for (const statement of facts.statements) doc.statements.push(statement);
  if (facts.claims?.length) doc.claims = [...(doc.claims ?? []), ...facts.claims];
  let department = doc.evaluations.find((e) => e.kind === 'department');
  // Only a report with no table at all gets its department evaluation from the prose alone.
  if (!department && doc.evaluations.length === 0 && hasDepartmentFacts(facts)) {
    department = newEvaluation({
      id: `eval-${doc.evaluations.length + 1}`,
      title: facts.title ?? reportTitle ?? '部门整体支出绩效自评报告',
      kind: 'department',
    });
    doc.evaluations.push(department);
  }
  if (department) {
    const known = new Set(department.categoryScores.map((c) => c.level1));
    department.categoryScores.push(...facts.categoryScores.filter((c) => !known.has(c.level1)));
    department.indicatorCounts.push(...facts.indicatorCounts);
    department.monitoring.push(...facts.monitoring);
    department.unmetExplanations.push(...facts.unmetExplanations);
  }
  for (const t of facts.statedTotals) {
    const e = target(doc.evaluations, t.about);
    if (e && !e.statedTotal) e.statedTotal = t.value;
  }
  for (const g of facts.statedGrades) {
    const e = target(doc.evaluations, g.about);
    if (e && !e.statedGrade) e.statedGrade = g.source ? { raw: g.raw, source: g.source } : { raw: g.raw };
  }
  for (const e of doc.evaluations) {
    if (e.year === undefined && facts.year !== undefined) e.year = facts.year;
    if (!e.organization && facts.organization) e.organization = facts.organization;
  }
}
