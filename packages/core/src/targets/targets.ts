import { blankEvaluation } from '../model/blank.ts';
import type { Evaluation, Indicator, IndicatorDirection } from '../model/evaluation.ts';
import { isBlank } from '../model/stated.ts';
import type { Framework } from '../frameworks/schema.ts';
import { D } from '../numbers/decimal.ts';
import { parseStated } from '../numbers/parse.ts';

/**
 * 绩效目标指标 — one row of a project's 绩效目标表 for a year: the 三级指标 with its 年度指标值 as the
 * department writes it ("≥2000人次", "100%", "优良"), its unit and 分值. Plain text, so that the row is
 * stored and shown exactly as written; core parses it where a figure is needed.
 */
export interface TargetIndicator {
  /** Stable within the target ("ind-1", …); the self-evaluation's indicator keeps it, which is the trace. */
  id: string;
  level1: string;
  level2: string;
  name: string;
  direction: IndicatorDirection | null;
  /** 年度指标值 as written */
  target: string;
  unit: string;
  /** 分值, '' when not set */
  weight: string;
  /** 上年完成值, when the row was copied from last year's evaluation of the same project */
  lastActual?: string;
}

/** 绩效目标状态: 草稿 → 已提交 → 退回 / 已批复. An approved target adjusted during the year is a new revision. */
export type TargetStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export const TARGET_STATUS_NAMES: Record<TargetStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回',
  approved: '已批复',
};

/** Who moves a target revision on, and from where: the 填报人 submits, the region's 财政审核人 returns or approves. */
export const TARGET_TRANSITIONS: Record<
  'submit' | 'return' | 'approve',
  { from: TargetStatus[]; to: TargetStatus; by: 'filler' | 'reviewer'; name: string }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'filler', name: '提交' },
  return: { from: ['submitted'], to: 'returned', by: 'reviewer', name: '退回' },
  approve: { from: ['submitted'], to: 'approved', by: 'reviewer', name: '批复' },
};

/** A problem of a target table, in Chinese, with the row it is on (1-based; none for the whole table). */
export interface TargetProblem {
  severity: 'error' | 'warning';
  row?: number;
  indicatorId?: string;
  message: string;
}

const DIRECTIONS: Array<IndicatorDirection> = ['≥', '≤', '=', 'qualitative'];

/** The direction a 指标值 implies when none is chosen: its sign ("≥95%"), else 定性 for words. */
function directionOf(i: Indicator): IndicatorDirection | null {
  if (i.direction) return i.direction;
  const sign = i.target?.sign;
  if (sign === '≥' || sign === '>') return '≥';
  if (sign === '≤' || sign === '<') return '≤';
  if (sign === '=') return '=';
  if (i.target && !isBlank(i.target) && i.target.value === null) return 'qualitative';
  return null;
}

function fromIndicator(i: Indicator, withActual: boolean): TargetIndicator {
  // A target adjusted during last year is what that year ended on: the new year starts from it.
  const target = !isBlank(i.adjustedTarget) ? i.adjustedTarget!.raw : (i.target?.raw ?? '');
  const lastActual = withActual && !isBlank(i.actual) ? i.actual!.raw : undefined;
  return {
    id: i.id,
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    direction: directionOf(i),
    target,
    unit: i.unit ?? i.target?.unit ?? '',
    weight: i.weight?.raw ?? '',
    ...(lastActual !== undefined ? { lastActual } : {}),
  };
}

/**
 * 复制上年指标 — the rows of last year's self-evaluation of the same project as this year's starting point:
 * names, units and 分值 kept, last year's (adjusted) 指标值 as the draft value, last year's 完成值 beside it
 * so that a target set below what was already achieved shows (RULES.md: a known weakness).
 */
export function targetsFromEvaluation(e: Evaluation): TargetIndicator[] {
  return e.indicators.filter((i) => !i.notApplicable).map((i) => fromIndicator(i, true));
}

/** 空白目标表 — the 一级/二级 rows a framework expects, as its blank self-evaluation form has them. */
export function blankTargets(f: Framework, year: number): TargetIndicator[] {
  return blankEvaluation(f, { year, kind: 'project' }).indicators.map((i) => fromIndicator(i, false));
}

/**
 * 目标表检查 — what must be right before a target is submitted: every row named, with a 指标值; a
 * quantitative row's 指标值 a number; a 分值 a number; no two rows of the same name; and (a warning) a 正向
 * target below last year's 完成值.
 */
