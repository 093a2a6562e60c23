import type { Indicator } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import type { IndicatorScore } from '../../model/result.ts';
import { isBlank } from '../../model/stated.ts';
import { D } from '../../numbers/decimal.ts';
import { scoreAgrees } from '../../numbers/tolerance.ts';
import type { AuditContext } from '../context.ts';
import { finding, show } from '../finding-kit.ts';

/** From this many blank actuals in one table on, one finding lists them all. */
const GROUP_AT = 2;

function pairs(ctx: AuditContext): Array<[Indicator, IndicatorScore]> {
  const byId = new Map(ctx.score.indicators.map((s) => [s.indicatorId, s]));
  return ctx.evaluation.indicators.flatMap((i) => {
    const s = byId.get(i.id);
    return s ? [[i, s] as [Indicator, IndicatorScore]] : [];
  });
}

function label(i: Indicator): string {
  return [i.level1, i.level2, i.name].filter(Boolean).join(' / ');
}

/** 得分超过分值: an indicator, budget execution, or the total above what the framework allows. */
export function checkScoreExceedsWeight(ctx: AuditContext): Finding[] {
  const { evaluation, score } = ctx;
  const out: Finding[] = [];
  for (const i of evaluation.indicators) {
    if (!i.statedScore?.value || !i.weight?.value) continue;
    const stated = new D(i.statedScore.value);
    const weight = new D(i.weight.value);
    if (stated.gt(weight)) {
      out.push(
        finding({
          code: 'score-exceeds-weight',
          severity: 'error',
          message: `指标「${i.name}」得分 ${i.statedScore.raw} 超过其分值 ${i.weight.raw}。三级指标得分不能超过分值上限。`,
          evaluation,
          source: i.statedScore.source ?? i.source,
          indicator: i.name,
          evidence: {
            stated: i.statedScore.raw,
            computed: `≤ ${i.weight.raw}`,
            inputs: { 分值: i.weight.raw },
          },
          rule: 'audit.indicator-max',
        }),
      );
    }
    if (stated.isNegative()) {
      out.push(
        finding({
          code: 'score-exceeds-weight',
          severity: 'error',
          message: `指标「${i.name}」得分为负数 ${i.statedScore.raw}。`,
          evaluation,
          source: i.statedScore.source ?? i.source,
          indicator: i.name,
          evidence: { stated: i.statedScore.raw, computed: '≥ 0' },
          rule: 'audit.indicator-min',
        }),
      );
    }
  }
  for (const line of evaluation.budget) {
    if (!line.statedScore?.value || !line.weight?.value) continue;
    if (new D(line.statedScore.value).gt(line.weight.value)) {
      out.push(
        finding({
          code: 'score-exceeds-weight',
          severity: 'error',
          message: `预算执行得分 ${line.statedScore.raw} 超过其分值 ${line.weight.raw}。`,
          evaluation,
          source: line.statedScore.source ?? line.source,
          budgetLine: line.label,
          evidence: { stated: line.statedScore.raw, computed: `≤ ${line.weight.raw}` },
          rule: 'audit.budget-score-max',
        }),
      );
    }
  }
  const total = evaluation.statedTotal;
  if (total?.value && new D(total.value).gt(score.maxTotal)) {
    out.push(
      finding({
        code: 'score-exceeds-weight',
        severity: 'error',
        message: `自评总分 ${total.raw} 超过评分框架「${score.frameworkName}」允许的最高分 ${score.maxTotal}。${score.explanation.summary}`,
        evaluation,
        source: total.source,
        evidence: {
          stated: total.raw,
          computed: `≤ ${score.maxTotal}`,
          inputs: { 框架: `${score.frameworkId}@${score.frameworkVersion}` },
          citation: score.explanation.citation,
        },
        rule: 'audit.total-max',
      }),
    );
  }
  return out;
}

