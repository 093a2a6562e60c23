import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  blankEvaluation,
  blankTargets,
  evaluationFromTargets,
  libraryProblems,
  searchLibrary,
  scoresIndicatorRows,
  TARGET_STATUS_NAMES,
  TARGET_TRANSITIONS,
  targetProblems,
  targetsFromEvaluation,
  traceTargets,
  type Framework,
  type FrameworkRegistry,
  type TargetIndicator,
  type TargetTraceView,
  type TargetView,
} from '@jixiao/core';
import type { User } from '../../auth/users.ts';
import type { Database } from '../../db/database.ts';
import { createEvaluationIn, getEvaluation } from '../../store/evaluations.ts';
import { scopeOf } from '../../store/listing.ts';
import { indicatorLibrary } from '../../store/library.ts';
import { refreshResults } from '../../store/results.ts';
import {
  addAdjustment,
  approvedRevision,
  createTarget,
  currentRevision,
  evaluationsOfTarget,
  getTarget,
  linkEvaluation,
  listTargets,
  moveRevision,
  revisionOfEvaluation,
  saveRevision,
  type Target,
  type TargetRevision,
} from '../../store/targets.ts';
import { canDecideTargets, canDraftTargets, canSeeMonitoring, canSeeTargets } from '../access.ts';
import { badRequest, forbidden, HttpError, unauthenticated } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { id as idField, idParam, parse, text, yearQuery } from '../validate.ts';
import { assertYearsOpen } from './years.ts';

/** 年度: a whole year; checked by hand because a wrong type would otherwise read as a missing field. */
const year = z
  .unknown()
  .refine((v) => typeof v === 'number' && Number.isInteger(v), { error: '年度应为四位数的年份' })
  .transform((v) => v as number)
  .refine((v) => v >= 1990 && v <= 2200, { error: '年度应在 1990–2200 之间' });

const row = z.object({
  id: text('指标编号', { min: 1, max: 40 }),
  level1: text('一级指标', { max: 100 }),
  level2: text('二级指标', { max: 100 }),
  name: text('三级指标', { max: 200 }),
  direction: z.enum(['≥', '≤', '=', 'qualitative'], { error: '指标性质应为 ≥、≤、= 或 定性' }).nullable(),
  target: text('年度指标值', { max: 200 }),
  unit: text('度量单位', { max: 40 }),
  weight: text('分值', { max: 20 }),
  lastActual: text('上年完成值', { max: 200, optional: true }),
});

const rows = z
  .array(row, { error: '指标应为一组三级指标' })
  .max(300, { error: '一张目标表最多 300 行指标' })
  .refine((list) => new Set(list.map((r) => r.id)).size === list.length, { error: '指标编号重复' });

const newTarget = z.object({
  year,
  projectName: text('项目名称', { max: 200, optional: true }),
  /** Last year's self-evaluation of the same project, whose rows the new table starts from. */
  fromEvaluationId: idField('上年自评编号').optional(),
  /** The framework whose blank form gives the 一级 rows of a table started from nothing. */
  frameworkId: text('评分框架', { max: 100, optional: true }),
});

const draft = z.object({
  revision: z.number({ error: '保存需要 revision（你编辑的目标版本号）' }).int(),
  indicators: rows,
  goal: text('年度绩效目标', { max: 5000, multiline: true, optional: true }),
  /** 上年指标未再设置的原因 */
  dropped: z
    .array(
      z.object({
        name: text('未再设置的上年指标', { min: 1, max: 200 }),
        reason: text('未再设置的原因', { max: 2000, multiline: true }),
      }),
      { error: '未再设置的上年指标应为一组指标名称和原因' },
    )
    .max(300, { error: '未再设置的上年指标最多 300 项' })
    .optional(),
});

const decision = z.object({ comment: text('意见', { max: 5000, multiline: true, optional: true }) });
const adjustment = z.object({ reason: text('调整原因', { min: 1, max: 2000, multiline: true }) });
const fromTargets = z.object({ frameworkId: text('评分框架', { max: 100, optional: true }) });

