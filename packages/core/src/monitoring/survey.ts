import type { Stated } from '../model/stated.ts';
import { D, type Dec } from '../numbers/decimal.ts';
import { parseStated } from '../numbers/parse.ts';

/** One answer option of a 满意度调查 and how many chose it; `satisfied` says whether it counts as satisfied. */
export interface SurveyOption {
  /** 非常满意 / 满意 / 基本满意 / 不满意 */
  label: string;
  count: number;
  satisfied: boolean;
}

/** 满意度调查 — the counts a 满意度指标's 完成值 is computed from. */
export interface SurveyCounts {
  /** 发出问卷数 */
  issued: number;
  /** 收回有效问卷数 */
  returned: number;
  options: SurveyOption[];
}

export interface SurveyRate {
  /** 满意度 in percent with 2 decimals, null when no valid questionnaire came back. */
  rate: string | null;
  /** 满意数 (the satisfied options added up) */
  satisfied: number;
  /** 回收率 in percent with 2 decimals */
  returnRate: string | null;
  /** "满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%" */
  formula: string;
  /** Counts that cannot be (more answers than questionnaires returned…), in Chinese. */
  problems: string[];
}

const pct = (v: Dec) => v.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);

/**
 * 满意度 = 满意份数 ÷ 收回有效问卷份数 — seed 004: 发出测评表30份，收回有效测评表30份，满意29份 → 96.67%.
 * The denominator is what came back valid, not what was sent: an unanswered questionnaire says nothing.
 */
export function surveyRate(counts: SurveyCounts): SurveyRate {
  const problems: string[] = [];
  const satisfied = counts.options.filter((o) => o.satisfied).reduce((s, o) => s + o.count, 0);
  const answered = counts.options.reduce((s, o) => s + o.count, 0);
  for (const o of counts.options) {
    if (!Number.isInteger(o.count) || o.count < 0)
      problems.push(`「${o.label}」的份数 ${o.count} 应为非负整数`);
  }
  if (counts.returned > counts.issued)
    problems.push(`收回 ${counts.returned} 份多于发出的 ${counts.issued} 份`);
  if (answered !== counts.returned)
    problems.push(`各选项合计 ${answered} 份，与收回有效问卷 ${counts.returned} 份不一致`);
  const satisfiedLabels =
    counts.options
      .filter((o) => o.satisfied)
      .map((o) => o.label)
      .join('、') || '满意';
  if (counts.returned <= 0) {
    return { rate: null, satisfied, returnRate: null, formula: '没有收回有效问卷，满意度无法计算', problems };
  }
  const rate = pct(new D(satisfied).div(counts.returned).times(100));
  return {
    rate,
    satisfied,
    returnRate: counts.issued > 0 ? pct(new D(counts.returned).div(counts.issued).times(100)) : null,
    formula: `${satisfiedLabels} ${satisfied} 份 ÷ 收回有效问卷 ${counts.returned} 份 = ${rate}%`,
    problems,
  };
}

/** 默认选项 of a new survey: the usual four grades, the first three counting as satisfied. */
export const DEFAULT_SURVEY_OPTIONS: readonly SurveyOption[] = [
  { label: '非常满意', count: 0, satisfied: true },
  { label: '满意', count: 0, satisfied: true },
  { label: '基本满意', count: 0, satisfied: true },
  { label: '不满意', count: 0, satisfied: false },
];

/** 满意度指标 — an indicator whose 完成值 is a survey's rate: its name (or 二级指标) speaks of 满意度/满意率. */
export function isSatisfactionIndicator(i: { name: string; level2?: string }): boolean {
  return /满意(度|率)/.test(i.name) || /满意度/.test(i.level2 ?? '');
}

/**
 * 完成值 from a survey: the rate written as the indicator's 指标值 is (its 调整后指标值 when there is one: that
 * is what it is scored against) — with "%" when the 指标值 has it, else the bare figure beside its unit — its
 * source saying it came from the 满意度调查 and by which formula. Null when the survey has no rate (nothing
 * came back) or its counts have problems.
 */
export function surveyActual(
  indicator: { target?: Stated; adjustedTarget?: Stated },
  survey: SurveyRate,
): Stated | null {
  if (survey.rate === null || survey.problems.length) return null;
  const target = indicator.adjustedTarget?.raw ? indicator.adjustedTarget : indicator.target;
  const written = target?.percent || !target || target.value === null ? `${survey.rate}%` : survey.rate;
  return parseStated(written, { derivation: `满意度调查：${survey.formula}` });
}