/** 完成值为空却给分: "cannot judge" is not "met". Grouped per table so thirty blanks read as one problem. */
export function checkScoredWithoutActual(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  // A form with neither 指标值 nor 完成值 columns (the 决策/管理/绩效 form of corpus 010 scores each criterion by
  // the reviewer's judgement) has no actual to leave blank.
  if (!evaluation.indicators.some((i) => !isBlank(i.target) || !isBlank(i.actual))) return [];
  const blanks = evaluation.indicators.filter(
    (i) =>
      i.direction !== 'qualitative' &&
      !i.notApplicable &&
      i.criterionText === undefined &&
      isBlank(i.actual) &&
      i.statedScore?.value != null &&
      new D(i.statedScore.value).gt(0),
  );
  const one = (i: Indicator) =>
    finding({
      code: 'scored-without-actual',
      severity: 'error',
      message: `指标「${i.name}」完成值为空，却得了 ${i.statedScore!.raw} 分（满分 ${i.weight?.raw ?? '?'}）。没有完成值就无法判断是否完成，请填写完成值。`,
      evaluation,
      source: i.source,
      indicator: i.name,
      evidence: {
        stated: i.statedScore!.raw,
        computed: '无法判定',
        inputs: { 指标值: i.target?.raw ?? '', 完成值: '（空）', 分值: i.weight?.raw ?? '' },
      },
      rule: 'audit.scored-without-actual',
    });
  if (blanks.length < GROUP_AT) return blanks.map(one);
  const quantitative = evaluation.indicators.filter((i) => i.direction !== 'qualitative').length;
  const first = blanks[0]!;
  const last = blanks[blanks.length - 1]!;
  return [
    finding({
      code: 'scored-without-actual',
      severity: 'error',
      message: `${blanks.length} 个定量指标完成值为空却给了分（本表共 ${quantitative} 个定量指标）：${blanks
        .map((i) => `「${i.name}」${i.statedScore!.raw}分`)
        .join('、')}。没有完成值就无法判断是否完成，请逐项填写完成值。`,
      evaluation,
      source: {
        ...(first.source ?? {}),
        ...(last.source?.line !== undefined ? { endLine: last.source.endLine ?? last.source.line } : {}),
      },
      evidence: {
        stated: blanks.map((i) => i.statedScore!.raw).join(', '),
        computed: '无法判定',
        indicators: blanks.map((i) => ({
          name: label(i),
          target: i.target?.raw ?? '',
          weight: i.weight?.raw ?? '',
          score: i.statedScore!.raw,
          line: i.source?.line,
        })),
      },
      rule: 'audit.scored-without-actual',
    }),
  ];
}

/**
 * A deadline target ("9月前", "11月底前") is kept by an earlier date: "7月" against "9月前" is met (corpus 008),
 * though a rule reading the target as a number to reach would call it short.
 */
export function deadlineKept(i: Indicator): boolean {
  const target = i.target?.raw ?? '';
  if (!/(前|之前|以前|底前)\s*$/.test(target) || i.target?.value == null || i.actual?.value == null)
    return false;
  const unit = (raw: string) => raw.replace(/[\d.\s]|前|之前|以前|底/g, '');
  if (unit(target) !== unit(i.actual.raw)) return false;
  return new D(i.actual.value).lte(i.target.value);
}

/**
 * What an unmet indicator was measured by: its 指标值 and 完成值, or — a row that prints neither (到位率
 * of the 决策/管理/绩效 form) — the named inputs its rule read (计划投资额 570，实际到位资金 398.88).
 */
function measuredBy(i: Indicator, inputs: Record<string, string> | undefined): string {
  if (i.target?.raw || i.actual?.raw)
    return `未达到指标值（指标值 ${i.target?.raw ?? ''}，完成值 ${i.actual?.raw ?? ''}）`;
  const named = Object.entries(inputs ?? {}).filter(([k]) => !/分值$/.test(k));
  return named.length
    ? `按评分规则未达到要求（${named.map(([k, v]) => `${k} ${v}`).join('，')}）`
    : '按评分规则未达到要求';
}

