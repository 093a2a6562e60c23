import { sameName } from '../frameworks/names.ts';
import type { CriterionRule, Framework, RuleOf } from '../frameworks/schema.ts';
import type { Evaluation, Indicator } from '../model/evaluation.ts';
import type { IndicatorScore } from '../model/result.ts';
import { isBlank } from '../model/stated.ts';
import { D, round, type Dec } from '../numbers/decimal.ts';
import { scoreCriterion } from './criterion.ts';
import { completionOf, deadlineOf, latenessOf, type Deadline } from './deadline.ts';
import { directionOf } from './direction.ts';
export { directionOf } from './direction.ts';
import { citationText, ruleOf, rulesOf } from './cite.ts';
import { numberValue, runRule, undeterminedText } from './formula/apply.ts';
import { ruleName } from './formula/rules.ts';
import { applyOverAchievement } from './rules/over-achievement.ts';
import { judgeWording, tierOfScore, tierRange, tiersBestFirst } from './rules/qualitative-tiers.ts';
import { n } from './rules/show.ts';

/** An indicator's score and what it adds to the total (null when it cannot be counted). */
export interface ScoredIndicator {
  score: IndicatorScore;
  /** Points counted in the total: the computed score, or a manual score that lies in its allowed range. */
  contribution: Dec | null;
}

export function findCriterion(f: Framework, i: Indicator): CriterionRule | undefined {
  return f.rules.find(
    (r): r is CriterionRule => 'criterion' in r && sameName(i.name, r.criterion, r.aliases),
  );
}

function statedOf(i: Indicator): Dec | null {
  return i.statedScore?.value != null ? new D(i.statedScore.value) : null;
}

/** Scores one 三级 row under the framework; `weight` is its effective 分值 (after 不适用 re-normalisation). */
export function scoreIndicator(
  e: Evaluation,
  f: Framework,
  i: Indicator,
  effectiveWeight: Dec | null,
  related: readonly Evaluation[] = [],
): ScoredIndicator {
  const weightStr = i.weight?.value ?? null;
  const base = {
    indicatorId: i.id,
    weight: weightStr,
    effectiveWeight: effectiveWeight ? n(effectiveWeight) : weightStr,
    stated: i.statedScore?.value ?? null,
  };
  const stated = statedOf(i);

  if (i.notApplicable) {
    const rule = ruleOf(f, 'not-applicable');
    return {
      score: {
        ...base,
        effectiveWeight: '0',
        outcome: 'not-applicable',
        computed: null,
        met: null,
        explanation: {
          rule: rule?.id ?? 'not-applicable',
          summary: rule
            ? `指标「${i.name}」标为不适用，不参与计分，其余指标分值按比例折算`
            : `指标「${i.name}」标为不适用，不参与计分（框架未规定折算，其余分值不变）`,
          inputs: { 分值: i.weight?.raw ?? '' },
          citation: rule ? citationText(f, rule.cite) : f.name,
        },
      },
      contribution: null,
    };
  }

  const criterion = findCriterion(f, i);
  if (criterion) {
    const weight = effectiveWeight ?? new D(criterion.weight);
    return scoreCriterion(
      e,
      f,
      i,
      criterion,
      { ...base, effectiveWeight: n(weight) },
      weight,
      stated,
      related,
    );
  }

  if (effectiveWeight === null) {
    return notJudgeable(base, f, 'weight', `指标「${i.name}」没有分值，无法计分`, {});
  }
  const deadline = deadlineOf((i.adjustedTarget ?? i.target)?.raw ?? '');
  if (deadline) {
    // A deadline is met or missed, not a figure to reach (「9月前」 against 「7月」 is not 7 ÷ 9).
    const rule = ruleOf(f, 'deadline');
    if (rule && completionOf(i.actual?.raw ?? '').kind === 'date') {
      return scoreDeadline(e, f, i, base, effectiveWeight, stated, deadline, rule);
    }
    return scoreQualitative(f, i, base, effectiveWeight, stated);
  }
  const { direction, inferred } = directionOf(i);
  if (direction === 'qualitative') return scoreQualitative(f, i, base, effectiveWeight, stated);
  if (direction === null) {
    return notJudgeable(base, f, 'direction', `指标「${i.name}」既无指标性质也无指标值，无法计分`, {});
  }
  return scoreQuantitative(f, i, base, effectiveWeight, direction, inferred);
}

