import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  D,
  evaluationMoney,
  groupOf,
  GROUP_NAMES,
  Money,
  money2,
  summaryLines as coreSummaryLines,
  SUMMARY_MONEY_NOTES,
  type Dec,
  type EvaluationKind,
  type EvaluationResult,
  type FrameworkRegistry,
  type KindGroup,
  type SummaryLineOf,
  type SummaryMember,
  type SummaryProject,
  type SummaryTotal,
} from '@jixiao/core';
import { writeAggregateXlsx, type AggregateColumn, type AggregateRow } from '@jixiao/formats';
import type { User } from '../../auth/users.ts';
import type { Database } from '../../db/database.ts';
import { getEvaluation, type EvaluationStatus, type StoredEvaluation } from '../../store/evaluations.ts';
import { listEvaluations, type ListFilter } from '../../store/listing.ts';
import { resultsOf, type ScoredBy } from '../../store/results.ts';
import { STATUS_NAMES } from '../access.ts';
import { findingKey } from '../assess.ts';
import { requireUser } from '../session-plugin.ts';
import { contentDisposition, downloadName, idParam, yearQuery } from '../validate.ts';

/** What a reviewer or the admin may aggregate: a 财政审核人 its region's submitted evaluations, the admin all. */
export function visibleFilter(user: User): ListFilter {
  return user.role === 'reviewer'
    ? { region: user.region, statuses: ['submitted', 'returned', 'accepted', 'published'] }
    : {};
}

const KIND_NAMES: Record<EvaluationKind, string> = {
  project: '项目支出',
  department: '部门整体支出',
  summary: '项目汇总表',
};

/** 汇总表的一行 — one evaluation with its money, scores and open findings. */
export interface SummaryEntry extends SummaryMember {
  id: number;
  /** As the evaluation list shows it: the form's title · the project. */
  title: string;
  /** 项目名称 for a project, else the title: what a 汇总表 lists. */
  name: string;
  kind: EvaluationKind;
  group: KindGroup;
  year: number | null;
  status: EvaluationStatus;
  departmentId: number;
  department: string;
  /** 年初预算数, 万元 with 2 decimals. */
  initialBudget: string | null;
  /** 调整后预算数 (全年预算数); for a filed 汇总表 the sum of its projects. */
  adjustedBudget: string | null;
  /** 执行数 */
  executed: string | null;
  /** 执行率 (%): 执行数 ÷ 调整后预算 when both are there, else the stated rate (rateStated). */
  rate: string | null;
  rateStated: boolean;
  /** 自评得分 as the department states it. */
  statedScore: string | null;
  /** 复算得分 under the framework's rules. */
  computedScore: string | null;
  /** Some 完成值 were blank: the 复算得分 is a lower bound (or none at all), not a score. */
  totalIncomplete: boolean;
  /** 等级: the band of the stated score (else of the computed one). */
  grade: string | null;
  /** 复算等级, null when the computed score is a lower bound. */
  computedGrade: string | null;
  /** 复核得分 of the finance bureau (reviews table). */
  reviewScore: string | null;
  /** Open error and warning findings (those marked 不是问题 are left out, as on the evaluation page). */
  errors: number;
  warnings: number;
  projects: SummaryProject[];
  /** 计分来源: the framework version and engine version that scored this row (stored results). */
  scoredBy?: ScoredBy;
}

/** An entry with the money it adds to its department's and the overall sums. */
export interface Collected {
  entry: SummaryEntry;
  money: Money;
  /** Every stated score it carries (a filed 汇总表: one per project), for averages. */
  statedScores: Dec[];
}

function entryOf(
  stored: StoredEvaluation,
  item: { title: string; department: string },
  result: EvaluationResult,
  reviewScore: string | null,
  dismissed: Set<string>,
): Collected {
  const e = stored.evaluation;
  const { score } = result;
  const open = result.findings.filter((f) => !dismissed.has(findingKey(f)));
  const { money, rate, rateStated, projects, statedScores } = evaluationMoney(e, score.statedTotal);
  return {
    money,
    statedScores,
    entry: {
      id: stored.id,
      order: stored.id,
      title: item.title,
      name: e.projectName ?? item.title,
      kind: e.kind,
      group: groupOf(e.kind),
      year: e.year ?? null,
      status: stored.status,
      departmentId: stored.departmentId,
      department: item.department,
      initialBudget: money2(money.initial),
      adjustedBudget: money2(money.adjusted),
      executed: money2(money.executed),
      rate,
      rateStated,
      statedScore: score.statedTotal,
      computedScore: score.computedTotal,
      totalIncomplete: score.totalIncomplete,
      grade: score.gradeOfStatedTotal ?? score.computedGrade,
      computedGrade: score.totalIncomplete ? null : score.computedGrade,
      reviewScore,
      errors: open.filter((f) => f.severity === 'error').length,
      warnings: open.filter((f) => f.severity === 'warning').length,
      projects,
    },
  };
}

