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
import { listEvaluations, scopeOf, setStatus } from '../../store/listing.ts';
import { canEdit, canReview, canSeeInternal, STATUS_NAMES, TRANSITIONS } from '../access.ts';
import { findingKey, storedContext } from '../assess.ts';
import { refreshResults, resultsOf, withScores } from '../../store/results.ts';
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

/** 退回意见: the comment of the latest 退回, for the 填报人 to see what to change. */
async function lastReturn(db: Database, id: number) {
  const r = await db.query<{ note: string; author_name: string; created_at: Date | string }>(
    `select note, author_name, created_at from evaluation_revisions
      where evaluation_id = $1 and status = 'returned' order by version desc limit 1`,
    [id],
  );
  const row = r.rows[0];
  return row ? { comment: row.note, by: row.author_name, at: new Date(row.created_at).toISOString() } : null;
}

function author(user: User) {
  return { id: user.id, name: user.displayName };
}

export function evaluationRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/evaluations', async (request) => {
    const user = requireUser(request);
    const year = yearQuery(request.query);
    const filter =
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
    // With each row's stored score and grade, and the version that scored it.
    return withScores(db, registry, await listEvaluations(db, filter));
  });

  app.get('/api/evaluations/:id', async (request) => {
    const id = idOf(request.params);
    const scope = await scopeOf(db, id);
    const user = request.session?.user ?? null;
    if (!canSeeInternal(user, scope)) {
      // Another department, another region, or nobody signed in: the published report as the portal shows it.
      if (scope.status === 'published') return publicReport(db, registry, id);
      if (!user) throw unauthenticated();
      throw forbidden('查看这份自评');
    }
    const stored = await getEvaluation(db, id);
    // The stored result, computed first if it is out of date in any way: one evaluation's page shows the
    // current version's score, not the one a list may still show while the jobs catch up.
    const { result, scoredBy } = (await resultsOf(db, registry, [stored], 'exact')).get(id)!;
    const { rescored, context } = await storedContext(db, registry, stored);
    const review = await db.query(
      'select review_total, comment, updated_at from reviews where evaluation_id = $1',
      [id],
    );
    return {
      ...stored,
      score: result.score,
      findings: result.findings,
      scoredBy,
      rescored,
      context,
      review: review.rows[0] ?? null,
      dispositions: await currentDispositions(db, id),
      // 填报人's explanations of errors, the latest per finding over every submission (shown on each finding).
      explanations: await submittedExplanations(db, id),
      lastReturn: stored.status === 'returned' ? await lastReturn(db, id) : null,
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