type Base = Pick<IndicatorScore, 'indicatorId' | 'weight' | 'effectiveWeight' | 'stated'>;

function notJudgeable(
  base: Base,
  f: Framework,
  rule: string,
  summary: string,
  inputs: Record<string, string>,
  citeKey?: string,
): ScoredIndicator {
  return {
    score: {
      ...base,
      outcome: 'not-judgeable',
      computed: null,
      met: null,
      explanation: { rule, summary, inputs, citation: citeKey ? citationText(f, citeKey) : f.name },
    },
    contribution: null,
  };
}

function scoreQuantitative(
  f: Framework,
  i: Indicator,
  base: Base,
  weight: Dec,
  direction: '≥' | '≤' | '=',
  inferred: boolean,
): ScoredIndicator {
  const rule = rulesOf(f, 'indicator').find((r) => r.direction === direction);
  const adjusted = i.adjustedTarget?.value != null;
  const targetStated = adjusted ? i.adjustedTarget! : i.target;
  const inputs: Record<string, string> = {
    指标性质: `${direction}${inferred ? '（表中未注明，按指标值推断）' : ''}`,
    指标值: i.target?.raw ?? '',
    完成值: i.actual?.raw ?? '',
    分值: n(weight),
  };
  if (adjusted) inputs['调整后指标值'] = i.adjustedTarget!.raw;
  if (!rule) {
    return notJudgeable(base, f, 'no-rule', `评分框架未规定「${direction}」指标的计分方法`, inputs);
  }
  if (targetStated?.value == null) {
    return notJudgeable(
      base,
      f,
      rule.id,
      `指标值「${targetStated?.raw ?? ''}」不是数值，无法按定量指标计分`,
      inputs,
      rule.cite,
    );
  }
  if (isBlank(i.actual)) {
    return notJudgeable(
      base,
      f,
      rule.id,
      `完成值为空，无法判断是否完成（不按 0 分，也不按满分）`,
      inputs,
      rule.cite,
    );
  }
  if (i.actual!.value == null) {
    return notJudgeable(
      base,
      f,
      rule.id,
      `完成值「${i.actual!.raw}」不是数值，无法按定量指标计分`,
      inputs,
      rule.cite,
    );
  }
  const target = new D(targetStated.value);
  const actual = new D(i.actual!.value);
  const run = runRule(
    f,
    rule,
    {
      指标值: numberValue(target, false),
      完成值: numberValue(actual, false),
      分值: numberValue(weight, false),
    },
    [],
    f.decimals,
  );
  if (!run.ok) {
    return notJudgeable(
      base,
      f,
      rule.id,
      undeterminedText(ruleName(rule), run.missing, run.reasons),
      inputs,
      rule.cite,
    );
  }
  const name = rule.title ?? `${direction}指标`;
  const outcome = {
    score: run.score,
    met: run.met ?? false,
    summary: `${name}：完成值 ${n(actual)}，指标值 ${n(target)}，${run.met ? '达到指标值' : '未达到指标值'}，按公式 ${rule.formula} 计分`,
    formula: run.formula,
  };
  const q = { target, actual };
  let score = outcome.score;
  let formula = outcome.formula;
  let summary = outcome.summary;
  let overAchievement: IndicatorScore['overAchievement'];
  for (const over of rulesOf(f, 'over-achievement')) {
    if (!over.directions.includes(direction)) continue;
    if (over.level2.length && !over.level2.some((l) => sameName(i.level2, l))) continue;
    const o = applyOverAchievement(over, q.target, q.actual, score, f.decimals, i.deviationReason);
    if (!o) continue;
    overAchievement = { ratio: o.ratio, kind: o.kind, effect: o.effect };
    if (o.kind !== 'explain') {
      score = o.score;
      formula = `${formula}；${o.formula}`;
    }
    summary = `${summary}；${o.effect}（${citationText(f, over.cite)}）`;
  }
  if (adjusted)
    summary = `按调整后指标值 ${i.adjustedTarget!.raw} 计分（年初指标值 ${i.target?.raw ?? ''}）；${summary}`;
  const computed = round(score, f.decimals);
  return {
    score: {
      ...base,
      outcome: 'scored',
      computed: computed.toFixed(f.decimals),
      met: outcome.met,
      ...(overAchievement ? { overAchievement } : {}),
      explanation: {
        rule: rule.id,
        summary,
        formula,
        inputs,
        steps: run.steps,
        citation: citationText(f, rule.cite),
      },
    },
    contribution: computed,
  };
}

