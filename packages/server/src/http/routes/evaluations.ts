import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import type { User } from '../../auth/users.ts';
import { currentDispositions } from '../../store/dispositions.ts';
import { submittedExplanations } from '../../store/explanations.ts';
import {
  getEvaluation,
  listRevisions,
  saveEvaluation,
  type EvaluationStatus,
} from '../../store/evaluations.ts';
import {
  LIST_SORTS,
  listScoredEvaluations,
  scopeOf,
  setStatus,
  type ListFilter,
  type ListPage,
  type ListSort,
} from '../../store/listing.ts';
import { canEdit, canReview, canSeeInternal, STATUS_NAMES, TRANSITIONS } from '../access.ts';
import { findingKey, storedContext } from '../assess.ts';
import { refreshResults, resultsOf } from '../../store/results.ts';
import { headOfPage, pageJson, readStoredPage, storedOfPage } from '../../store/page.ts';
import { badRequest, forbidden, HttpError, unauthenticated } from '../errors.ts';
import { evaluationFromBody } from '../evaluation-body.ts';
import { requireUser } from '../session-plugin.ts';
import { idParam, parse, text, yearQuery } from '../validate.ts';
import { publicReport } from './public.ts';
import { AUDIT_KINDS, recordAudit } from '../../store/audit.ts';
import { assertYearsOpen } from './years.ts';

const idOf = (params: unknown) => idParam(params);

const transitionBody = z.object({
  comment: text('意见', { max: 5000, multiline: true, optional: true }),
  explanations: z
    .record(z.string().max(300), text('错误说明', { max: 2000, multiline: true }), {
      error: '错误说明（explanations）应为「审核发现 → 说明」的对象',
    })
    .optional(),
  /** 审核通过 without a 复核得分 of its own: the reviewer states the self score stands (与自评一致). */
  sameAsSelf: z.boolean({ error: '与自评一致（sameAsSelf）应为 true 或 false' }).optional(),
});

const reviewBody = z.object({
  reviewTotal: z.union([z.string(), z.number(), z.null()], { error: '复核得分应为 0–100 的数' }).optional(),
  comment: text('复核意见', { max: 5000, multiline: true, optional: true }),
});

/** Rows per page of a paged list unless asked, and at most. */
const LIST_PAGE_SIZE = 20;
const MAX_LIST_PAGE_SIZE = 500;

const STATUS_OF_NAME = Object.keys(STATUS_NAMES) as EvaluationStatus[];

/** A positive whole number of a query string within [min, max], or undefined when absent. */
function whole(raw: unknown, label: string, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw badRequest(`${label}应为 ${min}–${max} 的整数`);
  return Number(raw);
}

/**
 * The list's query string: `status` (one or more, comma-separated), `kind`, and a page — `page`,
 * `pageSize`, `sort` (updated, department, year, stated, computed, errors) and `order` (asc/desc); without
 * `page` or `pageSize` the whole list. Each checked, a bad one answered in Chinese naming it.
 */
function listQuery(query: unknown): {
  statuses?: EvaluationStatus[];
  kind?: string;
  page?: ListPage;
} {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: { statuses?: EvaluationStatus[]; kind?: string; page?: ListPage } = {};
  if (q.status !== undefined && q.status !== '' && q.status !== 'all') {
    const list = typeof q.status === 'string' ? q.status.split(',') : [];
    if (!list.length || list.some((s) => !STATUS_OF_NAME.includes(s as EvaluationStatus)))
      throw badRequest(`状态（status）应为 ${STATUS_OF_NAME.join('、')} 之一，可用逗号分隔多个`);
    out.statuses = list as EvaluationStatus[];
  }
  if (q.kind !== undefined && q.kind !== '' && q.kind !== 'all') {
    if (q.kind !== 'project' && q.kind !== 'department')
      throw badRequest('类型（kind）应为 project（项目支出）或 department（部门整体支出）');
    out.kind = q.kind;
  }
  const page = whole(q.page, '页码（page）', 1, 1_000_000);
  const pageSize = whole(q.pageSize, '每页行数（pageSize）', 1, MAX_LIST_PAGE_SIZE);
  if (page !== undefined || pageSize !== undefined) {
    const sorts = Object.keys(LIST_SORTS);
    if (q.sort !== undefined && (typeof q.sort !== 'string' || !sorts.includes(q.sort)))
      throw badRequest(`排序（sort）应为 ${sorts.join('、')} 之一`);
    if (q.order !== undefined && q.order !== 'asc' && q.order !== 'desc')
      throw badRequest('顺序（order）应为 asc（升序）或 desc（降序）');
    out.page = {
      page: page ?? 1,
      pageSize: pageSize ?? LIST_PAGE_SIZE,
      sort: (q.sort as ListSort | undefined) ?? 'updated',
      descending: q.order === 'desc',
    };
  }
  return out;
}

function author(user: User) {
  return { id: user.id, name: user.displayName };
}