/** The 复核得分 and the current 不是问题 marks of many evaluations, in two queries. */
async function reviewsAndMarks(db: Database, ids: number[]) {
  const reviews = new Map<number, string>();
  const dismissed = new Map<number, Set<string>>();
  if (!ids.length) return { reviews, dismissed };
  const r = await db.query<{ evaluation_id: number; review_total: string | number | null }>(
    'select evaluation_id, review_total from reviews where evaluation_id = any($1)',
    [ids],
  );
  for (const row of r.rows) {
    if (row.review_total !== null) reviews.set(row.evaluation_id, new D(row.review_total).toFixed());
  }
  const marks = await db.query<{ evaluation_id: number; finding_key: string; action: 'dismiss' | 'restore' }>(
    'select evaluation_id, finding_key, action from finding_dispositions where evaluation_id = any($1) order by id',
    [ids],
  );
  // The latest entry of a finding is its state (see store/dispositions.ts).
  for (const m of marks.rows) {
    const set = dismissed.get(m.evaluation_id) ?? new Set<string>();
    if (m.action === 'dismiss') set.add(m.finding_key);
    else set.delete(m.finding_key);
    dismissed.set(m.evaluation_id, set);
  }
  return { reviews, dismissed };
}

/** Scores the evaluations the user may aggregate (optionally one year, one department), once each. */
export async function collectEntries(
  db: Database,
  registry: FrameworkRegistry,
  user: User,
  narrow: { year?: number; departmentId?: number } = {},
): Promise<Collected[]> {
  const items = await listEvaluations(db, { ...visibleFilter(user), ...narrow });
  const { reviews, dismissed } = await reviewsAndMarks(
    db,
    items.map((i) => i.id),
  );
  const out: Collected[] = [];
  const all: StoredEvaluation[] = [];
  for (const item of items) all.push(await getEvaluation(db, item.id));
  // Stored results as they are: one edited is computed, one from an older version is served naming it
  // while the jobs recompute it (store/results.ts, jobs/recompute.ts).
  const results = await resultsOf(db, registry, all, 'listed');
  items.forEach((item, i) => {
    const { result, scoredBy } = results.get(item.id)!;
    const collected = entryOf(
      all[i]!,
      item,
      result,
      reviews.get(item.id) ?? null,
      dismissed.get(item.id) ?? new Set(),
    );
    collected.entry.scoredBy = scoredBy;
    out.push(collected);
  });
  return out;
}

export type SummaryLine = SummaryLineOf<SummaryEntry>;

/** The 汇总表's lines in order (core's summaryLines over the stored evaluations). */
export function summaryLines(rows: Collected[]): SummaryLine[] {
  return coreSummaryLines(rows);
}

/** 口径说明 under the sheet and the page. */
export const SUMMARY_NOTES = [
  ...SUMMARY_MONEY_NOTES,
  '「其中」行是部门所报汇总表列出的项目，金额已计入上一行，不重复相加。',
  '复算得分按评分框架重新计算；完成值空白时只能算出下限，不作为得分。错误、警告为未标记「不是问题」的审核发现条数。',
];

/** GET /api/summary's answer. */
export interface SummaryTable {
  /** The year shown: the one asked for, else the latest the user has evaluations for. */
  year: number | null;
  /** Years the user has evaluations for, newest first. */
  years: number[];
  /** Evaluations with no 年度, which no year's 汇总表 lists. */
  undated: number;
  /** Departments with evaluations in that year, for the filter. */
  departments: Array<{ id: number; name: string }>;
  departmentId: number | null;
  /** Who it covers: 全部地区, or the reviewer's region. */
  scope: string;
  lines: SummaryLine[];
  /** 口径说明, the same under the page and the sheet. */
  notes: string[];
}

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

async function summaryTable(
  db: Database,
  registry: FrameworkRegistry,
  user: User,
  query: unknown,
): Promise<SummaryTable> {
  const q = (query ?? {}) as { year?: string; department?: string };
  const asked = yearQuery(q);
  const departmentId =
    q.department === undefined || q.department === '' || q.department === 'all'
      ? undefined
      : idParam(q, '部门', 'department');
  // Years and departments come from the list alone (no scoring), so the filters cost one query.
  const all = await listEvaluations(db, visibleFilter(user));
  const years = [...new Set(all.map((i) => i.year).filter((y): y is number => y !== null))].sort(
    (a, b) => b - a,
  );
  const year = asked ?? years[0] ?? null;
  const inYear = all.filter((i) => i.year === year);
  const departments = [...new Map(inYear.map((i) => [i.departmentId, i.department]))]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => byName(a.name, b.name));
  const rows =
    year === null
      ? []
      : await collectEntries(db, registry, user, {
          year,
          ...(departmentId !== undefined ? { departmentId } : {}),
        });
  return {
    year,
    years,
    undated: all.filter((i) => i.year === null).length,
    departments,
    departmentId: departmentId ?? null,
    scope: user.role === 'admin' ? '全部地区' : user.region || '本地区',
    lines: summaryLines(rows),
    notes: SUMMARY_NOTES,
  };
}

