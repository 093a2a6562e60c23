import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Body } from '../../summary/cache.ts';
import {
  EVALUATION_KIND_NAMES,
  SUMMARY_GRADES,
  type EvaluationKind,
  type FrameworkRegistry,
} from '@jixiao/core';
import { writeAggregateXlsx } from '@jixiao/formats';
import type { Database } from '../../db/database.ts';
import type { EvaluationStatus } from '../../store/evaluations.ts';
import { ENTRY_SORTS, type EntrySort } from '../../summary/repository.ts';
import { aggregateRows, COLUMNS } from '../../summary/sheet.ts';
import { SUMMARY_NOTES, summaryTable, summaryTableBody, type SummaryQuery } from '../../summary/service.ts';
import { STATUS_NAMES } from '../access.ts';
import { badRequest } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { badCharacters, contentDisposition, downloadName, idParam, yearQuery } from '../validate.ts';

export { aggregateRows } from '../../summary/sheet.ts';
export {
  visibleFilter,
  type SummaryEntry,
  type SummaryLine,
  type SummaryTable,
} from '../../summary/service.ts';

/** Lines per page unless asked: a city's table on one page, a province's in pages. */
const PAGE_SIZE = 200;
const MAX_PAGE_SIZE = 1000;

/** A comma-separated list of allowed values, or undefined when absent. */
function listParam<T extends string>(raw: unknown, allowed: readonly T[], label: string): T[] | undefined {
  if (raw === undefined || raw === '' || raw === 'all') return undefined;
  const values = typeof raw === 'string' ? raw.split(',').map((v) => v.trim()) : [];
  const bad = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (!values.length || bad !== undefined)
    throw badRequest(`${label}应为${allowed.join('、')}之一（多个用逗号分隔）`);
  return values as T[];
}

function countParam(raw: unknown, label: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw badRequest(`${label}应为 1–${max} 的整数`);
  return Number(raw);
}

function textParam(raw: unknown, label: string): string | undefined {
  if (raw === undefined || raw === '' || raw === 'all') return undefined;
  if (typeof raw !== 'string' || raw.length > 100) throw badRequest(`${label}应为不超过 100 字的文字`);
  const bad = badCharacters(raw, false);
  if (bad) throw badRequest(`${label}${bad}`);
  return raw;
}

/**
 * The 汇总表's and the 看板's query: year, department, region, kind, status, grade, framework (filters),
 * page, pageSize, sort and order — each checked, a bad one answered in Chinese naming it.
 */
export function summaryQuery(query: unknown, pages = true): SummaryQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const year = yearQuery(q);
  const departmentId =
    q.department === undefined || q.department === '' || q.department === 'all'
      ? undefined
      : idParam(q, '部门', 'department');
  const region = textParam(q.region, '地区');
  const frameworkId = textParam(q.framework, '评分框架');
  const kinds = listParam(q.kind, Object.keys(EVALUATION_KIND_NAMES) as EvaluationKind[], '类型（kind）');
  const statuses = listParam(q.status, Object.keys(STATUS_NAMES) as EvaluationStatus[], '状态（status）');
  const grades = listParam(q.grade, [...SUMMARY_GRADES], '等级（grade）');
  const sorts = ['department', ...Object.keys(ENTRY_SORTS)] as Array<'department' | EntrySort>;
  const sort = listParam(q.sort, sorts, '排序（sort）')?.[0] ?? 'department';
  const order = listParam(q.order, ['asc', 'desc'] as const, '顺序（order）')?.[0];
  return {
    ...(year !== undefined ? { year } : {}),
    ...(departmentId !== undefined ? { departmentId } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(frameworkId !== undefined ? { frameworkId } : {}),
    ...(kinds ? { kinds } : {}),
    ...(statuses ? { statuses } : {}),
    ...(grades ? { grades } : {}),
    page: pages ? countParam(q.page, '页码（page）', 1, 1_000_000) : 1,
    pageSize: pages
      ? countParam(q.pageSize, '每页行数（pageSize）', PAGE_SIZE, MAX_PAGE_SIZE)
      : Number.MAX_SAFE_INTEGER,
    sort,
    // Scores and rates worst first unless asked; names A to Z.
    descending: order === undefined ? sort !== 'department' && sort !== 'rate' : order === 'desc',
  };
}

/**
 * Sends an aggregate's body as kept: gzipped to a client that accepts gzip (every browser), else the JSON
 * text. Either way made once per data version (summary/cache.ts), not per request.
 */
export async function sendBody(
  request: FastifyRequest,
  reply: FastifyReply,
  body: (acceptsGzip: boolean) => Promise<Body>,
) {
  const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const b = await body(accepts);
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  return 'gzipped' in b ? reply.header('content-encoding', 'gzip').send(b.gzipped) : reply.send(b.json);
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
 * (a page of it) and as the xlsx the finance bureau files (all of it).
 */
export function summaryRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/summary', async (request, reply) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const q = summaryQuery(request.query);
    return sendBody(request, reply, (gzip) => summaryTableBody(db, registry, user, q, gzip));
  });

  app.get('/api/summary/export', async (request, reply) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const table = await summaryTable(db, registry, user, summaryQuery(request.query, false));
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
