import type { FastifyInstance } from 'fastify';
import type { FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import type { User } from '../../auth/users.ts';
import { currentDispositions } from '../../store/dispositions.ts';
import { getEvaluation, listRevisions, saveEvaluation } from '../../store/evaluations.ts';
import { listEvaluations, scopeOf, setStatus } from '../../store/listing.ts';
import { canEdit, canRead, canReview, STATUS_NAMES, TRANSITIONS } from '../access.ts';
import { assess, findingKey } from '../assess.ts';
import { badRequest, forbidden, HttpError } from '../errors.ts';
import { evaluationFromBody } from '../evaluation-body.ts';
import { requireUser } from '../session-plugin.ts';

function idOf(params: unknown): number {
  const id = Number((params as { id?: string }).id);
  if (!Number.isInteger(id) || id <= 0) throw badRequest('自评编号应为正整数');
  return id;
}

function author(user: User) {
  return { id: user.id, name: user.displayName };
}

export function evaluationRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/evaluations', async (request) => {
    const user = requireUser(request);
    const year = Number((request.query as { year?: string }).year) || undefined;
    if (user.role === 'filler')
      return listEvaluations(db, { departmentId: user.departmentId!, ...(year ? { year } : {}) });
    if (user.role === 'reviewer') {
      return listEvaluations(db, {
        region: user.region,
        statuses: ['submitted', 'returned', 'accepted', 'published'],
        ...(year ? { year } : {}),
      });
    }
    return listEvaluations(db, year ? { year } : {});
  });

  app.get('/api/evaluations/:id', async (request) => {
    const id = idOf(request.params);
    const scope = await scopeOf(db, id);
    if (!canRead(request.session?.user ?? null, scope)) {
      if (!request.session) throw new HttpError(401, '请先登录');
      throw forbidden('查看这份自评');
    }
    const stored = await getEvaluation(db, id);
    const result = assess(registry, stored.evaluation);
    const review = await db.query(
      'select review_total, comment, updated_at from reviews where evaluation_id = $1',
      [id],
    );
    return {
      ...stored,
      score: result.score,
      findings: result.findings,
      review: review.rows[0] ?? null,
      dispositions: await currentDispositions(db, id),
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
    return saveEvaluation(db, id, {
      expectedVersion: body.version,
      evaluation,
      author: author(user),
    });
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
      const body = (request.body ?? {}) as { comment?: unknown; explanations?: Record<string, unknown> };
      let note = typeof body.comment === 'string' ? body.comment : '';
      if (action === 'submit') {
        const stored = await getEvaluation(db, id);
        const errors = assess(registry, stored.evaluation).findings.filter((f) => f.severity === 'error');
        const explanations = body.explanations ?? {};
        const unexplained = errors.filter(
          (f) =>
            typeof explanations[findingKey(f)] !== 'string' || !String(explanations[findingKey(f)]).trim(),
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
      if (!(await setStatus(db, id, rule.from, rule.to, author(user), note))) {
        throw new HttpError(409, '状态已被他人改变，请刷新');
      }
      return { id, status: rule.to };
    });
  }

  app.put('/api/evaluations/:id/review', async (request) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const id = idOf(request.params);
    const scope = await scopeOf(db, id);
    if (!canReview(user, scope) || !['submitted', 'accepted'].includes(scope.status))
      throw forbidden('复核这份自评');
    const body = (request.body ?? {}) as { reviewTotal?: unknown; comment?: unknown };
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
      [id, user.id, total, typeof body.comment === 'string' ? body.comment : ''],
    );
    return { id, reviewTotal: total };
  });

  app.get('/api/evaluations/:id/revisions', async (request) => {
    const user = requireUser(request);
    const id = idOf(request.params);
    if (!canRead(user, await scopeOf(db, id))) throw forbidden('查看修订记录');
    return (await listRevisions(db, id)).map(({ evaluation: _e, ...rest }) => rest);
  });
}
