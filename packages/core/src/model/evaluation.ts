import type { SourceRef } from './source.ts';
import type { Stated } from './stated.ts';

/** 评价类型: 项目支出 / 部门整体支出 / 多项目汇总表 */
export type EvaluationKind = 'project' | 'department' | 'summary';

/**
 * 预算执行行 — one line of a budget block: the total, a source of funds, a nature of spending,
 * a task. Columns a document leaves out stay undefined; blank cells are Stated with raw ''.
 */
export interface BudgetLine {
  /** Stable within the evaluation, e.g. "total", "source-1", "task-3". */
  id: string;
  /** Label as written: 总额, 其中：财政资金, 基本支出, 社区矫正. */
  label: string;
  /** What kind of line: the whole, a 资金来源, a 支出性质, a 年度主要任务, an 经济分类, a functional 科目. */
  role: 'total' | 'source' | 'nature' | 'task' | 'economic' | 'function' | 'other';
  /**
   * Id of the line these parts add up to. Lines with the same `partOf` and the same `role` form
   * one sum: total = Σ sources; total = Σ natures; 项目支出 = Σ tasks.
   */
  partOf?: string;
  /** 年初预算数 */
  initialBudget?: Stated;
  /** 全年预算数 / 调整后预算数 */
  adjustedBudget?: Stated;
  /**
   * 实际到位资金 — the funds that actually arrived during the year (seed 004's 项目收支情况表, a 计划投资额 /
   * 实际到位资金 form), which may differ from the budget; its name and the forms' labels: FUNDS_RECEIVED.
   */
  received?: Stated;
  /** 预算执行数 / 决算数 */
  executed?: Stated;
  /** 预算执行率 as stated */
  executionRate?: Stated;
  /** 分值 of the budget-execution criterion (usually on the total line only) */
  weight?: Stated;
  /** 得分 stated for budget execution */
  statedScore?: Stated;
  /** 原因 / 偏差说明 written beside the line */
  reason?: string;
  source?: SourceRef;
}

/** 指标性质: 正向 ≥, 反向 ≤, 等于 =, 定性; null when the document does not say and it cannot be inferred. */
export type IndicatorDirection = '≥' | '≤' | '=' | 'qualitative';

/** 三级指标 — one row of the indicator tree. */
export interface Indicator {
  id: string;
  /** 一级指标, e.g. 产出指标 */
  level1: string;
  /** 二级指标, e.g. 数量指标; '' when the form has no 二级 column (seed 002) */
  level2: string;
  /** 三级指标 name */
  name: string;
  /** 指标性质; inferred from the target's sign when the form has no such column */
  direction: IndicatorDirection | null;
  /** 指标值 (年度目标值); for 定性 the expected wording, e.g. 优良 */
  target?: Stated;
  /** 度量单位 */
  unit?: string;
  /** 实际完成值 */
  actual?: Stated;
  /** 分值 / 权重 */
  weight?: Stated;
  /** 自评得分 as stated */
  statedScore?: Stated;
  /** 偏差原因分析及改进措施 / 未完成原因分析 */
  deviationReason?: string;
  /** 计分标准 / 评扣分标准 written beside a criterion (部门整体 frameworks, seed 003) */
  criterionText?: string;
  /** 指标解释 — what the criterion measures, written beside it (部门整体 指标体系, seed 003) */
  explanation?: string;
  /** 调整后指标值 when the target was revised during the year (scoring uses it) */
  adjustedTarget?: Stated;
  /** 不适用: dropped from scoring, its weight re-normalised as the framework says */
  notApplicable?: boolean;
  source?: SourceRef;
}

/** 一级指标 subtotal stated somewhere (a table row or the narrative: "投入管理指标：总分值 30 分，总得分 29 分"). */
export interface CategoryScore {
  level1: string;
  weight?: Stated;
  statedScore?: Stated;
  source?: SourceRef;
}

/** One row of a 项目支出绩效自评汇总表 (seed 000). */
export interface SummaryRow {
  /** 序号 */
  index?: number;
  /** 项目名称 */
  name: string;
  /** 全年预算数 */
  adjustedBudget?: Stated;
  /** 全年执行数 */
  executed?: Stated;
  /** 预算执行率 */
  executionRate?: Stated;
  /** 自评得分 */
  statedScore?: Stated;
  /** 是否有较大偏差 (its text; blank means none stated) */
  deviation?: string;
  source?: SourceRef;
}

/** 绩效指标完成情况统计 by 二级 type (seed 004: 139 set, 131 met). */
export interface IndicatorCount {
  /** 数量指标, 质量指标, … or 合计 */
  type: string;
  planned?: Stated;
  completed?: Stated;
  source?: SourceRef;
}

/** 执行进度监控点 (双监控): e.g. 9月30日 target ≥80%, actual 75.89%. */
export interface MonitoringPoint {
  /** Month 1–12 the checkpoint falls on. */
  month: number;
  target?: Stated;
  actual?: Stated;
  reason?: string;
  source?: SourceRef;
}

/** 未完成指标说明 listed in the narrative (seed 004 二(二)). */
export interface UnmetExplanation {
  /** 二级 type the narrative files it under, e.g. 数量指标 */
  type?: string;
  indicator: string;
  target?: Stated;
  actual?: Stated;
  reason?: string;
  source?: SourceRef;
}

