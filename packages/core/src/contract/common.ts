// The words every answer of the API shares: roles, statuses, kinds, and the loose parts (an evaluation,
// a score, findings) whose own schemas live with the model and are only typed here.
import { z } from 'zod';
import type { DocumentContext } from '../audit/index.ts';
import type { Finding } from '../model/finding.ts';
import type { Evaluation, EvaluationKind } from '../model/evaluation.ts';
import type { ScoreResult } from '../model/result.ts';

/** 角色 — the three kinds of account: 管理员, 财政审核人, 填报人. */
export const roleSchema = z.enum(['admin', 'reviewer', 'filler']);
export type Role = z.infer<typeof roleSchema>;

/** 自评状态 — 草稿 → 已提交 → 退回 / 已审核 → 已公开. */
export const evaluationStatusSchema = z.enum(['draft', 'submitted', 'returned', 'accepted', 'published']);
export type EvaluationStatus = z.infer<typeof evaluationStatusSchema>;

/** 状态名称 as the users say them. */
export const EVALUATION_STATUS_NAMES: Record<EvaluationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '退回',
  accepted: '已审核',
  published: '已公开',
};

export const evaluationKindSchema = z.enum(['project', 'department', 'summary']);

/** 自评类型名称 — the one list of what each kind of form is called (项目支出, 部门整体支出, 项目汇总表). */
export const EVALUATION_KIND_NAMES: Record<EvaluationKind, string> = {
  project: '项目支出',
  department: '部门整体支出',
  summary: '项目汇总表',
};

/** A decimal as text (money 万元, a rate in %, a score): never a float on the wire. */
export const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/, '应为十进制数');
export const decimalOrNull = decimalText.nullable();

/** A moment as ISO 8601 text. */
export const isoTime = z.string().min(1);

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 自评 — validated on the way in by the model's evaluationSchema; typed here. */
export const evaluationShape = z.custom<Evaluation>(isObject, '应为一份自评');
/** 计分结果 — computed by core's scoring; typed here. */
export const scoreShape = z.custom<ScoreResult>(isObject, '应为计分结果');
/** 审核发现 — computed by core's audit; typed here. */
export const findingShape = z.custom<Finding>(isObject, '应为审核发现');
export const documentContextShape = z.custom<DocumentContext>(isObject, '应为文件上下文');
