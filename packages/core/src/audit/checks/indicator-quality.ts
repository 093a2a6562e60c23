import type { Indicator } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/** Names that say nothing about what is produced: they pass for any year's work (seed 002). */
const VAGUE_NAMES = new Set([
  '完成量',
  '完成率',
  '完成时间',
  '完成情况',
  '工作完成情况',
  '节约率',
  '质量',
  '数量',
  '时效',
]);
/** Words that make a 时效指标 about time. */
const TIME_WORDS = /时间|期限|及时|按时|进度|结点|节点|时限|时效|周期|[年月日天]内|当年|年度/;
/** Count nouns and the units they take. */
const COUNT_UNITS: Array<[RegExp, RegExp, string]> = [
  [/案件(?!.*(人次|人数))/, /^(人|人次|名)$/, '件'],
  [/人次|人数|对象|人员(?!.*率)/, /^(件|个)$/, '人'],
];

/** A 数量指标 about work to deliver (建设, 开展, 完成 …) … */
const DELIVERY_WORDS =
  /建设|新建|建成|开展|完成|培训|发放|举办|组织|改造|实施|覆盖|修建|提供|服务|宣传|检查|救助|帮扶/;
/** … unless it counts what is to be kept down (科目调整次数 ≤10次, 投诉, 事故): then an upper bound is right. */
const KEEP_DOWN_WORDS =
  /次数|投诉|事故|发生|违规|违纪|超标|超支|差错|失误|问题|调整|返工|不合格|降低|减少|控制|上访|信访量|滞留|积压|逾期/;

function where(i: Indicator) {
  return { source: i.source, indicator: i.name };
}

/** 指标质量: indicators that cannot be measured, units that do not fit, cost floors, misfiled 二级. */
export function checkIndicatorQuality(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  if (evaluation.kind !== 'project' && evaluation.kind !== 'department') return [];
  const out: Finding[] = [];
  for (const i of evaluation.indicators) {
    if (i.criterionText !== undefined) continue; // framework criteria (部门整体 指标体系) are not the department's targets
    const name = i.name.replace(/\s/g, '');
    const unit = (i.unit ?? i.target?.unit ?? '').trim();
    const isCost = /成本/.test(i.level1) || /成本/.test(i.level2);
    const sign = i.direction;

    if (VAGUE_NAMES.has(name)) {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'warning',
          message: `指标「${i.name}」没有说明完成的是什么（指标值 ${i.target?.raw ?? ''}），无法衡量。请写成具体、可衡量的指标，如“办理法律援助案件数 ≥ 400 件”。`,
          evaluation,
          ...where(i),
          evidence: { stated: i.name, inputs: { 指标值: i.target?.raw ?? '', 一级指标: i.level1 } },
          rule: 'audit.indicator-vague',
        }),
      );
    }
    if (isCost && (sign === '≥' || i.target?.sign === '≥')) {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'warning',
          message: `成本指标「${i.name}」写成下限（≥ ${i.target?.raw.replace(/^[≥>=]+/, '') ?? ''}${unit}），花得越多越“达标”。成本指标应为上限（≤）或定额（=）。`,
          evaluation,
          ...where(i),
          evidence: {
            stated: `${sign ?? ''} ${i.target?.raw ?? ''}`,
            computed: '≤ 或 =',
            inputs: { 度量单位: unit },
          },
          rule: 'audit.cost-floor',
        }),
      );
    }
    if (
      /数量/.test(i.level2) &&
      (sign === '≤' || i.target?.sign === '≤' || i.target?.sign === '<') &&
      DELIVERY_WORDS.test(name) &&
      !KEEP_DOWN_WORDS.test(name)
    ) {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'warning',
          message: `数量指标「${i.name}」写成上限（${i.target?.raw ?? ''}${unit}）：要完成的产出数量应为下限（≥）或定额（=），写成上限则做得越少越“达标”。请核对指标性质。`,
          evaluation,
          ...where(i),
          evidence: { stated: i.target?.raw ?? '', computed: '≥ 或 =', inputs: { 二级指标: i.level2 } },
          rule: 'audit.quantity-ceiling',
        }),
      );
    }
    if (isCost && /节约率/.test(name) && i.target?.value && new D(i.target.value).gte(100)) {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'warning',
          message: `成本指标「${i.name}」指标值 ${i.target.raw}：节约 100% 等于一分钱不花，这个目标不可能是本意。`,
          evaluation,
          ...where(i),
          evidence: { stated: i.target.raw },
          rule: 'audit.impossible-target',
        }),
      );
    }
    const gradeWords = (i.target?.raw ?? '').match(/[优良中低差]/g) ?? [];
    if (i.direction === 'qualitative' && gradeWords.length >= 3) {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'warning',
          message: `定性指标「${i.name}」的指标值「${i.target!.raw}」列出了全部等级，没有说明要达到哪一级。`,
          evaluation,
          ...where(i),
          evidence: { stated: i.target!.raw },
          rule: 'audit.qualitative-target',
        }),
      );
    }
    const isRate = /率$/.test(name) || (i.target?.percent ?? false) || unit === '%';
    if (
      isRate &&
      i.target?.value &&
      i.target.percent !== false &&
      unit === '%' &&
      new D(i.target.value).gt(100)
    ) {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'warning',
          message: `比率指标「${i.name}」指标值 ${i.target.raw} 超过 100%。`,
          evaluation,
          ...where(i),
          evidence: { stated: i.target.raw, computed: '≤ 100%' },
          rule: 'audit.rate-over-100',
        }),
      );
    }
    if (/率$/.test(name) && unit && !/%|％|百分/.test(unit) && unit !== '定性指标' && unit !== '其他') {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'warning',
          message: `指标「${i.name}」是比率，度量单位却是「${unit}」。`,
          evaluation,
          ...where(i),
          evidence: { stated: unit, computed: '%' },
          rule: 'audit.unit-rate',
        }),
      );
    }
    for (const [noun, wrongUnit, right] of COUNT_UNITS) {
      if (noun.test(name) && !/率/.test(name) && wrongUnit.test(unit)) {
        out.push(
          finding({
            code: 'indicator-quality',
            severity: 'warning',
            message: `指标「${i.name}」的度量单位是「${unit}」，与指标内容不符（应为「${right}」）。`,
            evaluation,
            ...where(i),
            evidence: { stated: unit, computed: right },
            rule: 'audit.unit-mismatch',
          }),
        );
        break;
      }
    }
    if (
      /时效/.test(i.level2) &&
      !TIME_WORDS.test(name) &&
      !TIME_WORDS.test(unit) &&
      !/[月日天年]/.test(unit)
    ) {
      out.push(
        finding({
          code: 'indicator-quality',
          severity: 'info',
          message: `指标「${i.name}」归在「${i.level2}」下，但内容与时间无关，可能归错了二级指标。`,
          evaluation,
          ...where(i),
          evidence: { stated: i.level2, inputs: { 三级指标: i.name, 度量单位: unit } },
          rule: 'audit.misfiled-level2',
        }),
      );
    }
  }
  return out;
}
