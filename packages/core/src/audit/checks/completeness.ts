import type { Evaluation, Indicator } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { isBlank } from '../../model/stated.ts';
import { scoredBudgetLine } from '../../scoring/row-total.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/** Name of a row in a message: its 三级 name, or its place while it has none. */
const rowName = (i: Indicator, k: number) => i.name.trim() || `第 ${k + 1} 个指标`;

/** At most this many rows are named in one message; the count says the rest. */
const NAMED = 5;

function listed(names: string[]): string {
  return names.length > NAMED
    ? `${names.slice(0, NAMED).join('、')} 等 ${names.length} 项`
    : names.join('、');
}

/**
 * 必填项 — what the official 自评表 cannot go without: the 项目名称 of a project evaluation, every
 * indicator row's name, 指标值, 完成值 and 得分, the 年度总体目标, and (for a project) the budget rows. A
 * form left blank is not a self-evaluation: each blank kind is one error, naming its rows, so that a
 * blank form cannot pass as "没有未处理的错误". Rows marked 不适用 are skipped; a criteria row (部门整体
 * tables with a 计分标准) is scored on its 得分 alone. A 汇总表 has none of these fields.
 */
export function checkCompleteness(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  if (evaluation.kind === 'summary') return [];
  // A table read from a file is judged by the checks that know its form (unfilled.ts: a cut-off copy, a
  // form without a 完成值 column, a 得分 due only once execution is given); this check is for the form
  // typed in the app, where every field of the official form is there to be filled.
  const fromFile = [evaluation, ...evaluation.indicators, ...evaluation.budget].some((x) => x.source?.file);
  if (fromFile) return [];
  const out: Finding[] = [];
  const blank = (field: string, message: string, rule: string, indicator?: string) =>
    out.push(
      finding({
        code: 'incomplete',
        severity: 'error',
        message,
        evaluation,
        ...(indicator ? { indicator } : {}),
        evidence: { about: field },
        rule,
      }),
    );

  if (evaluation.kind === 'project' && !evaluation.projectName?.trim())
    blank('项目名称', '项目名称未填写。请在基本信息中填写项目名称。', 'audit.complete-project-name');

  const rows = evaluation.indicators
    .map((i, k) => ({ i, name: rowName(i, k) }))
    .filter(({ i }) => !i.notApplicable);
  const missing = (test: (i: Indicator) => boolean) => rows.filter(({ i }) => test(i));
  const unnamed = missing((i) => !i.name.trim());
  if (unnamed.length)
    blank(
      '指标名称',
      `${unnamed.length} 个指标未填写三级指标名称：${listed(unnamed.map((r) => r.name))}。`,
      'audit.complete-indicator-name',
    );
  const byTarget = (i: Indicator) => !i.criterionText;
  for (const [field, test, rule] of [
    [
      '指标值',
      (i: Indicator) => byTarget(i) && isBlank(i.target) && isBlank(i.adjustedTarget),
      'audit.complete-target',
    ],
    ['完成值', (i: Indicator) => byTarget(i) && isBlank(i.actual), 'audit.complete-actual'],
    ['得分', (i: Indicator) => isBlank(i.statedScore), 'audit.complete-score'],
  ] as const) {
    const left = missing(test);
    // The budget line that carries a 分值 (预算执行) is a score row of the form too.
    const budget =
      field === '得分'
        ? evaluation.budget
            .filter(scoredBudgetLine)
            .filter((l) => isBlank(l.statedScore))
            .map((l) => l.label)
        : [];
    if (!left.length && !budget.length) continue;
    blank(
      field,
      `${left.length + budget.length} 项未填写${field}：${listed([...budget, ...left.map((r) => r.name)])}。`,
      rule,
      left[0]?.i.name.trim() || undefined,
    );
  }

  if (!evaluation.goal?.trim())
    blank('年度总体目标', '年度总体目标未填写。请在「目标与问题」中填写。', 'audit.complete-goal');

  if (evaluation.kind === 'project' && !hasBudgetFigures(evaluation))
    blank(
      '预算执行',
      '预算执行情况未填写：没有一行填了全年预算数或执行数。请在「预算执行」中按资金来源填写。',
      'audit.complete-budget',
    );
  return out;
}

function hasBudgetFigures(e: Evaluation): boolean {
  return e.budget.some((l) => !isBlank(l.adjustedBudget) || !isBlank(l.executed));
}