/** A 时效 row whose target is a deadline and whose 完成值 is a date, by the framework's deadline rule. */
function scoreDeadline(
  e: Evaluation,
  f: Framework,
  i: Indicator,
  base: Base,
  weight: Dec,
  stated: Dec | null,
  deadline: Deadline,
  rule: RuleOf<'deadline'>,
): ScoredIndicator {
  const inputs: Record<string, string> = {
    指标值: i.target?.raw ?? '',
    完成值: i.actual?.raw ?? '',
    分值: n(weight),
  };
  if (i.adjustedTarget?.raw) inputs['调整后指标值'] = i.adjustedTarget.raw;
  const late = latenessOf(deadline, completionOf(i.actual!.raw), e.year ?? null);
  if (!late.ok) {
    return notJudgeable(
      base,
      f,
      rule.id,
      `截止时间「${deadline.text}」：${late.reason}，无法计分（不按 0 分，也不按满分）`,
      inputs,
      rule.cite,
    );
  }
  inputs['逾期天数'] = String(late.days);
  const run = runRule(
    f,
    rule,
    { 逾期天数: numberValue(new D(late.days), false), 分值: numberValue(weight, false) },
    [],
    f.decimals,
  );
  if (!run.ok) {
    return notJudgeable(
      base,
      f,
      rule.id,
      undeterminedText(ruleName(rule), run.missing, run.reasons),
      inputs,
      rule.cite,
    );
  }
  const name = rule.title ?? '时限指标';
  const head = `${name}：截止时间「${deadline.text}」，完成于「${i.actual!.raw}」，${late.shown}`;
  const citation = citationText(f, rule.cite);
  const tiers = ruleOf(f, 'qualitative-tiers');
  if (run.met === false && rule.late === 'tiers' && tiers) {
    // Late: the framework leaves the points to judgement, within the tiers below 达成.
    const below = tiersBestFirst(tiers).slice(1);
    const lo = new D(0);
    const hi = below.length ? tierRange(below[0]!, weight, f.decimals, tiers)[1] : lo;
    const range: [Dec, Dec] = [lo, hi];
    const statedTier = stated !== null ? tierOfScore(stated, weight, tiers) : null;
    return manualResult(f, base, weight, stated, range, false, statedTier?.label, {
      rule: rule.id,
      summary: `${head}，未按期完成，得分应在 [${lo.toFixed(f.decimals)}, ${hi.toFixed(f.decimals)}] 之间（按定性指标「达成」以下各档酌情计分）`,
      inputs,
      steps: run.metSteps,
      citation,
    });
  }
  const computed = round(run.score, f.decimals);
  // The score of an on-time row is often just 分值: show the deadline's test that decided it.
  const decided = run.metSteps.at(-1);
  return {
    score: {
      ...base,
      outcome: 'scored',
      computed: computed.toFixed(f.decimals),
      met: run.met ?? false,
      explanation: {
        rule: rule.id,
        summary: `${head}，${run.met ? '按期完成' : '未按期完成'}，按公式 ${rule.formula} 计分`,
        formula: decided ? `${decided.shown}（${decided.result}）→ ${run.formula}` : run.formula,
        inputs,
        steps: [...run.metSteps, ...run.steps],
        citation,
      },
    },
    contribution: computed,
  };
}

