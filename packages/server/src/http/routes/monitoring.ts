import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  D,
  evaluationMoney,
  executionRatePercent,
  LAMP_NAMES,
  LAMP_ORDER,
  lampOf,
  monitoringPlanFor,
  monitoringStatus,
  worstLamp,
  type FrameworkRegistry,
} from '@jixiao/core';
import type { User } from '../../auth/users.ts';
import type { Database } from '../../db/database.ts';
import { getEvaluation, type StoredEvaluation } from '../../store/evaluations.ts';
import { listEvaluations, scopeOf } from '../../store/listing.ts';
import { monitoringOf, recordMonitoring } from '../../store/monitoring.ts';
import { resultsOf } from '../../store/results.ts';
import { canSeeMonitoring, type EvaluationScope } from '../access.ts';
import { badRequest, forbidden, HttpError, unauthenticated } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { idParam, parse, text, yearQuery } from '../validate.ts';

/** 万元 with at most two decimals, as the forms print money: text, so no float ever holds it. */
const money = (label: string) =>
  z
    .string({ error: `${label}应为数字（万元）` })
    .trim()
    .regex(/^\d{1,14}(\.\d{1,2})?$/, { error: `${label}应为不带单位的数字，最多两位小数（万元）` });

const reportBody = z.object({
  executed: money('累计执行数'),
  budget: money('全年预算数').optional(),
  reason: text('未达进度原因', { max: 2000, multiline: true, optional: true }),
});

/** 全年预算数 of the evaluation, as core reads it from its budget lines. */
function budgetOf(stored: StoredEvaluation): string | null {
  return evaluationMoney(stored.evaluation, null).money.adjusted?.toFixed(2) ?? null;
}

/** The monitoring plan of an evaluation: the one that monitors the framework it is scored under. */
async function planOf(db: Database, registry: FrameworkRegistry, stored: StoredEvaluation) {
  const scored = (await resultsOf(db, registry, [stored])).get(stored.id);
  const frameworkId = scored?.result.score.frameworkId ?? stored.evaluation.frameworkId;
  return frameworkId ? monitoringPlanFor(frameworkId) : undefined;
}

function requireSee(user: User | null, scope: EvaluationScope): void {
  if (canSeeMonitoring(user, scope)) return;
  if (!user) throw unauthenticated();
  throw forbidden('查看这份自评的执行进度监控');
}

/**
 * 绩效运行监控 (双监控's execution half): the department's 填报人 reports cumulative execution at the
 * checkpoint months of the plan that monitors its framework; core judges each checkpoint's lamp against
 * the plan, a yellow or red one needs its reason; the region's 财政审核人 sees every project's lamps.
 */
export function monitoringRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/evaluations/:id/monitoring', async (request) => {
    const id = idParam(request.params);
    requireSee(request.session?.user ?? null, await scopeOf(db, id));
    const stored = await getEvaluation(db, id);
    const reports = (await monitoringOf(db, [id])).get(id) ?? [];
    return monitoringStatus(await planOf(db, registry, stored), reports, budgetOf(stored));
  });

  app.put('/api/evaluations/:id/monitoring/:month', async (request) => {
    const user = requireUser(request);
    const id = idParam(request.params);
    const scope = await scopeOf(db, id);
    if (user.role !== 'filler' || user.departmentId !== scope.departmentId)
      throw forbidden('填报这份自评的执行进度（只有本部门的填报人可以填报）');
    const month = idParam(request.params, '月份', 'month');
    const body = parse(reportBody, request.body);
    const stored = await getEvaluation(db, id);
    const plan = await planOf(db, registry, stored);
    if (!plan) throw new HttpError(409, '这份自评的评分框架没有执行进度监控方案，无需填报执行进度');
    if (!plan.checkpoints.some((c) => c.month === month))
      throw badRequest(
        `监控方案「${plan.name}」没有 ${month} 月的监控时点（监控时点为 ${plan.checkpoints.map((c) => `${c.month} 月`).join('、')}）`,
      );
    const budget = body.budget ?? budgetOf(stored);
    if (!budget || new D(budget).isZero())
      throw badRequest('这份自评没有全年预算数，请同时填写全年预算数（万元）');
    const rate = executionRatePercent(new D(body.executed), new D(budget));
    const lamp = lampOf(plan, month, rate)!;
    if (lamp.needsReason && !body.reason)
      throw badRequest(
        `${lamp.explanation.replace(/需说明原因。$/, '')}，为${LAMP_NAMES[lamp.lamp]}，请填写未达进度原因`,
      );
    await recordMonitoring(db, {
      evaluationId: id,
      month,
      executed: new D(body.executed).toFixed(2),
      budget: new D(budget).toFixed(2),
      reason: body.reason ?? '',
      reportedBy: user.displayName,
    });
    const reports = (await monitoringOf(db, [id])).get(id) ?? [];
    return monitoringStatus(plan, reports, budgetOf(stored));
  });

  /** The monitoring board: every monitored evaluation the user may see, with its lamps, worst first. */
  app.get('/api/monitoring', async (request) => {
    const user = requireUser(request);
    const year = yearQuery(request.query);
    const filter =
      user.role === 'filler'
        ? { departmentId: user.departmentId ?? -1 }
        : user.role === 'reviewer'
          ? { region: user.region }
          : {};
    const items = await listEvaluations(db, { ...filter, ...(year !== undefined ? { year } : {}) });
    const stored = await Promise.all(items.map((i) => getEvaluation(db, i.id)));
    const results = await resultsOf(db, registry, stored);
    const reports = await monitoringOf(
      db,
      items.map((i) => i.id),
    );
    const rows = items.flatMap((item, k) => {
      const s = stored[k]!;
      const frameworkId = results.get(item.id)?.result.score.frameworkId ?? s.evaluation.frameworkId;
      const plan = frameworkId ? monitoringPlanFor(frameworkId) : undefined;
      if (!plan) return [];
      const m = monitoringStatus(plan, reports.get(item.id) ?? [], budgetOf(s));
      const worst = worstLamp(m);
      return [{ evaluation: item, worst, worstName: LAMP_NAMES[worst], ...m }];
    });
    rows.sort((a, b) => LAMP_ORDER[a.worst] - LAMP_ORDER[b.worst] || a.evaluation.id - b.evaluation.id);
    return rows;
  });
}
