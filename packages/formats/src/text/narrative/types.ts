import type {
  CategoryScore,
  NarrativeClaim,
  IndicatorCount,
  MonitoringPoint,
  NarrativeStatement,
  SourceRef,
  Stated,
  UnmetExplanation,
} from '@jixiao/core';

/** A line of the input with its 1-based number, as both text extractors see it. */
export interface NumberedLine {
  line: number;
  text: string;
}

/**
 * What the narrative (the report's prose, not its tables) says, read by extractNarrative.
 * read-text.ts merges these into the evaluations it builds from the tables.
 */
export interface NarrativeFacts {
  /** Every numeric statement, with subject, qualifiers, sentence and line. */
  statements: NarrativeStatement[];
  /** "一级指标投入管理指标：总分值 30 分，总得分 29 分" */
  categoryScores: CategoryScore[];
  /** "共计设定139条绩效指标,其中:数量指标56条…" / "共计完成131条,其中:…" */
  indicatorCounts: IndicatorCount[];
  /** "截至2024年9月30日预算执行进度达到75.89%,未达到…80%" */
  monitoring: MonitoringPoint[];
  /** "—人民监督员专项业务培训(全年目标值:>=1期),实际完成0期;未完成原因为:…" */
  unmetExplanations: UnmetExplanation[];
  /** Overall self-score stated in prose: "部门整体绩效自评得分：94.32 分", "自评得分96.70分". */
  statedTotals: Array<{ value: Stated; about?: string; text: string; source?: SourceRef }>;
  /** Grade stated in prose: "自评结果为优", "评价等级为“优”", "绩效评为“良好”". */
  statedGrades: Array<{ raw: string; about?: string; text: string; source?: SourceRef }>;
  /** Sentences claiming every target was met (optional for extractors that do not look for them). */
  claims?: NarrativeClaim[];
  /** Report year when the prose states it ("2021 年度", "2024年度部门整体支出"). */
  year?: number;
  /** Department named in the prose title or body ("红河州司法局", "金安区司法局"). */
  organization?: string;
  /** Report title (first heading-like line), when there is one. */
  title?: string;
}
