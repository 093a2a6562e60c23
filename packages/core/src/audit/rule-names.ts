import type { FindingCode } from '../model/finding.ts';

/** 发现类型 — each finding code as a reviewer names it. The codes stay in the JSON; people read these. */
export const FINDING_CODE_NAMES: Record<FindingCode, string> = {
  'sum-mismatch': '合计与明细不符',
  'ratio-mismatch': '比率计算有误',
  'cross-table-mismatch': '表间数字不一致',
  'narrative-conflict': '正文与表格或正文前后矛盾',
  'grade-mismatch': '等级与得分不符',
  'score-exceeds-weight': '得分超过分值',
  'rule-deviation': '得分不符合评分规则',
  'scored-without-actual': '完成值空白却得分',
  'unmet-full-score': '未完成却得满分',
  'missing-deviation-reason': '未说明偏差原因',
  'weights-invalid': '分值设置不符合评分框架',
  'indicator-quality': '指标设置不规范',
  'budget-execution-anomaly': '预算执行异常',
  unfilled: '应填未填',
  'year-mismatch': '年度与本表年度不符',
  incomplete: '必填项未填写',
};

/**
 * 审核规则 — the built-in checks by the id a finding carries, in words. A framework's own rules are named
 * by the framework (its rule's name), not here.
 */
export const AUDIT_RULE_NAMES: Record<string, string> = {
  'audit.budget-sum': '预算合计等于各明细之和',
  'audit.budget-score-max': '预算执行得分不超过其分值',
  'audit.category-sum': '一级指标得分等于其下各指标得分之和',
  'audit.actual-not-measured': '完成值应为实测数值',
  'audit.adjustment-reason': '年中追加或调整预算须说明原因',
  'audit.blank-budget-score': '预算执行应填得分',
  'audit.blank-executed': '填了执行率须填执行数',
  'audit.blank-indicator-results': '设了分值的指标须填完成值和得分',
  'audit.component-scored-twice': '子项与其上级行不重复计分',
  'audit.template-text': '不得保留填表说明作为填报内容',
  'audit.stale-year': '目标中的年度与本表年度一致',
  'audit.category-weight': '一级指标分值等于其下各指标分值之和',
  'audit.complete-actual': '每个指标须填写完成值',
  'audit.complete-budget': '项目须填写预算执行情况',
  'audit.complete-goal': '须填写年度总体目标',
  'audit.complete-indicator-name': '每个指标须有名称',
  'audit.complete-project-name': '须填写项目名称',
  'audit.complete-score': '每个指标须填写得分',
  'audit.complete-target': '每个指标须填写指标值',
  'audit.claim-all-met': '正文称目标全部完成须与指标表一致',
  'audit.cost-floor': '成本指标应为上限（≤）',
  'audit.count-completed': '完成指标数不超过设定指标数',
  'audit.count-reason': '未完成指标须说明原因',
  'audit.count-sum': '各类指标数之和等于合计',
  'audit.execution-rate': '执行率等于执行数 ÷ 全年预算数',
  'audit.execution-rate-rounding': '执行率按计算值四舍五入填报',
  'audit.execution-reason': '执行率低于 90% 须说明原因',
  'audit.fund-measure-misfiled': '资金管理指标不归为产出或效益指标',
  'audit.full-marks-with-problems': '自述存在问题却得满分',
  'audit.goal-is-name': '年度目标应说明要完成的内容',
  'audit.grade-band': '等级与得分区间一致',
  'audit.grade-label': '等级名称规范',
  'audit.grade-recomputed': '按重算得分评定等级',
  'audit.impossible-target': '指标值不可能实现',
  'audit.indicator-max': '指标得分不超过分值',
  'audit.indicator-min': '指标得分不为负',
  'audit.indicator-reason': '未完成指标须说明偏差原因',
  'audit.indicator-vague': '指标应具体、可衡量',
  'audit.level2-name': '二级指标名称应为规范名称',
  'audit.quantity-ceiling': '要完成的数量指标应为下限或定额',
  'audit.printed-weight': '表头写明的分值应与各行分值和评分框架一致',
  'audit.indicator-vs-budget': '指标中的金额与预算一致',
  'audit.low-execution-high-score': '执行率很低而得分很高',
  'audit.monitoring-order': '累计执行进度不倒退',
  'audit.monitoring-reason': '未达监控目标须说明原因',
  'audit.narrative-change': '正文中的增减幅度计算正确',
  'audit.narrative-parts': '正文中的合计等于其组成之和',
  'audit.narrative-same-fact': '同一事项在正文中只有一个数',
  'audit.narrative-share': '正文中的占比计算正确',
  'audit.narrative-total': '正文中的得分与表格一致',
  'audit.narrative-vs-budget': '正文中的预算数与表格一致',
  'audit.narrative-vs-summary': '正文中的数字与汇总表一致',
  'audit.output-is-budget': '数量指标应为产出而非资金数额',
  'audit.misfiled-level2': '三级指标归入相符的二级指标',
  'audit.over-budget': '执行数不超过调整后预算',
  'audit.qualitative-target': '定性指标的完成值应为评价等次',
  'audit.rate-vs-final-accounts': '执行率与决算数一致',
  'audit.score-sum': '总分等于各项得分之和',
  'audit.scored-without-actual': '完成值空白不得分',
  'audit.summary-deviation-reason': '汇总表中执行率低于 90% 的项目须说明偏差',
  'audit.summary-execution-rate': '汇总表执行率等于执行数 ÷ 预算数',
  'audit.total-max': '总分不超过满分',
  'audit.total-recomputed': '总分按评分规则重算',
  'audit.unit-mismatch': '计量单位与指标相符',
  'audit.unit-rate': '比率指标以百分比表示',
  'audit.weight-sum': '各项分值之和等于满分',
  'audit.weight-total': '分值合计等于评分框架的总分',
  'audit.year-end-equals-midyear': '全年数不应与年中数完全相同',
};

/** The words for a finding's rule: a built-in check's name, else the framework's own wording, else a plain label. */
export function ruleName(rule: string | undefined, frameworkRuleNames: Record<string, string> = {}): string {
  if (!rule) return '';
  return (
    AUDIT_RULE_NAMES[rule] ??
    frameworkRuleNames[rule] ??
    (rule.startsWith('audit.') ? '审核规则' : '评分框架规则')
  );
}
