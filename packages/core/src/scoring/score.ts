import { detectFramework } from '../frameworks/detect.ts';
import { FrameworkError } from '../frameworks/error.ts';
import type { FrameworkRegistry } from '../frameworks/registry.ts';
import type { Framework } from '../frameworks/schema.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { ExplanationStep, ScoreResult, TotalCap } from '../model/result.ts';
import { D, round, type Dec } from '../numbers/decimal.ts';
import { rateOf, scoreBudget, totalLine } from './budget.ts';
import { categoryTotals } from './categories.ts';
import { citationText, ruleOf, rulesOf } from './cite.ts';
import { consequenceOf, gradeOf, gradesOf } from './grades.ts';
import { scoreIndicator, type ScoredIndicator } from './indicator.ts';
import { formulaRows, numberValue, runRule } from './formula/apply.ts';
import { n } from './rules/show.ts';

export interface ScoreOptions {
  /** Framework chosen by the user; wins over the document and detection. */
  frameworkId?: string;
  /**
   * With `frameworkId`: exactly this version, not the current one — a submitted evaluation stays
   * scored under the version it was submitted with.
   */
  frameworkVersion?: string;
  /**
   * The other evaluations of the same document. A 部门整体 criterion that counts the projects'
   * quantity indicators (seed 003 目标实现) counts theirs too.
   */
  related?: Evaluation[];
}

/**
 * Scores an evaluation under a framework: named in `opts` or on the evaluation, else detected
 * from the form, else the default for its kind. Every figure carries its explanation.
 */
export function scoreEvaluation(e: Evaluation, reg: FrameworkRegistry, opts: ScoreOptions = {}): ScoreResult {
  const related = opts.related ?? [];
  if (opts.frameworkId) {
    const f = reg.get(opts.frameworkId, opts.frameworkVersion);
    if (!f) {
      throw new FrameworkError(
        opts.frameworkId,
        '',
        opts.frameworkVersion
          ? `未找到该评分框架的 ${opts.frameworkVersion} 版`
          : '未找到该评分框架，请检查框架编号或框架目录',
      );
    }
    return withFrameworkNote(
      scoreWith(e, f, 'named', related),
      opts.frameworkVersion ? `按提交时的版本 ${f.version} 计分` : '由使用者指定',
    );
  }
  const named = e.frameworkId ? reg.get(e.frameworkId) : undefined;
  if (named) return withFrameworkNote(scoreWith(e, named, 'named', related), '评价表指定');
  const { framework, chosenBy, evidence } = detectFramework(e, reg);
  const result = scoreWith(e, framework, chosenBy, related);
  result.explanation.inputs['评分框架识别依据'] = evidence.join('、');
  if (e.frameworkId) {
    // The document named a framework this deployment does not have: say so, score by detection.
    result.explanation.summary = `未找到评估表指定的评分框架「${e.frameworkId}」，改用${chosenBy === 'detected' ? '识别出' : '默认'}的「${framework.name}」；${result.explanation.summary}`;
  }
  return result;
}

function withFrameworkNote(r: ScoreResult, note: string): ScoreResult {
  r.explanation.inputs['评分框架识别依据'] = note;
  return r;
}

/** 不适用 re-normalisation: the remaining indicators' weights scaled so they add up to the full pool again. */
function effectiveWeights(e: Evaluation, f: Framework): { weights: Array<Dec | null>; factor: Dec | null } {
  const raw = e.indicators.map((i) => (i.weight?.value != null ? new D(i.weight.value) : null));
  const rule = ruleOf(f, 'not-applicable');
  const pool = raw.reduce<Dec>((acc, w) => acc.plus(w ?? 0), new D(0));
  const dropped = e.indicators.reduce<Dec>(
    (acc, i, k) => (i.notApplicable ? acc.plus(raw[k] ?? 0) : acc),
    new D(0),
  );
  if (!rule || dropped.isZero() || pool.minus(dropped).lte(0)) return { weights: raw, factor: null };
  const factor = pool.div(pool.minus(dropped));
  return { weights: raw.map((w) => (w ? round(w.times(factor), 4) : w)), factor };
}

