import type { Framework } from '../../frameworks/schema.ts';
import { parseStated } from '../../numbers/parse.ts';
import { D, round } from '../../numbers/decimal.ts';
import type { Indicator } from '../../model/evaluation.ts';
import { formulaRows, numberValue, runRule, statedValue, type RuleRun } from './apply.ts';
import type { Value } from './evaluate.ts';
import type { FormulaRule } from './rules.ts';

export type FormulaExample = FormulaRule['examples'][number];

/** 无法判定 as an example's expected result: the formula lacks an input. */
export const UNDETERMINED = '无法判定';

/** Runs one worked example: its inputs as the document states them, under the rule's formula. */
export function runExample(f: Framework, rule: FormulaRule, ex: FormulaExample): RuleRun {
  const values: Record<string, Value | undefined> = {};
  const declared = new Map(f.inputs.map((i) => [i.name, i.type] as const));
  for (const [name, raw] of Object.entries(ex.inputs)) {
    const s = parseStated(raw);
    // 指标值 / 完成值 of a row are plain numbers in the unit the table writes; 执行率 is a percentage.
    const rowFigure = rule.kind === 'indicator' || rule.kind === 'deadline';
    values[name] = rowFigure
      ? s.value === null
        ? undefined
        : numberValue(new D(s.value), false)
      : statedValue(s, declared.get(name) ?? (name === '执行率' ? 'percent' : 'number'));
  }
  if ('weight' in rule && values['分值'] === undefined)
    values['分值'] = numberValue(new D(rule.weight), false);
  const indicators: Indicator[] = ex.rows.map((r) => ({
    id: r.name,
    level1: r.level1,
    level2: r.level2,
    name: r.name,
    direction: r.direction,
    target: parseStated(r.target),
    actual: parseStated(r.actual),
  }));
  const decimals = rule.kind === 'budget-execution' ? (rule.decimals ?? f.decimals) : f.decimals;
  return runRule(f, rule, values, formulaRows(indicators), decimals);
}

/** Whether an example comes out as it says; the problem in Chinese when it does not. */
export function exampleProblem(f: Framework, rule: FormulaRule, ex: FormulaExample): string | null {
  const r = runExample(f, rule, ex);
  const decimals = rule.kind === 'budget-execution' ? (rule.decimals ?? f.decimals) : f.decimals;
  const got = r.ok ? round(r.score, decimals).toFixed(decimals) : UNDETERMINED;
  if (ex.expect === UNDETERMINED) return r.ok ? `算例应为${UNDETERMINED}，公式却算得 ${got}` : null;
  if (!/^-?\d+(\.\d+)?$/.test(ex.expect)) return `算例的结果「${ex.expect}」应为数字或「${UNDETERMINED}」`;
  if (r.ok && round(r.score, decimals).eq(ex.expect)) return null;
  return `算例（${ex.source}）应得 ${ex.expect}，公式算得 ${got}${r.ok ? `（${r.formula}）` : ''}`;
}