/** 未完成却满分, and stated scores that differ from what the framework's rule gives. */
export function checkRuleDeviation(ctx: AuditContext): Finding[] {
  const { evaluation, score } = ctx;
  const out: Finding[] = [];
  for (const [i, s] of pairs(ctx)) {
    const stated = i.statedScore?.value != null ? new D(i.statedScore.value) : null;
    const weight = i.weight?.value != null ? new D(i.weight.value) : null;
    if (stated === null) continue;
    // Full marks for a deadline kept are what any rule gives once the date is read as a date.
    if (deadlineKept(i) && weight && stated.eq(weight)) continue;
    if (s.met === false && weight && stated.gte(weight) && weight.gt(0)) {
      out.push(
        finding({
          code: 'unmet-full-score',
          severity: 'error',
          message: `指标「${i.name}」${measuredBy(i, s.explanation.inputs)}，却得了满分 ${i.statedScore!.raw}${s.computed != null ? `，按评分规则应得 ${s.computed} 分` : ''}。`,
          evaluation,
          source: i.source,
          indicator: i.name,
          evidence: {
            stated: i.statedScore!.raw,
            computed:
              s.computed ?? (s.allowedRange ? `${s.allowedRange[0]}–${s.allowedRange[1]}` : '低于满分'),
            inputs: { 指标值: i.target?.raw ?? '', 完成值: i.actual?.raw ?? '', 分值: i.weight?.raw ?? '' },
            formula: s.explanation.formula,
            citation: s.explanation.citation,
          },
          rule: s.explanation.rule,
        }),
      );
      continue;
    }
    if (s.outcome === 'scored' && s.computed !== null) {
      const computed = new D(s.computed);
      if (scoreAgrees(stated, i.statedScore!.decimals, computed)) continue;
      const difference = stated.minus(computed).abs();
      out.push(
        finding({
          code: 'rule-deviation',
          severity: difference.gte(1) ? 'error' : 'warning',
          message: `指标「${i.name}」自评 ${i.statedScore!.raw} 分，按评分规则应得 ${show(computed)} 分：${s.explanation.summary}`,
          evaluation,
          source: i.statedScore!.source ?? i.source,
          indicator: i.name,
          evidence: {
            stated: i.statedScore!.raw,
            computed: show(computed),
            formula: s.explanation.formula,
            inputs: s.explanation.inputs,
            citation: s.explanation.citation,
          },
          rule: s.explanation.rule,
        }),
      );
    } else if ((s.outcome === 'manual' || s.tier !== undefined) && s.allowedRange) {
      const [lo, hi] = s.allowedRange.map((v) => new D(v)) as [
        InstanceType<typeof D>,
        InstanceType<typeof D>,
      ];
      if (stated.lt(lo) || stated.gt(hi)) {
        out.push(
          finding({
            code: 'rule-deviation',
            severity: 'warning',
            message: `指标「${i.name}」自评 ${i.statedScore!.raw} 分，不在评分规则允许的区间 [${s.allowedRange[0]}, ${s.allowedRange[1]}] 内：${s.explanation.summary}`,
            evaluation,
            source: i.statedScore!.source ?? i.source,
            indicator: i.name,
            evidence: {
              stated: i.statedScore!.raw,
              computed: `${s.allowedRange[0]}–${s.allowedRange[1]}`,
              inputs: s.explanation.inputs,
              citation: s.explanation.citation,
            },
            rule: s.explanation.rule,
          }),
        );
      }
    }
  }

  const be = score.budgetExecution;
  if (be && be.outcome === 'scored' && be.computed !== null && be.stated !== null) {
    const line = evaluation.budget.find((l) => l.statedScore?.value != null);
    if (!scoreAgrees(new D(be.stated), line?.statedScore?.decimals ?? 2, new D(be.computed))) {
      const difference = new D(be.stated).minus(be.computed).abs();
      out.push(
        finding({
          code: 'rule-deviation',
          severity: difference.gte(1) ? 'error' : 'warning',
          message: `预算执行得分填报 ${be.stated}，按规则应为 ${show(new D(be.computed))}：${be.explanation.summary}`,
          evaluation,
          source: line?.statedScore?.source ?? line?.source,
          budgetLine: line?.label,
          evidence: {
            stated: be.stated,
            computed: be.computed,
            formula: be.explanation.formula,
            inputs: be.explanation.inputs,
            citation: be.explanation.citation,
          },
          rule: be.explanation.rule,
        }),
      );
    }
  }

  const total = evaluation.statedTotal;
  if (total?.value && score.computedTotal !== null && !score.totalIncomplete) {
    if (!scoreAgrees(new D(total.value), total.decimals, new D(score.computedTotal))) {
      const difference = new D(total.value).minus(score.computedTotal).abs();
      out.push(
        finding({
          code: 'rule-deviation',
          severity: difference.gte(1) ? 'error' : 'warning',
          message: `自评总分 ${total.raw}，按评分框架「${score.frameworkName}」重新计算为 ${show(new D(score.computedTotal))}。${score.caps.map((c) => c.explanation.summary).join('')}`,
          evaluation,
          source: total.source,
          evidence: {
            stated: total.raw,
            computed: score.computedTotal,
            formula: score.explanation.formula,
            inputs: score.explanation.inputs,
            citation: score.explanation.citation,
          },
          rule: 'audit.total-recomputed',
        }),
      );
    }
  }
  return out;
}
