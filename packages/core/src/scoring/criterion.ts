import type { CriterionRule, Framework } from '../frameworks/schema.ts';
import type { Evaluation, Indicator } from '../model/evaluation.ts';
import type { IndicatorScore } from '../model/result.ts';
import { D, round, type Dec } from '../numbers/decimal.ts';
import { citationText } from './cite.ts';
import { formulaRows, inputsRead, runRule, statedValue, undeterminedText } from './formula/apply.ts';
import type { Value } from './formula/evaluate.ts';
import { compiledRule } from './formula/rules.ts';
import type { ScoredIndicator } from './indicator.ts';
import { n } from './rules/show.ts';

type CriterionFormulaRule = Extract<CriterionRule, { kind: 'criterion' }>;

/** The named inputs a 计分标准 formula reads, as the document states them ('（缺）' when absent). */
function shownInputs(e: Evaluation, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((k) => {
      const v = e.inputs[k];
      if (k === '自评总分' && !v && e.statedTotal?.raw) return [k, e.statedTotal.raw];
      if (!v || !v.raw.trim()) return [k, '（缺）'];
      return [k, v.value === null && !v.raw.trim() ? `${v.raw}（非数值）` : v.raw];
    }),
  );
}

/** Values of a criterion formula: the framework's declared inputs, 分值 and 自评总分. */
function criterionValues(e: Evaluation, f: Framework, weight: Dec): Record<string, Value | undefined> {
  const values: Record<string, Value | undefined> = {};
  for (const i of f.inputs) values[i.name] = statedValue(e.inputs[i.name], i.type);
  values['分值'] = { kind: 'number', v: weight, percent: false };
  values['自评总分'] = statedValue(e.statedTotal, 'number');
  return values;
}

/** Scores a 部门整体 计分标准 row by its framework formula over `evaluation.inputs`. */
export function scoreCriterion(
  e: Evaluation,
  f: Framework,
  i: Indicator,
  rule: CriterionRule,
  base: Pick<IndicatorScore, 'indicatorId' | 'weight' | 'effectiveWeight' | 'stated'>,
  weight: Dec,
  stated: Dec | null,
  related: readonly Evaluation[] = [],
): ScoredIndicator {
  // A row whose 分值 differs from the framework's criterion is scored on the row's own 分值; say so.
  const differs = i.weight?.value != null && !new D(i.weight.value).eq(rule.weight);
  const note = differs ? `（表中分值 ${i.weight!.raw} 与评分框架规定的 ${rule.weight} 分不同）` : '';
  const name = rule.title ?? rule.criterion;
  const citation = citationText(f, rule.cite);
  if (rule.kind === 'manual') {
    const inRange = stated !== null && stated.gte(0) && stated.lte(weight);
    return {
      score: {
        ...base,
        outcome: 'manual',
        computed: null,
        met: null,
        allowedRange: [new D(0).toFixed(f.decimals), weight.toFixed(f.decimals)],
        explanation: {
          rule: rule.id,
          summary: `${name}：${rule.criterion}由评价人酌情打分，只能核对得分在 0–${n(weight)} 之间${note}`,
          inputs: { 框架分值: rule.weight },
          citation,
        },
      },
      contribution: inRange ? stated : null,
    };
  }
  return scoreCriterionFormula(e, f, rule, base, weight, related, name, note, citation);
}

function scoreCriterionFormula(
  e: Evaluation,
  f: Framework,
  rule: CriterionFormulaRule,
  base: Pick<IndicatorScore, 'indicatorId' | 'weight' | 'effectiveWeight' | 'stated'>,
  weight: Dec,
  related: readonly Evaluation[],
  name: string,
  note: string,
  citation: string,
): ScoredIndicator {
  const read = inputsRead(compiledRule(f, rule).score).filter((k) => k !== '分值');
  const inputs = { ...shownInputs(e, read), 框架分值: rule.weight };
  const waiting = rule.notScoredWithout.filter((k) => e.inputs[k]?.value == null);
  if (waiting.length) {
    return {
      score: {
        ...base,
        effectiveWeight: '0',
        outcome: 'not-applicable',
        computed: null,
        met: null,
        explanation: {
          rule: rule.id,
          summary: `${name}：须有${waiting.join('、')}后才能计分，部门自评时此项不打分${note}`,
          inputs: { ...Object.fromEntries(waiting.map((k) => [k, '（尚无）'])), 框架分值: rule.weight },
          citation,
        },
      },
      contribution: null,
    };
  }
  // Rows of this evaluation, then the indicators of the document's project evaluations.
  const rows = formulaRows([
    ...e.indicators,
    ...related.filter((r) => r.kind === 'project' && r !== e).flatMap((r) => r.indicators),
  ]);
  const r = runRule(f, rule, criterionValues(e, f, weight), rows, f.decimals);
  if (!r.ok) {
    return {
      score: {
        ...base,
        outcome: 'not-judgeable',
        computed: null,
        met: null,
        explanation: {
          rule: rule.id,
          summary: `${name}：${undeterminedText(rule.criterion, r.missing, r.reasons)}${note}`,
          inputs,
          steps: r.steps,
          citation,
        },
      },
      contribution: null,
    };
  }
  const computed = round(D.max(0, D.min(r.score, weight)), f.decimals);
  const clipped = !computed.eq(round(r.score, f.decimals));
  return {
    score: {
      ...base,
      outcome: 'scored',
      computed: computed.toFixed(f.decimals),
      met: computed.gte(weight),
      explanation: {
        rule: rule.id,
        summary: `${name}：按计分标准公式 ${rule.formula} 计分${clipped ? `，得分限于 0–${n(weight)} 分` : ''}${note}`,
        formula: r.formula,
        inputs,
        steps: r.steps,
        citation,
      },
    },
    contribution: computed,
  };
}