export function targetProblems(rows: TargetIndicator[]): TargetProblem[] {
  const problems: TargetProblem[] = [];
  if (!rows.length)
    problems.push({ severity: 'error', message: '目标表没有任何指标，请至少填写一行三级指标' });
  const seen = new Map<string, number>();
  rows.forEach((r, k) => {
    const row = k + 1;
    const at = { row, indicatorId: r.id };
    const label = r.name.trim() ? `第 ${row} 行「${r.name.trim()}」` : `第 ${row} 行`;
    if (!r.name.trim()) problems.push({ severity: 'error', ...at, message: `${label}：请填写三级指标名称` });
    if (r.direction !== null && !DIRECTIONS.includes(r.direction))
      problems.push({ severity: 'error', ...at, message: `${label}：指标性质应为 ≥、≤、= 或 定性` });
    const target = parseStated(r.target);
    if (!r.target.trim()) problems.push({ severity: 'error', ...at, message: `${label}：请填写年度指标值` });
    else if (r.direction && r.direction !== 'qualitative' && target.value === null)
      problems.push({
        severity: 'error',
        ...at,
        message: `${label}：指标性质为「${r.direction}」，年度指标值「${r.target.trim()}」应为数值`,
      });
    if (r.weight.trim() && parseStated(r.weight).value === null)
      problems.push({ severity: 'error', ...at, message: `${label}：分值「${r.weight.trim()}」应为数值` });
    const name = r.name.trim();
    if (name) {
      const first = seen.get(name);
      if (first !== undefined)
        problems.push({ severity: 'error', ...at, message: `${label}：与第 ${first} 行指标名称相同` });
      else seen.set(name, row);
    }
    const last = parseStated(r.lastActual ?? '');
    if (
      r.direction === '≥' &&
      target.value !== null &&
      last.value !== null &&
      target.percent === last.percent
    ) {
      if (new D(target.value).lt(last.value))
        problems.push({
          severity: 'warning',
          ...at,
          message: `${label}：年度指标值 ${r.target.trim()} 低于上年完成值 ${r.lastActual!.trim()}`,
        });
    }
  });
  return problems;
}

/** Whether a table has nothing that stops its submission. */
export function targetsReady(rows: TargetIndicator[]): boolean {
  return !targetProblems(rows).some((p) => p.severity === 'error');
}

const blank = () => parseStated('');

/**
 * 由批复目标生成自评 — the year-end self-evaluation's indicator rows from the approved targets: each row keeps
 * the target's id, name, 指标性质, 年度指标值, unit and 分值; 完成值 and 得分 are left for the 填报人.
 * `form` is the blank self-evaluation of the chosen framework (its budget block and inputs are kept).
 */
export function evaluationFromTargets(form: Evaluation, rows: TargetIndicator[]): Evaluation {
  return {
    ...form,
    indicators: rows.map((r) => ({
      id: r.id,
      level1: r.level1,
      level2: r.level2,
      name: r.name.trim(),
      direction: r.direction,
      target: parseStated(r.target),
      ...(r.unit.trim() ? { unit: r.unit.trim() } : {}),
      actual: blank(),
      ...(r.weight.trim() ? { weight: parseStated(r.weight) } : {}),
      statedScore: blank(),
    })),
  };
}

/** One row of the trace from a self-evaluation's 指标值 to the approval it came from. */
export interface TargetTrace {
  indicatorId: string;
  name: string;
  /** 批复的年度指标值 */
  approved: string;
  /** The self-evaluation's 指标值 now (its 调整后指标值 when one is written); null when the row is gone. */
  current: string | null;
  /** Whether the self-evaluation still states the approved value. */
  same: boolean;
}

/** Same figure: equal numbers (and both percent or neither), else the same words. */
function sameValue(a: string, b: string): boolean {
  const x = parseStated(a);
  const y = parseStated(b);
  if (x.value !== null && y.value !== null)
    return x.percent === y.percent && (x.sign ?? '') === (y.sign ?? '') && new D(x.value).eq(y.value);
  return a.trim() === b.trim();
}

/**
 * 指标值溯源 — for each approved row, the value the self-evaluation states for it now, and whether it is the
 * approved one: a changed 指标值 at year end is visible against the approval it should have come from.
 */
export function traceTargets(e: Evaluation, approved: TargetIndicator[]): TargetTrace[] {
  return approved.map((r) => {
    const i = e.indicators.find((x) => x.id === r.id);
    const stated = i ? (!isBlank(i.adjustedTarget) ? i.adjustedTarget! : i.target) : undefined;
    const current = i ? (stated?.raw ?? '') : null;
    return {
      indicatorId: r.id,
      name: r.name,
      approved: r.target,
      current,
      same: current !== null && sameValue(current, r.target),
    };
  });
}