/**
 * 自评 — one self-evaluation: a project's or a whole department's year, or a summary table of
 * several projects. This is what readers produce and what scoring and audit consume.
 */
export interface Evaluation {
  /** Stable within its document: "eval-1", … */
  id: string;
  /** Title as the table or report states it. */
  title: string;
  kind: EvaluationKind;
  /** 年度 */
  year?: number;
  /** 部门(单位)名称 / 主管部门 */
  organization?: string;
  /** 项目名称 (project evaluations), without its code */
  projectName?: string;
  /** 项目编码 when the name carries one: "51090423T000008167896-2023" */
  projectCode?: string;
  /**
   * 实施单位（盖章） — the unit that carried the project out, when the form names one other than the
   * 部门 (`organization`); absent when it is the department itself.
   */
  implementingUnit?: string;
  /** 项目负责人, as signed under the form */
  projectLead?: string;
  /** 财务负责人, as signed under the form */
  financeLead?: string;
  /** 填报人 */
  preparer?: string;
  /** 联系人 */
  contact?: string;
  /** 联系电话, as written: "0873—3197023" */
  phone?: string;
  /** 填报日期, as written: "2024年3月15日" */
  filledDate?: string;
  /**
   * Header cells and captions of the form it was read from (项目名称, 年初预算, 指标性质, 计分标准…).
   * Framework detection matches these against each framework's signature.
   */
  formSignature: string[];
  /**
   * Named inputs for formula rules that are not indicator rows (部门整体 frameworks): e.g.
   * 年初预算数, 预算调剂金额, 6月执行进度. Keys are the framework's input names.
   */
  inputs: Record<string, Stated>;
  /** Framework named by the user or detected by the reader; scoring detects again when absent. */
  frameworkId?: string;
  budget: BudgetLine[];
  indicators: Indicator[];
  categoryScores: CategoryScore[];
  /** 自评得分 / 总分 / 合计得分 as stated */
  statedTotal?: Stated;
  /** 合计 of weights as stated (a 合计 row's 权重 column) */
  statedWeightTotal?: Stated;
  /** 自评结果 / 评价等级 as stated: 优, 良, "良好" … */
  statedGrade?: { raw: string; source?: SourceRef };
  summaryRows: SummaryRow[];
  indicatorCounts: IndicatorCount[];
  monitoring: MonitoringPoint[];
  unmetExplanations: UnmetExplanation[];
  /** 年度总体目标 / 项目年度目标 */
  goal?: string;
  /** 年度总体目标的实际完成情况 — what was achieved against the goal, written beside it on the form. */
  goalAchieved?: string;
  /** 项目实施内容及过程概述 — what was done and how, the form's 项目基本情况 */
  implementation?: string;
  /** 存在问题 */
  problems?: string;
  /** 改进措施 */
  measures?: string;
  /** 评价结论 text */
  conclusion?: string;
  /** 结果应用 — how the result is used (预算安排、整改、公开), the form's last section. */
  resultUse?: string;
  /**
   * The table ended before its footer (合计/总分): what is missing, as the reader says it. Sums and
   * weight totals of a cut-off table are not audited as errors: the rows that would make them up
   * are not in the file.
   */
  cutOff?: string;
  source?: SourceRef;
}

/** A numeric statement in the narrative: "全年共受理法律援助案件526件", "调解成功率为97.60%". */
export interface NarrativeStatement {
  /** What the number is about, normalised: 法律援助案件, 调解成功率, 项目支出. */
  subject: string;
  /** Qualifiers found before it in the same sentence: 年初, 全年, 决算, 9月 … */
  qualifiers: string[];
  value: Stated;
  /** The sentence (or clause) it was read from, for the evidence. */
  text: string;
  /** Project or section the statement is about, when the paragraph names one. */
  about?: string;
  /** For a share ("项目支出…，占本年支出44.67%"): the subject of its numerator, 项目支出. */
  numerator?: string;
  /** For a share: the subject of its whole, 本年支出. */
  denominator?: string;
  source?: SourceRef;
}

/**
 * 完成情况的断言 — a sentence of the prose claiming every target was met ("达到了年初设定的各项绩效目标",
 * "8 个项目均实现了绩效目标"), held by the audit against the indicators the tables show unmet.
 */
export interface NarrativeClaim {
  kind: 'all-targets-met';
  text: string;
  about?: string;
  source?: SourceRef;
}

/** A problem reading the input, reported to the user in Chinese with its place. */
export interface ReadIssue {
  severity: 'error' | 'warning';
  /**
   * Stable name of the kind of reading issue ("cells-placed", "table-unreadable", "table-cut-off" …),
   * for programs that sort or count them; never shown to a person (the message is).
   */
  code?: string;
  message: string;
  source?: SourceRef;
}

/** Everything read from one file. */
export interface EvaluationDocument {
  file: string;
  evaluations: Evaluation[];
  statements: NarrativeStatement[];
  /** Claims of the prose without figures (optional: readers of forms have none). */
  claims?: NarrativeClaim[];
  issues: ReadIssue[];
}

/**
 * The title a list or a page shows: a file's project tables share the form's title
 * ("部门预算项目支出绩效自评表（2023年度）"), so each adds its project's name.
 */
export function displayTitle(e: Pick<Evaluation, 'title' | 'projectName'>): string {
  return e.projectName ? `${e.title} · ${e.projectName}` : e.title;
}
