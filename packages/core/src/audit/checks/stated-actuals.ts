import type { Finding } from '../../model/finding.ts';
import type { Indicator } from '../../model/evaluation.ts';
import { isBlank } from '../../model/stated.ts';
import { D } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/** Words that say "done" or "none" without a measured figure. */
const NOT_MEASURED = /^(已?完成|已?达标|已?达到|已?实现|是|符合要求|按时完成|无|无[^\d]*效益|没有[^\d]*)$/;
/** A qualitative target that names both ends and so asks for nothing ("好坏", "是否", "有无", "高低"). */
const EMPTY_TARGET = /^(好坏|好\/坏|是否|是\/否|有无|有\/无|高低|强弱)$/;

const squeeze = (text: string) => text.replace(/[\s\u3000]+/g, '');
/** A 完成值 written as a range, the way a 指标值 is ("≥90%", "不低于80%"): it says what was aimed at, not what was done. */
const BOUND = /^(≥|≤|>=|<=|>|<|不低于|不少于|不高于|不超过|大于|小于|高于|低于)\s*\d/;
const score = (i: Indicator) => (i.statedScore?.value != null ? new D(i.statedScore.value) : null);
const where = (i: Indicator) => ({ source: i.source, indicator: i.name });

/**
 * 完成值 that is not a measured value — "完成" against "≤30万元", or a target that states nothing ("好坏").
 * Against a figure the actual must be a figure, else nobody can tell whether the target was met; an actual that
 * says there was no effect ("无经济效益") scored full marks is worse. Blank actuals are scored-without-actual's.
 * A 完成值 written as a range ("≥90%", corpus 043) is the 年度指标值's form, not the 全年实际值 the form asks for
 * (财预〔2020〕10号 附件2《项目支出绩效自评表》: 年度指标值 and 全年实际值 are separate columns).
 */
export function checkStatedActuals(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const out: Finding[] = [];
  const bounds: Indicator[] = [];
  for (const i of evaluation.indicators) {
    if (i.notApplicable) continue;
    const target = squeeze(i.target?.raw ?? '');
    const actual = squeeze(i.actual?.raw ?? '');
    const got = score(i);
    if (EMPTY_TARGET.test(target)) {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'warning',
          message: `指标「${i.name}」的指标值「${i.target!.raw}」只写了两端，没有说明要达到什么。`,
          evaluation,
          ...where(i),
          evidence: { stated: i.target!.raw },
          rule: 'audit.qualitative-target',
        }),
      );
      continue;
    }
    if (!i.notApplicable && BOUND.test(actual) && got !== null && got.gt(0)) bounds.push(i);
    if (isBlank(i.actual) || !NOT_MEASURED.test(actual) || got === null || !got.gt(0)) continue;
    const weight = i.weight?.value != null ? new D(i.weight.value) : null;
    const noEffect = /^(无|没有)/.test(actual);
    if (noEffect && weight && got.gte(weight)) {
      out.push(
        finding({
          code: 'unmet-full-score',
          severity: 'warning',
          message: `指标「${i.name}」完成值写的是「${i.actual!.raw}」，却得了满分 ${i.statedScore!.raw}。没有效益不能视为完成，请按实际情况评分或说明理由。`,
          evaluation,
          ...where(i),
          evidence: {
            stated: i.statedScore!.raw,
            inputs: { 指标值: i.target?.raw ?? '', 完成值: i.actual!.raw },
          },
          rule: 'audit.actual-not-measured',
        }),
      );
      continue;
    }
    if (i.target?.value == null || i.direction === 'qualitative') continue;
    out.push(
      finding({
        code: 'indicator-quality',
        severity: 'warning',
        message: `指标「${i.name}」指标值为 ${i.target.raw}，完成值却只写了「${i.actual!.raw}」，不是实测数值，无法判断是否达到（得 ${i.statedScore!.raw} 分）。请填写实际完成的数值。`,
        evaluation,
        ...where(i),
        evidence: { stated: i.actual!.raw, inputs: { 指标值: i.target.raw, 得分: i.statedScore!.raw } },
        rule: 'audit.actual-not-measured',
      }),
    );
  }
  // 043: 全年实际值 「≥90%」「≥5%」「≥80%」「≤50%」, each scored full — one finding for the table, every row named.
  if (bounds.length) {
    const list = bounds.map(
      (i) =>
        `「${i.name}」完成值「${i.actual!.raw}」（指标值 ${i.target?.raw || '空'}，得 ${i.statedScore!.raw} 分）`,
    );
    out.push(
      finding({
        code: 'indicator-quality',
        severity: 'warning',
        message: `${bounds.length} 个指标的完成值写成了范围，是指标值的写法，不是实际完成的数值：${list.join('；')}。无法判断是否达到，得分没有依据；请填写实测的数值。`,
        evaluation,
        ...where(bounds[0]!),
        evidence: { inputs: Object.fromEntries(bounds.map((i) => [i.name, i.actual!.raw])) },
        rule: 'audit.actual-not-measured',
      }),
    );
  }
  return out;
}