/** The project framework a 填报人 gets by default: the registry's default for projects, else the first usable. */
function projectFramework(registry: FrameworkRegistry, id: string | undefined): Framework {
  if (id) {
    const f = registry.get(id);
    if (!f) throw badRequest(`没有名为「${id}」的评分框架`);
    if (!scoresIndicatorRows(f)) throw badRequest(`评分框架「${f.name}」不按三级指标打分，不能用于绩效目标`);
    return f;
  }
  const usable = registry.list().filter((f) => f.kind === 'project' && scoresIndicatorRows(f));
  const f = usable.find((x) => x.detection.defaultFor.includes('project')) ?? usable[0];
  if (!f) throw new HttpError(409, '系统中没有可用于项目支出的评分框架，请联系管理员');
  return f;
}

const revisionShown = (r: TargetRevision) => ({ ...r, statusName: TARGET_STATUS_NAMES[r.status] });

/** A target as the list and the page show it: its revisions, the one being worked on, the one in force. */
function shown(t: Target): TargetView {
  const current = currentRevision(t);
  const approved = approvedRevision(t);
  return {
    ...t,
    revisions: t.revisions.map(revisionShown),
    status: current.status,
    statusName:
      current.revision > 1 && current.status !== 'approved'
        ? `调整${TARGET_STATUS_NAMES[current.status]}`
        : TARGET_STATUS_NAMES[current.status],
    revision: current.revision,
    approvedRevision: approved?.revision ?? null,
    problems: targetProblems(current.indicators),
  };
}

/**
 * A target as its own page shows it: besides its rows' problems, last year's indicators of the same project in
 * the 指标库 and what this year's table says against them (a target below last year's actual, an indicator
 * left out without a reason).
 */
async function detail(db: Database, t: Target): Promise<TargetView> {
  const view = shown(t);
  const current = currentRevision(t);
  const lastYear = searchLibrary(
    await indicatorLibrary(db, { departmentId: t.departmentId, years: [t.year - 1] }),
    { projectName: t.projectName },
  );
  return {
    ...view,
    problems: [...view.problems, ...libraryProblems(current.indicators, lastYear, current.dropped)],
    lastYear,
  };
}

async function departmentName(db: Database, id: number): Promise<string> {
  const r = await db.query<{ name: string }>('select name from departments where id = $1', [id]);
  return r.rows[0]?.name ?? '';
}

/**
 * 绩效目标: a project's targets for a year, drafted by its department's 填报人 (from a blank form or copied from
 * last year's evaluation of the same project), submitted, returned with a comment or approved by the region's
 * 财政审核人; an approved table adjusted during the year as a new revision with its reason, approved again;
 * and the year-end self-evaluation created from the approved rows, each 指标值 traced to that approval.
 */