const COLUMNS: AggregateColumn[] = [
  { header: '部门', kind: 'text', width: 22 },
  { header: '项目/自评名称', kind: 'text', width: 46 },
  { header: '类型', kind: 'text', width: 13 },
  { header: '年度', kind: 'text', width: 7, align: 'center' },
  { header: '状态', kind: 'text', width: 8, align: 'center' },
  { header: '年初预算（万元）', kind: 'amount', width: 14 },
  { header: '调整后预算（万元）', kind: 'amount', width: 14 },
  { header: '执行数（万元）', kind: 'amount', width: 14 },
  { header: '执行率', kind: 'rate', width: 9 },
  { header: '自评得分', kind: 'score', width: 9 },
  { header: '复算得分', kind: 'score', width: 9 },
  { header: '等级', kind: 'text', width: 6, align: 'center' },
  { header: '复核得分', kind: 'score', width: 9 },
  { header: '错误', kind: 'count', width: 6 },
  { header: '警告', kind: 'count', width: 6 },
  { header: '说明', kind: 'text', width: 44 },
];

/** The 说明 of an evaluation line: why a figure is not what it seems. */
function noteOf(e: SummaryEntry): string {
  const notes: string[] = [];
  if (e.totalIncomplete)
    notes.push(e.computedScore === null ? '完成值空白，无法复算' : '完成值空白，复算得分为下限');
  if (e.rateStated) notes.push('执行率为填报数（缺执行数或调整后预算）');
  if (e.projects.length) notes.push(`含 ${e.projects.length} 个项目，金额为其合计（见「其中」各行）`);
  return notes.join('；');
}

function totalNote(t: SummaryTotal): string {
  return t.rate !== null && t.rateCount < t.count
    ? `执行率按 ${t.rateCount}/${t.count} 份同时填有调整后预算和执行数的自评计算`
    : '';
}

/** The 汇总表 as aggregate-sheet rows, in the order of its lines. */
export function aggregateRows(lines: SummaryLine[]): AggregateRow[] {
  const rows: AggregateRow[] = [];
  let lastDepartment = '';
  for (const l of lines) {
    if (l.type === 'evaluation') {
      rows.push({
        cells: [
          l.department,
          l.name,
          KIND_NAMES[l.kind],
          l.year === null ? null : String(l.year),
          STATUS_NAMES[l.status],
          l.initialBudget,
          l.adjustedBudget,
          l.executed,
          l.rate,
          l.statedScore,
          // A lower bound is written as text (≥10.00), so a column sum or average in Excel never takes it for a score.
          l.totalIncomplete && l.computedScore !== null
            ? `≥${new D(l.computedScore).toFixed(2)}`
            : l.computedScore,
          l.grade,
          l.reviewScore,
          String(l.errors),
          String(l.warnings),
          noteOf(l),
        ],
      });
      lastDepartment = l.department;
      for (const p of l.projects) {
        rows.push({
          style: 'part',
          cells: [
            l.department,
            `其中：${p.name}`,
            '项目支出',
            l.year === null ? null : String(l.year),
            null,
            null,
            p.adjustedBudget,
            p.executed,
            p.rate,
            p.statedScore,
            null,
            null,
            null,
            null,
            null,
            [p.rateStated ? '执行率为填报数' : '', p.deviation ? `偏差：${p.deviation}` : '']
              .filter(Boolean)
              .join('；'),
          ],
        });
      }
      continue;
    }
    rows.push({
      style: l.type,
      cells: [
        l.type === 'subtotal' ? (l.department ?? lastDepartment) : l.label,
        l.type === 'subtotal' ? l.label : `共 ${l.count} 份`,
        l.group ? GROUP_NAMES[l.group] : null,
        null,
        null,
        l.initialBudget,
        l.adjustedBudget,
        l.executed,
        l.rate,
        null,
        null,
        null,
        null,
        String(l.errors),
        String(l.warnings),
        totalNote(l),
      ],
    });
  }
  return rows;
}

function sendXlsx(reply: FastifyReply, data: Buffer, name: string) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', contentDisposition(name))
    .send(data);
}

/**
 * 汇总表 across departments and projects: one line per evaluation the user may see in a year, with its
 * money, self, computed and review scores and open findings; 小计 per department, 合计 overall; as JSON
 * and as the xlsx the finance bureau files.
 */
export function summaryRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/summary', async (request) => {
    const user = requireUser(request, 'reviewer', 'admin');
    return summaryTable(db, registry, user, request.query);
  });

  app.get('/api/summary/export', async (request, reply) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const table = await summaryTable(db, registry, user, request.query);
    const department = table.departments.find((d) => d.id === table.departmentId)?.name;
    const title = `${department ?? ''}预算绩效自评汇总表`;
    const data = await writeAggregateXlsx({
      title,
      subtitle: [`${table.year ?? ''}年度`, `范围：${table.scope}`, '单位：万元'].join('\u3000'),
      columns: COLUMNS,
      rows: aggregateRows(table.lines),
      notes: SUMMARY_NOTES.map((n, k) => `${k + 1}. ${n}`),
      sheetName: `${table.year ?? ''}汇总表`,
    });
    return sendXlsx(reply, data, downloadName(`${title}_${table.year ?? ''}年度`, 'xlsx'));
  });
}
