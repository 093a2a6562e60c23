import { round } from '../../numbers/decimal.ts';
import { n } from '../rules/show.ts';
import { typeOf, type Scope, type ValueType } from './check.ts';
import { Evaluator, render, showValue, type FormulaEnv, type FormulaStep, type Value } from './evaluate.ts';
import { FormulaError, parseFormula, type Expr } from './parse.ts';

export { FUNCTIONS, ROW_NAMES, namesIn, type Scope, type ValueType } from './check.ts';
export { showValue, type FormulaEnv, type FormulaRow, type FormulaStep, type Value } from './evaluate.ts';
export { FormulaError, parseFormula, type Expr } from './parse.ts';

/** A formula read and checked against the names its rule may use. */
export interface Formula {
  source: string;
  expr: Expr;
  type: ValueType;
}

/** Parses and type-checks; throws FormulaError (with the column) on a syntax, name or type fault. */
export function compileFormula(source: string, scope: Scope, want?: ValueType): Formula {
  const expr = parseFormula(source);
  const type = typeOf(expr, scope);
  if (want && type !== want) {
    const names: Record<ValueType, string> = { number: '数值', bool: '是非判断', text: '文字' };
    throw new FormulaError(1, `公式的结果应为${names[want]}，实为${names[type]}`);
  }
  return { source, expr, type };
}

export type FormulaResult =
  | { ok: true; value: Value; formula: string; steps: FormulaStep[] }
  | { ok: false; missing: string[]; reasons: string[]; steps: FormulaStep[] };

/**
 * Evaluates a compiled formula. `formula` is the arithmetic with the figures put in, as the score
 * tree prints it ("20 × 86% = 17.2"); `steps` are every decision and lookup on the way, the last
 * one the arithmetic itself. A number result is shown rounded to `decimals`.
 */
export function runFormula(f: Formula, env: FormulaEnv, decimals = 2): FormulaResult {
  const ev = new Evaluator(env);
  const o = ev.eval(f.expr);
  if (!o.ok) return { ok: false, missing: o.missing, reasons: o.reasons, steps: ev.steps };
  const result =
    o.val.kind === 'number'
      ? showValue({ ...o.val, v: round(o.val.v, o.val.percent ? decimals + 2 : decimals) })
      : showValue(o.val);
  const lastDecision = [...ev.steps].reverse().find((s) => s.result === '成立');
  const bare = o.shown === result || (o.val.kind === 'number' && o.shown === n(o.val.v));
  const formula = bare
    ? lastDecision
      ? `${lastDecision.shown} → ${result}`
      : result
    : `${o.shown} = ${result}`;
  const leaf = o.leaf ?? f.expr;
  const steps = bare ? ev.steps : [...ev.steps, { formula: render(leaf).text, shown: o.shown, result }];
  return { ok: true, value: o.val, formula, steps };
}