export function targetRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  /** The target of the URL, refused to those who may not see it. */
  async function visible(request: { params: unknown; session?: { user: User } | null }): Promise<Target> {
    // Signed in first: a stranger hears 401 whether or not the target exists.
    const user = requireUser(request as Parameters<typeof requireUser>[0]);
    const t = await getTarget(db, idParam(request.params, '绩效目标编号'));
    if (!canSeeTargets(user, t)) throw forbidden('查看这个项目的绩效目标');
    return t;
  }

  async function own(request: { params: unknown; session?: { user: User } | null }, what: string) {
    const user = requireUser(request as Parameters<typeof requireUser>[0]);
    const t = await visible(request);
    if (!canDraftTargets(user, t)) throw forbidden(`${what}（只有本部门的填报人可以）`);
    return { user, t, current: currentRevision(t) };
  }

  app.get('/api/targets', async (request) => {
    const user = requireUser(request);
    const y = yearQuery(request.query);
    const filter =
      user.role === 'filler'
        ? { departmentId: user.departmentId ?? -1 }
        : user.role === 'reviewer'
          ? { region: user.region }
          : {};
    const list = await listTargets(db, { ...filter, ...(y ? { year: y } : {}) });
    // The bureau sees a table once it has been submitted; a first draft is the department's own.
    return list
      .filter((t) => user.role === 'filler' || t.revisions.some((r) => r.status !== 'draft'))
      .map(shown);
  });

  app.post('/api/targets', async (request) => {
    const user = requireUser(request);
    if (user.role !== 'filler' || !user.departmentId) throw forbidden('建立绩效目标（只有部门的填报人可以）');
    const body = parse(newTarget, request.body);
    let indicators: TargetIndicator[];
    let projectName = body.projectName ?? '';
    if (body.fromEvaluationId !== undefined) {
      const scope = await scopeOf(db, body.fromEvaluationId);
      if (scope.departmentId !== user.departmentId) throw forbidden('复制其他部门的自评');
      const last = (await getEvaluation(db, body.fromEvaluationId)).evaluation;
      if (last.kind !== 'project') throw badRequest('只能从项目支出自评复制指标');
      if (last.year !== body.year - 1)
        throw badRequest(
          `只能复制上一年度（${body.year - 1} 年度）同一项目的自评，所选自评是${last.year ? ` ${last.year} 年度的` : '未写年度的'}`,
        );
      projectName ||= last.projectName ?? '';
      indicators = targetsFromEvaluation(last);
    } else {
      indicators = blankTargets(projectFramework(registry, body.frameworkId), body.year);
    }
    if (!projectName) throw badRequest('请填写项目名称');
    // The target and its first revision together: never one without the other.
    const departmentId = user.departmentId;
    const id = await db.transaction((tx) =>
      createTarget(tx, {
        departmentId,
        year: body.year,
        projectName,
        indicators,
        goal: '',
        copiedFrom: body.fromEvaluationId ?? null,
        author: user.displayName,
      }),
    );
    return detail(db, await getTarget(db, id));
  });

  app.get('/api/targets/:id', async (request) => {
    const t = await visible(request);
    const view: TargetView = { ...(await detail(db, t)), evaluations: await evaluationsOfTarget(db, t.id) };
    return view;
  });

  app.put('/api/targets/:id', async (request) => {
    const { user, t, current } = await own(request, '修改绩效目标');
    const body = parse(draft, request.body);
    if (current.status !== 'draft' && current.status !== 'returned')
      throw new HttpError(
        409,
        `绩效目标第 ${current.revision} 版${TARGET_STATUS_NAMES[current.status]}，不能再修改${current.status === 'approved' ? '；年度中需要调整请点「调整目标」' : ''}`,
      );
    if (body.revision !== current.revision)
      throw new HttpError(
        409,
        `你编辑的是第 ${body.revision} 版，现在是第 ${current.revision} 版：请刷新后再改`,
      );
    const saved = await saveRevision(db, current.id, {
      indicators: body.indicators as TargetIndicator[],
      goal: body.goal ?? '',
      ...(body.dropped ? { dropped: body.dropped } : {}),
      author: user.displayName,
    });
    if (!saved) throw new HttpError(409, '绩效目标刚被提交，未保存：请刷新后再看');
    return detail(db, await getTarget(db, t.id));
  });

  app.post('/api/targets/:id/submit', async (request) => {
    const { user, t, current } = await own(request, '提交绩效目标');
    const rule = TARGET_TRANSITIONS.submit;
    if (!rule.from.includes(current.status))
      throw new HttpError(
        409,
        `绩效目标第 ${current.revision} 版${TARGET_STATUS_NAMES[current.status]}，不能再提交`,
      );
    const errors = targetProblems(current.indicators).filter((p) => p.severity === 'error');
    if (errors.length)
      throw new HttpError(422, `目标表还有 ${errors.length} 处须改正才能提交：${errors[0]!.message}`);
    if (current.revision > 1 && !current.reason.trim()) throw badRequest('调整目标须写明调整原因');
    if (!(await moveRevision(db, current.id, rule.from, rule.to, { author: user.displayName })))
      throw new HttpError(409, '绩效目标的状态刚被改变，请刷新后再看');
    return detail(db, await getTarget(db, t.id));
  });

  for (const action of ['return', 'approve'] as const) {
    const rule = TARGET_TRANSITIONS[action];
    app.post(`/api/targets/:id/${action}`, async (request) => {
      const user = requireUser(request);
      const t = await visible(request);
      if (!canDecideTargets(user, t)) throw forbidden(`${rule.name}绩效目标（只有本地区的财政审核人可以）`);
      const body = parse(decision, request.body);
      const comment = body.comment ?? '';
      if (action === 'return' && !comment) throw badRequest('退回须写明退回意见，让填报人知道要改什么');
      const current = currentRevision(t);
      if (!rule.from.includes(current.status))
        throw new HttpError(
          409,
          `绩效目标第 ${current.revision} 版${current.status === 'approved' ? '已批复' : `是${TARGET_STATUS_NAMES[current.status]}，尚未提交`}，不能${rule.name}`,
        );
      if (!(await moveRevision(db, current.id, rule.from, rule.to, { author: user.displayName, comment })))
        throw new HttpError(409, '绩效目标的状态刚被改变，请刷新后再看');
      return detail(db, await getTarget(db, t.id));
    });
  }

  app.post('/api/targets/:id/adjust', async (request) => {
    const { user, t, current } = await own(request, '调整绩效目标');
    const body = parse(adjustment, request.body);
    if (current.status !== 'approved')
      throw new HttpError(
        409,
        current.revision > 1 || approvedRevision(t)
          ? `第 ${current.revision} 版调整尚未批复，请在这一版上修改`
          : '绩效目标尚未批复：请直接修改草稿，批复后才需要调整',
      );
    await addAdjustment(db, t, { reason: body.reason, author: user.displayName });
    return detail(db, await getTarget(db, t.id));
  });

  app.post('/api/targets/:id/evaluation', async (request) => {
    const { user, t } = await own(request, '由绩效目标生成自评');
    const body = parse(fromTargets, request.body);
    const approved = approvedRevision(t);
    if (!approved) throw new HttpError(409, '绩效目标尚未批复，批复后才能生成年度自评');
    const existing = await evaluationsOfTarget(db, t.id);
    if (existing.length)
      throw new HttpError(
        409,
        `已由这个项目的绩效目标生成过年度自评（编号 ${existing[0]!.evaluationId}），请打开它`,
      );
    await assertYearsOpen(db, [t.year]);
    const f = projectFramework(registry, body.frameworkId);
    const form = blankEvaluation(f, {
      year: t.year,
      kind: 'project',
      projectName: t.projectName,
      organization: await departmentName(db, t.departmentId),
    });
    const evaluation = {
      ...evaluationFromTargets(form, approved.indicators),
      ...(approved.goal ? { goal: approved.goal } : {}),
    };
    const created = await db.transaction(async (tx) => {
      const e = await createEvaluationIn(tx, {
        departmentId: t.departmentId,
        evaluation,
        author: { id: user.id, name: user.displayName },
        note: `由绩效目标第 ${approved.revision} 版（${approved.decidedBy ?? ''}批复）生成`,
      });
      await linkEvaluation(tx, e.id, approved.id);
      return e;
    });
    await refreshResults(db, registry, created.id);
    return { id: created.id, revision: approved.revision };
  });

  /** 指标值溯源: the approval a self-evaluation's 指标值 came from, row by row; null when it was not made from targets. */
  app.get('/api/evaluations/:id/targets', async (request): Promise<TargetTraceView | null> => {
    const id = idParam(request.params);
    const user = request.session?.user ?? null;
    if (!canSeeMonitoring(user, await scopeOf(db, id))) {
      if (!user) throw unauthenticated();
      throw forbidden('查看这份自评的绩效目标');
    }
    const link = await revisionOfEvaluation(db, id);
    if (!link) return null;
    const t = await getTarget(db, link.targetId);
    const r = t.revisions.find((x) => x.id === link.revisionId)!;
    const latest = approvedRevision(t);
    return {
      targetId: t.id,
      projectName: t.projectName,
      revision: r.revision,
      approvedBy: r.decidedBy,
      approvedAt: r.decidedAt,
      /** A later approved adjustment than the one the evaluation was made from. */
      laterRevision: latest && latest.revision > r.revision ? latest.revision : null,
      rows: traceTargets((await getEvaluation(db, id)).evaluation, r.indicators),
    };
  });
}
