import type { EvaluationKind } from '../model/evaluation.ts';
import { Money } from './money.ts';
import { totalOfSums, type MoneySums } from './sums.ts';

/** 支出类型分组: 部门整体支出 holds the department's projects, so the two are totalled apart, never added. */
export type KindGroup = 'department' | 'project';
export const GROUP_NAMES: Record<KindGroup, string> = { department: '部门整体支出', project: '项目支出' };

export function groupOf(kind: EvaluationKind): KindGroup {
  return kind === 'department' ? 'department' : 'project';
}

/** What a 汇总表 needs to know of a line to place and total it. */
export interface SummaryMember {
  /** 填报单位 / 部门 */
  department: string;
  group: KindGroup;
  year: number | null;
  /** 项目名称, else the title */
  name: string;
  /** Ties broken by it (a stored id, or the order of the files). */
  order: number;
  /** Open error and warning findings, when the table counts them. */
  errors?: number;
  warnings?: number;
}

/** A member with the money it adds to its department's and the overall sums. */
export interface SummedMember<T extends SummaryMember> {
  entry: T;
  money: Money;
}

/** 小计 / 合计 — sums of a department's (or all) lines of one kind group, the rate from the sums. */
export interface SummaryTotal {
  label: string;
  department: string | null;
  group: KindGroup | null;
  /** How many lines it adds up. */
  count: number;
  initialBudget: string | null;
  adjustedBudget: string | null;
  executed: string | null;
  /** Σ执行数 ÷ Σ调整后预算 over the lines that have both — recomputed, never an average of rates. */
  rate: string | null;
  /** How many of the `count` lines the rate covers. */
  rateCount: number;
  errors: number;
  warnings: number;
}

export type SummaryLineOf<T extends SummaryMember> =
  ({ type: 'evaluation' } & T) | ({ type: 'subtotal' | 'total' } & SummaryTotal);

export function summaryTotal<T extends SummaryMember>(
  label: string,
  department: string | null,
  group: KindGroup | null,
  rows: Array<SummedMember<T>>,
): SummaryTotal {
  const m = new Money();
  for (const r of rows) m.add(r.money);
  return totalOfSums(label, department, group, {
    count: rows.length,
    initial: m.initial,
    adjusted: m.adjusted,
    executed: m.executed,
    basisBudget: m.basisBudget,
    basisExecuted: m.basisExecuted,
    basisCount: m.basisCount,
    errors: rows.reduce((s, r) => s + (r.entry.errors ?? 0), 0),
    warnings: rows.reduce((s, r) => s + (r.entry.warnings ?? 0), 0),
  });
}

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');
export const KIND_GROUPS: readonly KindGroup[] = ['department', 'project'];

/** 小计 / 合计's label: with one group only in the table, without the group's name. */
export function totalLabel(
  type: 'subtotal' | 'total',
  group: KindGroup,
  groupsPresent: readonly KindGroup[],
) {
  const word = type === 'subtotal' ? '小计' : '合计';
  return groupsPresent.length > 1 ? `${word}（${GROUP_NAMES[group]}）` : word;
}

/** The 合计 lines of a table from the sums of each group (in KIND_GROUPS order, the groups present only). */
export function totalLines(
  sums: Partial<Record<KindGroup, MoneySums>>,
): Array<{ type: 'total' } & SummaryTotal> {
  const present = KIND_GROUPS.filter((g) => sums[g] && sums[g].count > 0);
  return present.map((group) => ({
    type: 'total' as const,
    ...totalOfSums(totalLabel('total', group, present), null, group, sums[group]!),
  }));
}

/**
 * The 汇总表's lines in order: per department its 部门整体 lines and their 小计, its projects and theirs;
 * then the 合计 of each group. With one group only, 小计 and 合计 go without the group's name
 * (`groupsPresent`: the groups of the whole table, when the rows are one page of it).
 */
export function summaryLines<T extends SummaryMember>(
  rows: Array<SummedMember<T>>,
  opts: { order?: 'by-name' | 'as-given'; groupsPresent?: readonly KindGroup[] } = {},
): Array<SummaryLineOf<T>> {
  const asGiven = opts.order === 'as-given';
  const lines: Array<SummaryLineOf<T>> = [];
  const named = [...new Set(rows.map((r) => r.entry.department))];
  // A bureau's table lists units and projects by name; a unit's own files keep the order they were given in.
  const departments = asGiven ? named : named.sort(byName);
  const groupsPresent =
    opts.groupsPresent ?? KIND_GROUPS.filter((g) => rows.some((r) => r.entry.group === g));
  for (const department of departments) {
    const own = rows.filter((r) => r.entry.department === department);
    for (const group of KIND_GROUPS.filter((g) => own.some((r) => r.entry.group === g))) {
      const inGroup = own
        .filter((r) => r.entry.group === group)
        .sort((a, b) =>
          asGiven
            ? a.entry.order - b.entry.order
            : (b.entry.year ?? 0) - (a.entry.year ?? 0) ||
              byName(a.entry.name, b.entry.name) ||
              a.entry.order - b.entry.order,
        );
      for (const r of inGroup) lines.push({ type: 'evaluation', ...r.entry });
      lines.push({
        type: 'subtotal',
        ...summaryTotal(totalLabel('subtotal', group, groupsPresent), department, group, inGroup),
      });
    }
  }
  for (const group of groupsPresent) {
    lines.push({
      type: 'total',
      ...summaryTotal(
        totalLabel('total', group, groupsPresent),
        null,
        group,
        rows.filter((r) => r.entry.group === group),
      ),
    });
  }
  return lines;
}

/** 口径说明 of a 汇总表's money, the same under every page and sheet that shows one. */
export const SUMMARY_MONEY_NOTES = [
  '金额单位：万元。执行率 = 执行数 ÷ 调整后预算（全年预算数）；小计、合计的执行率由合计金额重算，不是各行执行率的平均，只计同时填有调整后预算和执行数的行。',
  '部门整体支出已包含本部门的项目支出，两类分别小计、合计，不相加。',
];