export function evaluationRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/evaluations', async (request) => {
    const user = requireUser(request);
    const year = yearQuery(request.query);
    const asked = listQuery(request.query);
    const filter: ListFilter =
      user.role === 'filler'
        ? { departmentId: user.departmentId!, ...(year ? { year } : {}) }
        : user.role === 'reviewer'
          ? // 审核队列: the region's evaluations that have been submitted.
            {
              region: user.region,
              statuses: ['submitted', 'returned', 'accepted', 'published'] as EvaluationStatus[],
              ...(year ? { year } : {}),
            }
          : year
            ? { year }
            : {};
    const narrowed = {
      ...filter,
      ...(asked.statuses
        ? { statuses: asked.statuses.filter((s) => !filter.statuses || filter.statuses.includes(s)) }
        : {}),
      ...(asked.kind ? { kind: asked.kind } : {}),
    };
    // With each row's stored score and grade, and the version that scored it; one query, paged in SQL when
    // a page is asked for (?page=…&pageSize=…), else every row as the plain list.
    const { items, total } = await listScoredEvaluations(db, registry, narrowed, asked.page);
    return asked.page ? { items, total, page: asked.page.page, pageSize: asked.page.pageSize } : items;
  });

  app.get('/api/evaluations/:id', async (request, reply) => {
    const id = idOf(request.params);
    // The evaluation, its stored result, 复核, marks and 退回意见 in one query (store/page.ts).
    const page = await readStoredPage(db, registry, id);
    const user = request.session?.user ?? null;
    const scope = { departmentId: page.row.department_id, region: page.region, status: page.row.status };
    if (!canSeeInternal(user, scope)) {
      // Another department, another region, or nobody signed in: the published report as the portal shows it.
      if (scope.status === 'published') return publicReport(db, registry, id);
      if (!user) throw unauthenticated();
      throw forbidden('查看这份自评');
    }
    const shown = {
      review: page.review,
      dispositions: page.dispositions,
      lastReturn: page.lastReturn,
      // 填报人's explanations of errors, the latest per finding over every submission (shown on each finding).
      explanations: await submittedExplanations(db, id),
    };
    // The file's prose and sibling tables (for the page's own audit as one types) and the comparison under a
    // newer framework version: only an imported file's evaluation, or a frozen one, needs its figures read.
    const needsFigures = page.row.document_id !== null || page.row.submitted_version !== null;
    if (page.upToDate && page.scoredBy) {
      const extra = needsFigures
        ? await storedContext(db, registry, storedOfPage(page))
        : { rescored: null, context: null };
      reply.type('application/json; charset=utf-8');
      return pageJson(page, {
        ...headOfPage(page),
        scoredBy: page.scoredBy,
        rescored: extra.rescored,
        context: extra.context,
        ...shown,
      });
    }
    // No stored result of the evaluation as it is now by the current versions: computed (and stored) first —
    // one evaluation's page shows the current version's score, not the one a list may still show while the
    // jobs catch up.
    const stored = storedOfPage(page);
    const { result, scoredBy } = (await resultsOf(db, registry, [stored], 'exact')).get(id)!;
    const { rescored, context } = await storedContext(db, registry, stored);
    return {
      ...stored,
      score: result.score,
      findings: result.findings,
      scoredBy,
      rescored,
      context,
      ...shown,
    };
  });

  app.put('/api/evaluations/:id', async (request) => {
    const user = requireUser(request);
    const id = idOf(request.params);
    const scope = await scopeOf(db, id);
    if (!canEdit(user, scope)) {
      throw scope.status === 'draft' || scope.status === 'returned'
        ? forbidden('修改这份自评')
        : new HttpError(409, `这份自评已${STATUS_NAMES[scope.status]}，不能再修改`);
    }
    const body = (request.body ?? {}) as { version?: unknown; evaluation?: unknown };
    if (typeof body.version !== 'number') throw badRequest('保存需要 version（你编辑的版本号）和 evaluation');
    const evaluation = evaluationFromBody(body.evaluation);
    await assertYearsOpen(db, [scope.year, evaluation.year]);
    const saved = await saveEvaluation(db, id, {
      expectedVersion: body.version,
      evaluation,
      author: author(user),
    });
    await refreshResults(db, registry, id);
    return saved;
  });

  for (const [action, rule] of Object.entries(TRANSITIONS)) {
    app.post(`/api/evaluations/:id/${action}`, async (request) => {
      const user = requireUser(request);
      const id = idOf(request.params);
      const scope = await scopeOf(db, id);
      const allowed =
        rule.by === 'filler'
          ? canEdit(user, scope) || (user.role === 'filler' && user.departmentId === scope.departmentId)
          : canReview(user, scope);
      if (!allowed || (rule.by === 'filler' && user.role !== 'filler'))
        throw forbidden(`对这份自评执行「${action}」`);
      if (!rule.from.includes(scope.status)) {
        throw new HttpError(
          409,
          `这份自评当前为「${STATUS_NAMES[scope.status]}」，不能${STATUS_NAMES[rule.to] === '已提交' ? '提交' : `改为「${STATUS_NAMES[rule.to]}」`}`,
        );
      }
      const body = parse(transitionBody, request.body);
      let note = body.comment ?? '';
      if (action === 'return' && !note) throw badRequest('退回需要写明意见，告诉填报人要改什么');
      if (action === 'accept' && !body.sameAsSelf) {
        const review = await db.query<{ review_total: string | null }>(
          'select review_total from reviews where evaluation_id = $1',
          [id],
        );
        if (review.rows[0]?.review_total == null)
          throw new HttpError(409, '审核通过前请先保存复核得分，或确认复核得分与自评一致');
      }
      let freeze: Parameters<typeof setStatus>[6];
      if (action === 'submit') {
        await assertYearsOpen(db, [scope.year]);
        const stored = await getEvaluation(db, id);
        // Checked as the 填报人 saw it: with the prose and sibling tables of the file it came from, under
        // the current version (the stored result, computed first if out of date).
        const { result: checked } = (await resultsOf(db, registry, [stored], 'exact')).get(id)!;
        // The figures checked here and the framework version they were scored under are what is frozen.
        freeze = {
          expectedVersion: stored.version,
          frameworkId: checked.score.frameworkId,
          frameworkVersion: checked.score.frameworkVersion,
        };
        const errors = checked.findings.filter((f) => f.severity === 'error');
        // A blank field of the form is filled, not explained: a form left blank is no self-evaluation.
        const blanks = errors.filter((f) => f.code === 'incomplete');
        if (blanks.length) {
          throw new HttpError(
            422,
            `还有 ${blanks.length} 项必填内容未填写，填写后才能提交（${blanks.map((f) => f.message).join('')}）`,
          );
        }
        const explanations = body.explanations ?? {};
        // A finding the reviewer marked 不是问题 (before a 退回) needs no explanation any more.
        const dismissed = new Set(
          (await currentDispositions(db, id)).filter((d) => d.dismissed).map((d) => d.key),
        );
        const unexplained = errors.filter(
          (f) => !dismissed.has(findingKey(f)) && !explanations[findingKey(f)]?.trim(),
        );
        if (unexplained.length) {
          throw new HttpError(
            422,
            `还有 ${unexplained.length} 条错误未处理：请修正，或逐条说明原因后再提交（${unexplained
              .slice(0, 3)
              .map((f) => f.message)
              .join('；')}${unexplained.length > 3 ? '…' : ''}）`,
          );
        }
        note = JSON.stringify({ comment: note, explanations });
      }
      const changed = await db.transaction((tx) =>
        setStatus(tx, id, rule.from, rule.to, author(user), note, freeze),
      );
      if (!changed) {
        throw new HttpError(
          409,
          action === 'submit'
            ? '提交未成功：检查之后这份自评又被修改或改变了状态，请刷新后重新提交'
            : '状态已被他人改变，请刷新',
        );
      }
      // Its status is in the basis of its results and its file's: stored anew now, under the frozen version.
      await refreshResults(db, registry, id);
      await recordAudit(db, {
        kind: action as keyof typeof TRANSITIONS,
        actor: user,
        address: request.ip,
        subject: `自评 ${id}`,
        detail: `${AUDIT_KINDS[action as keyof typeof TRANSITIONS]}「${scope.title}」${action === 'return' ? `：${body.comment}` : ''}`,
      });
      return { id, status: rule.to };
    });
  }

  app.put('/api/evaluations/:id/review', async (request) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const id = idOf(request.params);
    const scope = await scopeOf(db, id);
    if (!canReview(user, scope) || !['submitted', 'accepted'].includes(scope.status))
      throw forbidden('复核这份自评');
    const body = parse(reviewBody, request.body);
    const total =
      typeof body.reviewTotal === 'string' || typeof body.reviewTotal === 'number'
        ? String(body.reviewTotal)
        : null;
    if (total !== null && !/^\d{1,3}(\.\d{1,2})?$/.test(total))
      throw badRequest('复核得分应为 0–100 的数，最多两位小数');
    await db.query(
      `insert into reviews (evaluation_id, reviewer, review_total, comment) values ($1, $2, $3, $4)
       on conflict (evaluation_id) do update set reviewer = excluded.reviewer, review_total = excluded.review_total,
         comment = excluded.comment, updated_at = now()`,
      [id, user.id, total, body.comment ?? ''],
    );
    return { id, reviewTotal: total };
  });

  app.get('/api/evaluations/:id/revisions', async (request) => {
    const user = requireUser(request);
    const id = idOf(request.params);
    // The notes carry return comments and submission explanations: internal, published or not.
    if (!canSeeInternal(user, await scopeOf(db, id))) throw forbidden('查看修订记录');
    return (await listRevisions(db, id)).map(({ evaluation: _e, ...rest }) => rest);
  });
}
