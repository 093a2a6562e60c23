import type { Evaluation, IndicatorDirection } from '../model/evaluation.ts';
import { isBlank } from '../model/stated.ts';
import { D } from '../numbers/decimal.ts';
import { parseStated } from '../numbers/parse.ts';
import type { TargetIndicator, TargetProblem } from './targets.ts';

/**
 * 指标库条目 — one indicator a department has used: the project and year, its 年度指标值 (from the approved
 * 绩效目标, else from the self-evaluation) and its 完成值 once that year's self-evaluation was accepted.
 */
export interface LibraryIndicator {
  year: number;
  departmentId: number;
  department: string;
  projectName: string;
  level1: string;
  level2: string;
  name: string;
  direction: IndicatorDirection | null;
  unit: string;
  weight: string;
  /** 年度指标值 as written (the approved one when there is an approved target) */
  target: string;
  /** 完成值 as written in the accepted self-evaluation; null before one is accepted */
  actual: string | null;
  /** The approved 绩效目标 it comes from, when it does */
  targetId: number | null;
  /** The accepted self-evaluation its 完成值 comes from, when there is one */
  evaluationId: number | null;
}

/** An approved 绩效目标 as the library reads it: the rows of its revision in force. */
export interface ApprovedTargetRows {
  targetId: number;
  year: number;
  departmentId: number;
  department: string;
  projectName: string;
  rows: TargetIndicator[];
}

/** An accepted (已审核 or 已公开) self-evaluation as the library reads it. */
export interface AcceptedEvaluation {
  evaluationId: number;
  departmentId: number;
  department: string;
  evaluation: Evaluation;
}

/** 上年指标未再设置的原因 — an indicator of last year left out of this year's table, and why. */
export interface DroppedIndicator {
  name: string;
  reason: string;
}

/** The project a library row belongs to: a 部门整体 evaluation has none, it is the department's whole. */
export const WHOLE_DEPARTMENT = '部门整体支出';

const libraryKey = (departmentId: number, year: number, project: string, name: string) =>
  `${departmentId}\u0000${year}\u0000${project.trim()}\u0000${name.trim()}`;

/**
 * 指标库 — every indicator of the approved targets and the accepted self-evaluations, one row per department,
 * year, project and indicator name: the target from the approval, the actual from the evaluation.
 */
export function buildLibrary(
  approved: ApprovedTargetRows[],
  accepted: AcceptedEvaluation[],
): LibraryIndicator[] {
  const out = new Map<string, LibraryIndicator>();
  for (const t of approved) {
    for (const r of t.rows) {
      if (!r.name.trim()) continue;
      out.set(libraryKey(t.departmentId, t.year, t.projectName, r.name), {
        year: t.year,
        departmentId: t.departmentId,
        department: t.department,
        projectName: t.projectName,
        level1: r.level1,
        level2: r.level2,
        name: r.name.trim(),
        direction: r.direction,
        unit: r.unit,
        weight: r.weight,
        target: r.target,
        actual: null,
        targetId: t.targetId,
        evaluationId: null,
      });
    }
  }
  for (const a of accepted) {
    const e = a.evaluation;
    if (e.year === undefined || e.year === null) continue;
    const project = e.kind === 'department' ? WHOLE_DEPARTMENT : (e.projectName ?? '').trim();
    if (!project) continue;
    for (const i of e.indicators) {
      if (i.notApplicable || !i.name.trim()) continue;
      const k = libraryKey(a.departmentId, e.year, project, i.name);
      const actual = isBlank(i.actual) ? null : i.actual!.raw;
      const have = out.get(k);
      if (have) {
        out.set(k, { ...have, actual, evaluationId: a.evaluationId });
        continue;
      }
      const stated = !isBlank(i.adjustedTarget) ? i.adjustedTarget! : i.target;
      out.set(k, {
        year: e.year,
        departmentId: a.departmentId,
        department: a.department,
        projectName: project,
        level1: i.level1,
        level2: i.level2,
        name: i.name.trim(),
        direction: i.direction,
        unit: i.unit ?? i.target?.unit ?? '',
        weight: i.weight?.raw ?? '',
        target: stated?.raw ?? '',
        actual,
        targetId: null,
        evaluationId: a.evaluationId,
      });
    }
  }
  return [...out.values()].sort(
    (a, b) =>
      b.year - a.year ||
      a.department.localeCompare(b.department, 'zh-CN') ||
      a.projectName.localeCompare(b.projectName, 'zh-CN') ||
      a.level1.localeCompare(b.level1, 'zh-CN'),
  );
}

export interface LibraryQuery {
  /** Words, each of which must occur in the indicator's name, 一级/二级指标, project or department */
  q?: string;
  year?: number;
  projectName?: string;
  departmentId?: number;
}

/** 指标库检索 — the rows every word of the query occurs in, within a year, project or department. */
export function searchLibrary(list: LibraryIndicator[], query: LibraryQuery): LibraryIndicator[] {
  const words = (query.q ?? '').split(/\s+/).filter(Boolean);
  return list.filter((r) => {
    if (query.year !== undefined && r.year !== query.year) return false;
    if (query.departmentId !== undefined && r.departmentId !== query.departmentId) return false;
    if (query.projectName !== undefined && r.projectName !== query.projectName.trim()) return false;
    const text = `${r.name} ${r.level1} ${r.level2} ${r.projectName} ${r.department}`;
    return words.every((w) => text.includes(w));
  });
}

/** A row of a new year's table from a library indicator: its wording, unit and 分值, last year's 完成值 beside it. */
export function targetFromLibrary(r: LibraryIndicator, id: string): TargetIndicator {
  return {
    id,
    level1: r.level1,
    level2: r.level2,
    name: r.name,
    direction: r.direction,
    target: r.target,
    unit: r.unit,
    weight: r.weight,
    ...(r.actual !== null ? { lastActual: r.actual } : {}),
  };
}

/**
 * 与上年指标比对 — a new year's table against last year's indicators of the same project in the library:
 * a 正向 target below last year's 完成值 (RULES.md: a known weakness; rows that carry their own 上年完成值
 * are checked by targetProblems already), and an indicator of last year left out without a reason.
 */
export function libraryProblems(
  rows: TargetIndicator[],
  lastYear: LibraryIndicator[],
  dropped: DroppedIndicator[] = [],
): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const byName = new Map(lastYear.map((r) => [r.name.trim(), r]));
  rows.forEach((r, k) => {
    const last = byName.get(r.name.trim());
    if (!last || last.actual === null || r.lastActual?.trim()) return;
    const target = parseStated(r.target);
    const actual = parseStated(last.actual);
    if (
      r.direction === '≥' &&
      target.value !== null &&
      actual.value !== null &&
      target.percent === actual.percent &&
      new D(target.value).lt(actual.value)
    )
      problems.push({
        severity: 'warning',
        row: k + 1,
        indicatorId: r.id,
        message: `第 ${k + 1} 行「${r.name.trim()}」：年度指标值 ${r.target.trim()} 低于上年（${last.year} 年度）完成值 ${last.actual.trim()}`,
      });
  });
  const names = new Set(rows.map((r) => r.name.trim()));
  const reasons = new Map(dropped.map((d) => [d.name.trim(), d.reason.trim()]));
  for (const last of lastYear) {
    if (names.has(last.name.trim()) || reasons.get(last.name.trim())) continue;
    problems.push({
      severity: 'warning',
      message: `上年（${last.year} 年度）指标「${last.name.trim()}」${
        last.actual !== null ? `（完成值 ${last.actual.trim()}）` : ''
      }本年未再设置，请说明原因`,
    });
  }
  return problems;
}