export function scoreWith(
  e: Evaluation,
  f: Framework,
  chosenBy: ScoreResult['frameworkChosenBy'],
  related: readonly Evaluation[] = [],
): ScoreResult {
  const grades = gradesOf(f);
  const maxTotal = new D(f.maxTotal ?? f.total);
  const budget = scoreBudget(e, f);
  const { weights, factor } = effectiveWeights(e, f);
  const scored: ScoredIndicator[] = e.indicators.map((i, k) =>
    scoreIndicator(e, f, i, weights[k] ?? null, related),
  );
  if (factor) {
    const rule = ruleOf(f, 'not-applicable')!;
    for (const s of scored) {
      if (s.score.outcome === 'not-applicable') continue;
      s.score.explanation.summary += `（不适用指标剔除后分值按 ${round(factor, 4).toFixed()} 倍折算为 ${s.score.effectiveWeight}，${citationText(f, rule.cite)}）`;
    }
  }

  const weightTotal = e.indicators
    .reduce<Dec>((acc, i) => acc.plus(i.weight?.value ?? 0), new D(0))
    .plus(budget?.weight ?? 0);

  // The total: budget execution plus every indicator that could be counted.
  const parts: Array<[string, Dec]> = [];
  /** Manual (定性, 酌情) items counted at their stated score because it lies in the allowed range. */
  const byStated: string[] = [];
  const open: string[] = [];
  if (budget) {
    if (budget.score.computed !== null) parts.push(['预算执行', new D(budget.score.computed)]);
    else open.push('预算执行');
  }
  scored.forEach((s, k) => {
    if (s.score.outcome === 'not-applicable') return;
    const name = e.indicators[k]!.name;
    if (s.contribution !== null) {
      parts.push([name, s.contribution]);
      if (s.score.outcome === 'manual') byStated.push(name);
    } else open.push(name);
  });
  const totalIncomplete = open.length > 0 || Boolean(f.totalNotJudgeable);
  let computed: Dec | null =
    parts.length && !f.totalNotJudgeable
      ? round(
          parts.reduce<Dec>((a, [, v]) => a.plus(v), new D(0)),
          f.decimals,
        )
      : null;

  // Caps on the total: execution rate bands, a missing cost dimension, the framework's maximum.
  const caps: TotalCap[] = [];
  const applyCap = (
    rule: string,
    max: Dec,
    summary: string,
    cite: string,
    inputs: Record<string, string>,
    steps?: ExplanationStep[],
  ) => {
    if (computed === null || computed.lte(max)) return;
    caps.push({
      rule,
      max: n(max),
      before: n(computed),
      explanation: {
        rule,
        summary,
        formula: `min(${n(computed)}, ${n(max)}) = ${n(max)}`,
        inputs,
        ...(steps ? { steps } : {}),
        citation: cite,
      },
    });
    computed = max;
  };
  // Caps follow the execution rate even where the framework gives no points for it.
  const rateUsed = budget?.score.rateUsed != null ? new D(budget.score.rateUsed) : rateOf(totalLine(e));
  const rows = formulaRows(e.indicators);
  for (const rule of rulesOf(f, 'total-cap')) {
    if (computed === null) continue;
    const run = runRule(
      f,
      rule,
      {
        执行率: rateUsed !== null ? numberValue(rateUsed, true) : undefined,
        满分: numberValue(maxTotal, false),
        总分: numberValue(computed, false),
      },
      rows,
      f.decimals,
    );
    // A cap that cannot be computed (no execution rate) limits nothing; the total says what it lacks.
    if (!run.ok) continue;
    const inputs: Record<string, string> = {};
    if (rateUsed !== null) inputs['执行率'] = `${n(round(rateUsed, 2))}%`;
    applyCap(
      rule.id,
      run.score,
      `${rule.title ?? '总分封顶'}：${run.formula}，总分不得超过 ${n(run.score)} 分`,
      citationText(f, rule.cite),
      inputs,
      run.steps,
    );
  }
  applyCap('max-total', maxTotal, `评分框架「${f.name}」的自评满分为 ${n(maxTotal)} 分`, f.name, {});

  const statedTotal = e.statedTotal?.value != null ? new D(e.statedTotal.value) : null;
  return {
    frameworkId: f.id,
    frameworkVersion: f.version,
    frameworkName: f.name,
    frameworkChosenBy: chosenBy,
    maxTotal: n(maxTotal),
    ...(budget ? { budgetExecution: budget.score } : {}),
    indicators: scored.map((s) => s.score),
    categories: categoryTotals(e, f, scored, budget, f.decimals),
    weightTotal: n(weightTotal),
    expectedWeightTotal: f.total,
    weightsAdjustable: f.weightsAdjustable,
    computedTotal: computed === null ? null : (computed as Dec).toFixed(f.decimals),
    totalIncomplete,
    caps,
    // A lower bound is not a verdict: no grade for an incomplete total.
    computedGrade: totalIncomplete ? null : gradeOf(computed, grades),
    ...(() => {
      const c = totalIncomplete ? null : consequenceOf(gradeOf(computed, grades), grades);
      return c ? { gradeConsequence: c } : {};
    })(),
    gradeOfStatedTotal: gradeOf(statedTotal, grades),
    statedTotal: e.statedTotal?.value ?? null,
    statedGrade: e.statedGrade?.raw ?? null,
    grades,
    explanation: totalExplanation(e, f, parts, open, computed, caps, byStated),
  };
}

