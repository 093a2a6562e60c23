import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { surveyActual, surveyRate, type FrameworkRegistry, type SurveyCounts } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { getEvaluation, saveEvaluationIn } from '../../store/evaluations.ts';
import { scopeOf } from '../../store/listing.ts';
import { refreshResults } from '../../store/results.ts';
import { recordSurvey, surveyOf, type StoredSurvey } from '../../store/surveys.ts';
import { canEdit, canSeeInternal, STATUS_NAMES } from '../access.ts';
import { badRequest, forbidden, HttpError, unauthenticated } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { badCharacters, idParam, parse, text } from '../validate.ts';
import { assertYearsOpen } from './years.ts';
import { NotFoundError } from '../../store/errors.ts';

/** 份数: a whole number of questionnaires, bounded so that no sum of them leaves the integers. */
const copies = (label: string) =>
  z
    .number({ error: `${label}应为整数（份）` })
    .int({ error: `${label}应为整数（份）` })
    .min(0, { error: `${label}不能为负数` })
    .max(10_000_000, { error: `${label}最多 10000000 份` });

const surveyBody = z.object({
  version: z.number({ error: '保存需要 version（你编辑的自评版本号）' }).int({ error: 'version 应为整数' }),
  issued: copies('发出问卷数'),
  returned: copies('收回有效问卷数'),
  options: z
    .array(
      z.object({
        label: text('选项名称', { min: 1, max: 50 }),
        count: copies('选项份数'),
        satisfied: z.boolean({ error: '是否计为满意应为是或否' }),
      }),
      { error: '选项应为列表' },
    )
    .min(1, { error: '请至少列出一个选项' })
    .max(20, { error: '选项最多 20 个' }),
});

/** The indicator's id in the URL: the evaluation's own key for its row. */
function indicatorParam(params: unknown): string {
  const raw = (params as Record<string, unknown> | undefined)?.indicator;
  if (typeof raw !== 'string' || raw.length < 1 || raw.length > 100 || badCharacters(raw, false))
    throw badRequest('指标编号有误');
  return raw;
}

const shown = (survey: StoredSurvey, indicatorName: string) => {
  const { rate, satisfied, returnRate, formula } = surveyRate(survey);
  return { ...survey, indicatorName, rate, satisfied, returnRate, formula };
};

/**
 * 满意度调查: the survey behind a 满意度指标's 完成值 — its department's 填报人 records the counts while the
 * evaluation is editable; core's surveyRate makes the rate and its formula, which becomes the indicator's
 * 完成值 in a new version of the evaluation (its source saying so), saved with the counts in one transaction.
 * Those who see the evaluation's internal record read it.
 */
export function surveyRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/evaluations/:id/indicators/:indicator/survey', async (request) => {
    const user = request.session?.user ?? null;
    if (!user) throw unauthenticated();
    const id = idParam(request.params);
    const indicatorId = indicatorParam(request.params);
    if (!canSeeInternal(user, await scopeOf(db, id))) throw forbidden('查看这份自评的满意度调查');
    const stored = await getEvaluation(db, id);
    const indicator = stored.evaluation.indicators.find((i) => i.id === indicatorId);
    if (!indicator) throw new NotFoundError('这份自评没有这项指标');
    const survey = await surveyOf(db, id, indicatorId);
    return survey ? shown(survey, indicator.name) : null;
  });

  app.put('/api/evaluations/:id/indicators/:indicator/survey', async (request) => {
    const user = requireUser(request);
    const id = idParam(request.params);
    const indicatorId = indicatorParam(request.params);
    const scope = await scopeOf(db, id);
    // Only the department's 填报人 ever records one; it hears why when the evaluation is no longer editable.
    if (user.role !== 'filler' || user.departmentId !== scope.departmentId)
      throw forbidden('登记这份自评的满意度调查（只有本部门的填报人可以登记）');
    if (!canEdit(user, scope))
      throw new HttpError(409, `这份自评已${STATUS_NAMES[scope.status]}，不能再登记满意度调查`);
    const body = parse(surveyBody, request.body);
    const counts: SurveyCounts = { issued: body.issued, returned: body.returned, options: body.options };
    const rate = surveyRate(counts);
    if (rate.problems.length) throw badRequest(`满意度调查的份数有误：${rate.problems.join('；')}，未保存`);
    if (rate.rate === null) throw badRequest(`${rate.formula}，未保存`);
    await assertYearsOpen(db, [scope.year]);
    const author = { id: user.id, name: user.displayName };
    const saved = await db.transaction(async (tx) => {
      const stored = await getEvaluation(tx, id);
      if (stored.status !== 'draft' && stored.status !== 'returned')
        throw new HttpError(409, `这份自评已${STATUS_NAMES[stored.status]}，不能再登记满意度调查`);
      const indicator = stored.evaluation.indicators.find((i) => i.id === indicatorId);
      if (!indicator) throw new NotFoundError('这份自评没有这项指标，满意度调查未保存');
      const actual = surveyActual(indicator, rate)!;
      const evaluation = {
        ...stored.evaluation,
        indicators: stored.evaluation.indicators.map((i) => (i.id === indicatorId ? { ...i, actual } : i)),
      };
      const survey = await recordSurvey(tx, { ...counts, evaluationId: id, indicatorId, author });
      const next = await saveEvaluationIn(tx, id, {
        expectedVersion: body.version,
        evaluation,
        author,
        note: `满意度调查「${indicator.name}」：${rate.formula}`,
      });
      return { ...shown(survey, indicator.name), version: next.version, actual: actual.raw };
    });
    // The 完成值 changed: its score and findings stored anew, as after any save.
    await refreshResults(db, registry, id);
    return saved;
  });
}
