import type { Framework, FrameworkRule } from '../../frameworks/schema.ts';
import { exampleProblem } from './examples.ts';
import { compileFormula, FormulaError, type Formula, type ValueType } from './index.ts';

/** A rule written as a formula: budget execution, a 指标性质, a 计分标准 row, a cap on the total. */
export type FormulaRule = Extract<FrameworkRule, { formula: string }>;

export function isFormulaRule(r: FrameworkRule): r is FormulaRule {
  return 'formula' in r;
}

/** The names each kind of rule may read besides the framework's declared inputs. */
const BUILT_IN: Record<FormulaRule['kind'], Record<string, ValueType>> = {
  'budget-execution': { 执行率: 'number', 分值: 'number', 执行数: 'number', 全年预算数: 'number' },
  indicator: { 指标值: 'number', 完成值: 'number', 分值: 'number' },
  deadline: { 逾期天数: 'number', 分值: 'number' },
  criterion: { 分值: 'number', 自评总分: 'number' },
  'total-cap': { 执行率: 'number', 满分: 'number', 总分: 'number' },
};

/** The names a rule's formula may read, with their types. */
export function scopeOf(f: Framework, rule: FormulaRule): Map<string, ValueType> {
  const names = new Map(Object.entries(BUILT_IN[rule.kind]));
  // Only 计分标准 rows read the framework's named inputs; a row formula reads the row.
  if (rule.kind === 'criterion') {
    for (const i of f.inputs) names.set(i.name, i.type === 'text' ? 'text' : 'number');
  }
  return names;
}

/** A rule's name as its framework's table writes it, for messages. */
export function ruleName(rule: FrameworkRule): string {
  if ('criterion' in rule) return rule.title ?? rule.criterion;
  if (rule.kind === 'indicator') return rule.title ?? `指标性质「${rule.direction}」的计分公式`;
  if (rule.kind === 'deadline') return rule.title ?? '时限指标的计分公式';
  return rule.title ?? rule.id;
}

export interface CompiledRule {
  score: Formula;
  met?: Formula;
}

const cache = new WeakMap<FormulaRule, CompiledRule>();

/**
 * Compiles a rule's formulas (cached per rule object). Throws FormulaError; parseFramework calls
 * this for every rule when a framework loads, so scoring never meets a formula that does not compile.
 */
export function compiledRule(f: Framework, rule: FormulaRule): CompiledRule {
  const hit = cache.get(rule);
  if (hit) return hit;
  const names = scopeOf(f, rule);
  const score = compileFormula(rule.formula, { names }, 'number');
  const compiled: CompiledRule =
    'met' in rule ? { score, met: compileFormula(rule.met, { names }, 'bool') } : { score };
  cache.set(rule, compiled);
  return compiled;
}

/** Every formula problem of a framework: JSON path, rule, column and what is wrong, in Chinese. */
export function formulaProblems(f: Framework): Array<{ path: string; problem: string }> {
  const out: Array<{ path: string; problem: string }> = [];
  f.rules.forEach((rule, i) => {
    if (!isFormulaRule(rule)) return;
    const names = scopeOf(f, rule);
    const fields: Array<[string, string, ValueType]> = [['formula', rule.formula, 'number']];
    if ('met' in rule) fields.push(['met', rule.met, 'bool']);
    for (const [field, src, want] of fields) {
      try {
        compileFormula(src, { names }, want);
      } catch (e) {
        if (!(e instanceof FormulaError)) throw e;
        out.push({
          path: `rules[${i}].${field}`,
          problem: `规则「${ruleName(rule)}」的公式「${src}」第 ${e.col} 列：${e.problem}`,
        });
        return;
      }
    }
    // A worked example that does not come out as written means the formula or the example is wrong.
    rule.examples.forEach((ex, k) => {
      const problem = exampleProblem(f, rule, ex);
      if (problem)
        out.push({ path: `rules[${i}].examples[${k}]`, problem: `规则「${ruleName(rule)}」的${problem}` });
    });
  });
  return out;
}