function totalExplanation(
  e: Evaluation,
  f: Framework,
  parts: Array<[string, Dec]>,
  open: string[],
  computed: Dec | null,
  caps: TotalCap[],
  byStated: string[],
): ScoreResult['explanation'] {
  const manual = new Set(byStated);
  const inputs: Record<string, string> = Object.fromEntries(
    parts.map(([k, v]) => [k, manual.has(k) ? `${n(v)}（自评得分，在允许区间内）` : n(v)]),
  );
  for (const name of open) inputs[name] = '（无法判定）';
  if (f.totalNotJudgeable) {
    for (const c of e.indicatorCounts) {
      const planned = c.planned?.value;
      const done = c.completed?.value;
      inputs[c.type] =
        planned != null && done != null && !new D(planned).isZero()
          ? `${done} / ${planned} = ${n(round(new D(done).div(planned).times(100), 2))}%`
          : `${c.completed?.raw ?? '?'} / ${c.planned?.raw ?? '?'}`;
    }
    return {
      rule: 'total',
      summary: `${f.totalNotJudgeable.reason}${e.statedTotal?.raw ? `；自评得分 ${e.statedTotal.raw} 无法复算，只能按其分数核对等级` : ''}`,
      inputs,
      citation: citationText(f, f.totalNotJudgeable.cite),
    };
  }
  const sum = parts.map(([, v]) => n(v)).join(' + ');
  // When the self-score maximum is below the weight total, say why: the rule that is not self-scored.
  const notSelfScored = rulesOf(f, 'criterion').find((r) => r.notScoredWithout.length > 0);
  const ceiling =
    f.maxTotal !== undefined && new D(f.maxTotal).lt(f.total)
      ? `自评满分为 ${f.maxTotal} 分${notSelfScored ? `（「${notSelfScored.criterion}」${notSelfScored.weight} 分由评价组抽查后计分，部门自评不打分）` : ''}；`
      : '';
  const capped =
    (caps.length ? `；封顶后 ${n(computed!)}` : '') +
    (byStated.length
      ? `；其中 ${byStated.length} 项定性或酌情打分的指标按自评得分计入（均在规则允许的区间内）`
      : '');
  const summary =
    ceiling +
    (computed === null
      ? '没有任何一项可以计分，无法得出总分'
      : open.length
        ? `已计分部分合计 ${n(computed)}，另有 ${open.length} 项无法判定（${open.join('、')}），总分只是下限${capped}`
        : `各项得分合计 ${n(computed)}${capped}`);
  return {
    rule: 'total',
    summary,
    ...(parts.length
      ? {
          formula: `${sum} = ${n(
            round(
              parts.reduce<Dec>((a, [, v]) => a.plus(v), new D(0)),
              f.decimals,
            ),
          )}`,
        }
      : {}),
    inputs,
    citation: notSelfScored && ceiling ? citationText(f, notSelfScored.cite) : f.name,
  };
}
