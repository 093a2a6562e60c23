import type { Indicator } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D, type Dec } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/** A 三级 name that is about money: 经费, 资金, 补助, 补贴, 拨款, 预算, 金额. */
const MONEY_NAME = /经费|资金|补助|补贴|拨款|预算|金额/;
/** A unit of money. */
const MONEY_UNIT = /^(万?元)$/;

const squeeze = (text: string) => text.replace(/[\s\u3000]+/g, '');

/**
 * Whether a target figure is the budget, and in which unit: 万元 as the budget line writes it, or the same sum
 * in 元 (72890 元 is 7.289, printed 7.29 万元); null when it is neither.
 */
function budgetUnit(target: Dec, budget: Dec, decimals: number): '万元' | '元' | null {
  const places = Math.max(decimals, 2);
  const asWan = (x: Dec) => x.toDecimalPlaces(places, D.ROUND_HALF_UP);
  if (asWan(target).eq(asWan(budget))) return '万元';
  return asWan(target.div(10000)).eq(asWan(budget)) ? '元' : null;
}

/**
 * 数量指标写成资金数额 — 财预〔2020〕10号 附件2《项目支出绩效自评表》填报说明: 数量指标反映预期提供的公共产品和服务
 * 的数量（人次、件、面积），资金是投入，不是产出. A 数量指标 about money whose 指标值 is the project's own budget (corpus
 * 042: 「卫片执法补助经费」72890 against 年度资金总额 7.29 万元) restates the input and measures no output. The
 * figure must be the budget (in 万元 or the same sum in 元): a money-named row with another figure is left alone.
 */
export function checkOutputIsBudget(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const total = evaluation.budget.find((l) => l.role === 'total');
  const budget = [total?.adjustedBudget, total?.initialBudget].find(
    (b) => b?.value != null && !new D(b.value).isZero(),
  );
  if (!total || !budget) return [];
  const out: Finding[] = [];
  for (const i of evaluation.indicators) {
    if (i.notApplicable || !/数量/.test(i.level2) || i.target?.value == null) continue;
    const name = squeeze(i.name);
    if (!MONEY_NAME.test(name) && !MONEY_UNIT.test(squeeze(i.unit ?? ''))) continue;
    const unit = budgetUnit(new D(i.target.value), new D(budget.value!), budget.decimals);
    if (!unit) continue;
    const same =
      unit === '元'
        ? `${i.target.raw} 元即「${total.label}」${budget.raw} 万元`
        : `「${total.label}」${budget.raw} 万元`;
    out.push(
      finding({
        code: 'indicator-quality',
        severity: 'warning',
        message: `数量指标「${i.name}」的指标值 ${i.target.raw} 就是项目资金本身（${same}）：数量指标应写要提供的产品和服务的数量（人次、件、面积等），资金是投入，不是产出。请改写为资金要完成的产出。`,
        evaluation,
        source: i.target.source ?? i.source,
        indicator: i.name,
        evidence: { stated: i.target.raw, inputs: { 三级指标: i.name, [total.label]: `${budget.raw} 万元` } },
        rule: 'audit.output-is-budget',
      }),
    );
  }
  return out;
}

/** 三级 names that measure how the money was managed, not what it bought or achieved. */
const FUND_MANAGEMENT =
  /结余率|结转结余|科目调整|预算调整|调整次数|预算执行率|资金执行率|支出进度|资金到位率/;

/**
 * 资金管理指标归为产出或效益 — 财预〔2020〕10号 附件2: 产出指标反映提供的产品和服务（数量、质量、时效、成本），效益指标
 * 反映产出带来的经济、社会、生态效益和可持续影响；预算执行另行计分. A row measuring how the money was managed
 * (corpus 006: 「科目调整次数」 filed as 数量指标, 「结余率」 as 经济效益指标) sits in neither. One finding per table with
 * each row and where it is filed. A 部门整体 table's own 预算管理 block is not 产出 or 效益 and is left alone.
 */
export function checkFundMeasuresMisfiled(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const misfiled = evaluation.indicators.filter(
    (i: Indicator) => !i.notApplicable && /产出|效益/.test(i.level1) && FUND_MANAGEMENT.test(squeeze(i.name)),
  );
  if (!misfiled.length) return [];
  const place = (i: Indicator) => `「${i.name}」归在「${i.level1}${i.level2 ? ` — ${i.level2}` : ''}」`;
  return [
    finding({
      code: 'indicator-quality',
      severity: 'info',
      message: `${misfiled.map(place).join('，')}：这些指标衡量的是资金管理（预算执行、调整、结余），不是项目的产出或效益。产出指标应写提供的产品和服务，效益指标应写产出带来的效益；资金管理由预算执行情况反映。请核对指标归类。`,
      evaluation,
      source: misfiled[0]!.source,
      indicator: misfiled[0]!.name,
      evidence: {
        inputs: Object.fromEntries(misfiled.map((i) => [i.name, `${i.level1} ${i.level2}`.trim()])),
      },
      rule: 'audit.fund-measure-misfiled',
    }),
  ];
}