function scoreQualitative(
  f: Framework,
  i: Indicator,
  base: Base,
  weight: Dec,
  stated: Dec | null,
): ScoredIndicator {
  const rule = ruleOf(f, 'qualitative-tiers');
  const inputs: Record<string, string> = {
    指标值: i.target?.raw ?? '',
    完成值: i.actual?.raw ?? '',
    分值: n(weight),
  };
  if (i.statedScore?.raw) inputs['自评得分'] = i.statedScore.raw;
  const full: [Dec, Dec] = [new D(0), weight];
  if (!rule) {
    return manualResult(f, base, weight, stated, full, null, undefined, {
      rule: 'qualitative',
      summary: '评分框架未规定定性指标的分档，只能核对得分在 0 与分值之间',
      inputs,
      citation: f.name,
    });
  }
  const target = (i.adjustedTarget ?? i.target)?.raw ?? '';
  const { met, tier } = judgeWording(target, i.actual?.raw ?? '', rule);
  const range = tier ? tierRange(tier, weight, f.decimals, rule) : full;
  const statedTier = stated !== null ? tierOfScore(stated, weight, rule) : null;
  const citation = citationText(f, rule.cite);
  const bounds = `[${range[0].toFixed(f.decimals)}, ${range[1].toFixed(f.decimals)}]`;
  if (isBlank(i.actual)) {
    return {
      score: {
        ...base,
        outcome: 'not-judgeable',
        computed: null,
        met: null,
        allowedRange: [range[0].toFixed(f.decimals), range[1].toFixed(f.decimals)],
        ...(statedTier ? { tier: statedTier.label } : {}),
        explanation: {
          rule: rule.id,
          summary: `定性指标完成值为空，无法判断达成档次${statedTier ? `；自评得分落在「${statedTier.label}」档` : ''}`,
          inputs,
          citation,
        },
      },
      contribution: null,
    };
  }
  const summary = tier
    ? `定性指标完成情况「${i.actual!.raw}」属「${tier.label}」档，得分应在 ${bounds} 之间${statedTier ? `；自评得分落在「${statedTier.label}」档` : ''}`
    : `完成值「${i.actual!.raw}」与指标值「${target}」表述不同，无法判定档次，只能核对得分在 ${bounds} 之间`;
  return manualResult(f, base, weight, stated, range, met, statedTier?.label, {
    rule: rule.id,
    summary,
    formula: tier
      ? `${n(weight)} × [${tier.min}, ${tier.max ?? 1}${tiersBestFirst(rule)[0] === tier ? ']' : ')'} = ${bounds}`
      : undefined,
    inputs,
    citation,
  });
}

function manualResult(
  f: Framework,
  base: Base,
  weight: Dec,
  stated: Dec | null,
  range: [Dec, Dec],
  met: boolean | null,
  tier: string | undefined,
  explanation: IndicatorScore['explanation'],
): ScoredIndicator {
  const inRange = stated !== null && stated.gte(range[0]) && stated.lte(range[1]);
  if (explanation.formula === undefined) delete explanation.formula;
  return {
    score: {
      ...base,
      outcome: 'manual',
      computed: null,
      met,
      allowedRange: [range[0].toFixed(f.decimals), range[1].toFixed(f.decimals)],
      ...(tier ? { tier } : {}),
      explanation,
    },
    contribution: inRange ? stated : null,
  };
}
