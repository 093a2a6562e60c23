import type { Framework } from '../../frameworks/schema.ts';
import type { Indicator } from '../../model/evaluation.ts';
import type { ExplanationStep } from '../../model/result.ts';
import type { Stated } from '../../model/stated.ts';
import { D, type Dec } from '../../numbers/decimal.ts';
import { directionOf } from '../direction.ts';
import type { FormulaRow, Value } from './evaluate.ts';
import { namesIn, ROW_NAMES, runFormula, type Formula } from './index.ts';
import { compiledRule, type FormulaRule } from './rules.ts';

/** A number as a formula reads it; a percentage (stated with %, or declared so) is a fraction. */
export function numberValue(v: Dec, percent: boolean): Value {
  return { kind: 'number', v: percent ? v.div(100) : v, percent };
}

/** The value of a stated input under its declared type; undefined when blank or not a number. */
export function statedValue(s: Stated | undefined, type: 'number' | 'percent' | 'text'): Value | undefined {
  if (!s) return undefined;
  if (type === 'text') return s.raw.trim() ? { kind: 'text', v: s.raw.trim() } : undefined;
  if (s.value === null) return undefined;
  return numberValue(new D(s.value), s.percent || type === 'percent');
}

/** Rows of the indicator table as count() sees them: 指标值 and 完成值 in the unit the table writes. */
export function formulaRows(indicators: readonly Indicator[]): FormulaRow[] {
  return indicators
    .filter((i) => !i.criterionText)
    .map((i) => {
      const target = i.adjustedTarget?.value ?? i.target?.value;
      const actual = i.actual?.value;
      const direction = directionOf(i).direction;
      return {
        name: i.name,
        level1: i.level1,
        level2: i.level2,
        values: {
          指标值: target != null ? numberValue(new D(target), false) : undefined,
          完成值: actual != null ? numberValue(new D(actual), false) : undefined,
          指标性质: direction ? { kind: 'text', v: direction } : undefined,
          指标名称: { kind: 'text', v: i.name },
        },
      };
    });
}

/** What a rule's formula came to, ready for an explanation. */
export type RuleRun =
  | {
      ok: true;
      score: Dec;
      met: boolean | null;
      formula: string;
      steps: ExplanationStep[];
      /** How `met` was decided (its conditions and their outcome), when the rule has one. */
      metSteps: ExplanationStep[];
    }
  | { ok: false; missing: string[]; reasons: string[]; steps: ExplanationStep[] };

/** Runs a formula rule over named values (and the table's rows for count()). */
export function runRule(
  f: Framework,
  rule: FormulaRule,
  values: Record<string, Value | undefined>,
  rows: readonly FormulaRow[],
  decimals: number,
): RuleRun {
  const compiled = compiledRule(f, rule);
  const env = { value: (k: string) => values[k], rows };
  const r = runFormula(compiled.score, env, decimals);
  if (!r.ok) return r;
  if (r.value.kind !== 'number') throw new Error('a checked score formula gives a number');
  let met: boolean | null = null;
  let metSteps: ExplanationStep[] = [];
  if (compiled.met) {
    const m = runFormula(compiled.met, env, decimals);
    met = m.ok ? m.value.v === true : null;
    metSteps = m.steps;
  }
  return { ok: true, score: r.value.v, met, formula: r.formula, steps: r.steps, metSteps };
}

/** Inputs a formula reads from the evaluation (not the row names inside count()). */
export function inputsRead(formula: Formula): string[] {
  return namesIn(formula.expr, new Set(ROW_NAMES.keys()));
}

/** Why a formula could not be computed, in the words of the old rules: which inputs it lacks. */
export function undeterminedText(what: string, missing: string[], reasons: string[]): string {
  const parts: string[] = [];
  const absent = missing.filter((m) => !reasons.some((r) => r.startsWith(m)));
  if (absent.length) parts.push(`缺少${what}所需的输入：${absent.join('、')}`);
  parts.push(...reasons);
  return `${parts.join('；')}，无法计分（不按 0 分，也不按满分）`;
}
