import { D, type Dec } from '../numbers/decimal.ts';

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
