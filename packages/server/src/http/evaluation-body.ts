import { EvaluationError, parseEvaluation, type Evaluation } from '@jixiao/core';
import { badRequest } from './errors.ts';

/**
 * The `evaluation` of a save (POST /api/evaluations, PUT /api/evaluations/:id), checked whole before
 * anything is written: one malformed value stored would make the evaluation fail to score on every
 * later read. Refusals are 400 with the place named, e.g. "自评数据有误，未保存：第 3 个指标
 * （indicators[2]）的 分值.value 应为数字文本，收到 数组".
 */
export function evaluationFromBody(value: unknown): Evaluation {
  if (value === undefined) throw badRequest('请求中缺少 evaluation（要保存的自评）');
  try {
    return parseEvaluation(value);
  } catch (error) {
    if (error instanceof EvaluationError) throw badRequest(`自评数据有误，未保存：${error.message}`);
    throw error;
  }
}
