import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RECTIFICATION_STATUS_NAMES, rectificationOverdue } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { listEvaluations, scopeOf } from '../../store/listing.ts';
import {
  addRectification,
  getRectification,
  rectificationsOf,
  updateRectification,
  type Rectification,
} from '../../store/rectifications.ts';
import { canReview, canSeeMonitoring } from '../access.ts';
import { badRequest, forbidden, unauthenticated } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { idParam, parse, text } from '../validate.ts';

const date = z
  .string({ error: '整改期限应为日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '整改期限应写成 YYYY-MM-DD，如 2025-06-30' })
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      error: '整改期限不是有效的日期',
    },
  );

const newItem = z.object({
  problem: text('存在问题', { min: 1, max: 2000, multiline: true }),
  measure: text('整改措施', { max: 2000, multiline: true, optional: true }),
  owner: text('责任人或责任单位', { max: 100, optional: true }),
  due: date.optional(),
});

const progress = z.object({
  status: z.enum(['open', 'in-progress', 'done'], { error: '整改进度应为 未开始、整改中 或 已完成' }),
  result: text('整改结果', { max: 2000, multiline: true, optional: true }),
  measure: text('整改措施', { max: 2000, multiline: true, optional: true }),
});

/** Today in the server's calendar, as core compares deadlines. */
const today = () => new Date().toISOString().slice(0, 10);

/** An item as the API answers it: with its status's name and whether it is overdue today. */
export const shown = (item: Rectification) => ({
  ...item,
  statusName: RECTIFICATION_STATUS_NAMES[item.status],
  overdue: rectificationOverdue(item, today()),
});

/**
 * 问题整改: problems found by the self-evaluation (the department's 填报人) or by the review (the region's
 * 财政审核人), each with its measure, owner and deadline; the department moves each on and says what was
 * done when it closes one; the region sees what is overdue.
 */
export function rectificationRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/evaluations/:id/rectifications', async (request) => {
    const id = idParam(request.params);
    const user = request.session?.user ?? null;
    if (!canSeeMonitoring(user, await scopeOf(db, id))) {
      if (!user) throw unauthenticated();
      throw forbidden('查看这份自评的整改事项');
    }
    return (await rectificationsOf(db, [id])).map(shown);
  });

  app.post('/api/evaluations/:id/rectifications', async (request) => {
    const user = requireUser(request);
    const id = idParam(request.params);
    const scope = await scopeOf(db, id);
    const own = user.role === 'filler' && user.departmentId === scope.departmentId;
    if (!own && !(user.role !== 'filler' && canReview(user, scope)))
      throw forbidden('为这份自评登记整改事项');
    const body = parse(newItem, request.body);
    return shown(
      await addRectification(db, {
        evaluationId: id,
        foundBy: own ? 'self' : 'review',
        problem: body.problem,
        measure: body.measure ?? '',
        owner: body.owner ?? '',
        due: body.due ?? null,
        author: user.displayName,
      }),
    );
  });

  app.put('/api/rectifications/:id', async (request) => {
    const user = requireUser(request);
    const item = await getRectification(db, idParam(request.params, '整改事项编号'));
    const scope = await scopeOf(db, item.evaluationId);
    if (user.role !== 'filler' || user.departmentId !== scope.departmentId)
      throw forbidden('更新整改进度（只有本部门的填报人可以更新）');
    const body = parse(progress, request.body);
    const result = body.result ?? '';
    if (body.status === 'done' && !result) throw badRequest('整改完成须写明整改结果');
    return shown(
      await updateRectification(db, item.id, {
        status: body.status,
        result,
        ...(body.measure !== undefined ? { measure: body.measure } : {}),
        author: user.displayName,
      }),
    );
  });

  /** Every item the user may see — its department's, its region's, or all for the admin — overdue first. */
  app.get('/api/rectifications', async (request) => {
    const user = requireUser(request);
    const filter =
      user.role === 'filler'
        ? { departmentId: user.departmentId ?? -1 }
        : user.role === 'reviewer'
          ? { region: user.region }
          : {};
    const evaluations = await listEvaluations(db, filter);
    const byId = new Map(evaluations.map((e) => [e.id, e]));
    const items = (await rectificationsOf(db, [...byId.keys()])).map((i) => ({
      ...shown(i),
      evaluation: byId.get(i.evaluationId)!,
    }));
    return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.id - b.id);
  });
}
