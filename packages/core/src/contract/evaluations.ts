// 自评 as the API answers it: the signed-in user, lists, one evaluation with its review, marks and
// history, the import preview, and the portal's report. Defined once: the server's routes answer these
// (their tests parse every answer) and the web reads the same types.
import { z } from 'zod';
import {
  decimalOrNull,
  documentContextShape,
  evaluationKindSchema,
  evaluationShape,
  evaluationStatusSchema,
  findingShape,
  isoTime,
  roleSchema,
  scoreShape,
} from './common.ts';

/** 用户 — the signed-in account (GET /api/me, POST /api/login). */
export const userSchema = z.strictObject({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentId: z.number().int().nullable(),
  region: z.string(),
  /** 需修改密码 — signed in with a password the admin reset: only setting a new one is allowed. */
  mustChangePassword: z.boolean(),
});
export type ApiUser = z.infer<typeof userSchema>;

/** 登录状态 — GET /api/me and POST /api/login. */
export const sessionSchema = z.strictObject({ user: userSchema, csrfToken: z.string() });

/** 修改密码 — POST /api/me/password. */
export const passwordChangedSchema = z.strictObject({
  ok: z.literal(true),
  endedSessions: z.number().int(),
  user: userSchema,
});

/** 账号 — GET /api/users (管理员): a user with whether it is 停用. */
export const accountSchema = userSchema.extend({ disabled: z.boolean() });
export type Account = z.infer<typeof accountSchema>;

/** 重置密码 — POST /api/users/:id/reset-password: the one-time password, shown once. */
export const passwordResetSchema = z.strictObject({
  username: z.string(),
  password: z.string(),
  mustChangePassword: z.literal(true),
});

/** 部门 — GET /api/departments. */
export const departmentSchema = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  region: z.string(),
});
export type Department = z.infer<typeof departmentSchema>;

/** 计分来源 — the framework version and engine version that scored a stored result. */
export const scoredBySchema = z.strictObject({
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  engineVersion: z.string(),
  computedAt: isoTime,
  /** Scored under the current version (false while the background recomputation catches up). */
  current: z.boolean(),
});
export type ScoredBy = z.infer<typeof scoredBySchema>;

/** 自评列表项 (without scores) — as the store lists an evaluation. */
export const listEntrySchema = z.strictObject({
  id: z.number().int(),
  title: z.string(),
  kind: evaluationKindSchema,
  year: z.number().int().nullable(),
  status: evaluationStatusSchema,
  version: z.number().int(),
  departmentId: z.number().int(),
  department: z.string(),
  region: z.string(),
  updatedAt: isoTime,
});
export type ListEntry = z.infer<typeof listEntrySchema>;

/** 自评列表项 — one row of GET /api/evaluations and /api/public/reports, with its stored score and grade. */
export const listItemSchema = listEntrySchema.extend({
  /** 自评得分 as stated */
  statedScore: decimalOrNull,
  /** 复算得分 (a lower bound when totalIncomplete) */
  computedScore: decimalOrNull,
  totalIncomplete: z.boolean(),
  /** 等级 of the stated score, else of the computed one */
  grade: z.string().nullable(),
  /** 复算等级, null when the computed score is a lower bound */
  computedGrade: z.string().nullable(),
  scoredBy: scoredBySchema,
});
export type ListItem = z.infer<typeof listItemSchema>;

/** 自评列表的一页 — GET /api/evaluations?page=&pageSize=: the rows of one page and how many rows match in all. */
export const listPageSchema = z.strictObject({
  items: z.array(listItemSchema),
  /** 符合条件的总行数 */
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type ListPage = z.infer<typeof listPageSchema>;

/** 复核 — the finance bureau's review score, kept beside the self score. */
export const reviewSchema = z.strictObject({
  review_total: decimalOrNull,
  comment: z.string(),
  updated_at: z.union([isoTime, z.date()]),
});
export type Review = z.infer<typeof reviewSchema>;

/** 审核发现处置 — a finding's current mark: 不是问题 (dismissed) or withdrawn. */
export const dispositionSchema = z.strictObject({
  key: z.string(),
  dismissed: z.boolean(),
  reason: z.string(),
  authorName: z.string(),
  at: isoTime,
});
export type Disposition = z.infer<typeof dispositionSchema>;

/** 处置记录 — one mark or withdrawal (GET /api/evaluations/:id/findings/history, POST …/findings/:key). */
export const dispositionEntrySchema = z.strictObject({
  key: z.string(),
  action: z.enum(['dismiss', 'restore']),
  reason: z.string(),
  authorName: z.string(),
  at: isoTime,
});
export type DispositionEntry = z.infer<typeof dispositionEntrySchema>;

/** 修订记录 — GET /api/evaluations/:id/revisions. */
export const revisionSchema = z.strictObject({
  version: z.number().int(),
  status: evaluationStatusSchema,
  authorName: z.string(),
  note: z.string(),
  createdAt: isoTime,
});
export type Revision = z.infer<typeof revisionSchema>;

/** 提交时冻结 — the submitted revision and the framework version it stays scored under. */
export const frozenSchema = z.strictObject({
  version: z.number().int(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  submittedAt: isoTime,
});
export type Frozen = z.infer<typeof frozenSchema>;

/** 按新版框架重新计分 — the frozen figures under a newer version, for comparison only. */
export const rescoredSchema = z.strictObject({
  label: z.string(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  frameworkName: z.string(),
  score: scoreShape,
});
export type Rescored = z.infer<typeof rescoredSchema>;

/** 公开报告 — what the portal shows of a published evaluation (GET /api/public/reports/:id). */
export const publicReportSchema = z.strictObject({
  id: z.number().int(),
  public: z.literal(true),
  evaluation: evaluationShape,
  score: scoreShape,
  frozen: frozenSchema.nullable(),
});
export type PublicReport = z.infer<typeof publicReportSchema>;

/** 错误说明 — one explanation of an error given at submission, shown on its finding. */
export const submittedExplanationSchema = z.strictObject({
  /** the finding's key */
  key: z.string(),
  text: z.string(),
  authorName: z.string(),
  at: isoTime,
  /** the version submitted with it */
  version: z.number().int(),
});
export type SubmittedExplanation = z.infer<typeof submittedExplanationSchema>;

/** 自评详情 — GET /api/evaluations/:id for those who may see the internal record. */
export const storedEvaluationSchema = z.strictObject({
  id: z.number().int(),
  departmentId: z.number().int(),
  status: evaluationStatusSchema,
  version: z.number().int(),
  evaluation: evaluationShape,
  sourceFile: z.string().nullable(),
  updatedAt: isoTime,
  updatedBy: z.string().nullable(),
  /** The imported file it came from (null when created blank). */
  documentId: z.number().int().nullable(),
  score: scoreShape,
  findings: z.array(findingShape),
  scoredBy: scoredBySchema,
  review: reviewSchema.nullable(),
  /** The current 不是问题 mark per finding key (latest entry of each). */
  dispositions: z.array(dispositionSchema),
  /** 错误说明 — the 填报人's explanation per finding, the latest over every submission. */
  explanations: z.array(submittedExplanationSchema),
  frozen: frozenSchema.nullable(),
  rescored: rescoredSchema.nullable(),
  /** The imported file's prose and tables the audit holds this one against (null when created blank). */
  context: documentContextShape.nullable(),
  /** 退回意见 — the latest 退回's comment, while the evaluation is returned. */
  lastReturn: z.strictObject({ comment: z.string(), by: z.string(), at: isoTime }).nullable(),
});
export type StoredEvaluation = z.infer<typeof storedEvaluationSchema>;

/** GET /api/evaluations/:id answers the portal's report to those who may not see the internal record. */
export const evaluationAnswerSchema = z.union([storedEvaluationSchema, publicReportSchema]);

/** 保存 — PUT /api/evaluations/:id: the new version. */
export const savedSchema = z.object({ id: z.number().int(), version: z.number().int() });

/** 新建 — POST /api/evaluations. */
export const createdSchema = z.object({ id: z.number().int() });

/** 状态变更 — POST /api/evaluations/:id/{submit,return,accept,publish,…}. */
export const transitionSchema = z.strictObject({ id: z.number().int(), status: evaluationStatusSchema });

/** 复核得分 — PUT /api/evaluations/:id/review. */
export const reviewSavedSchema = z.strictObject({ id: z.number().int(), reviewTotal: decimalOrNull });

/** 导入预览 — POST /api/import. */
export const importPreviewSchema = z.strictObject({
  file: z.string(),
  evaluations: z.array(
    z.object({ evaluation: evaluationShape, score: scoreShape, findings: z.array(findingShape) }),
  ),
  issues: z.array(
    z.object({
      severity: z.enum(['error', 'warning']),
      message: z.string(),
      source: z.object({ line: z.number().optional() }).passthrough().optional(),
    }),
  ),
  /** 部门核对 (a 填报人's preview): their department, and the tables that name another body. */
  department: z
    .strictObject({
      name: z.string(),
      elsewhere: z.array(z.strictObject({ index: z.number().int(), organization: z.string() })),
    })
    .optional(),
  /** 再次导入: tables whose project and year already have an editable draft of the department. */
  drafts: z
    .array(
      z.strictObject({
        index: z.number().int(),
        id: z.number().int(),
        title: z.string(),
        status: evaluationStatusSchema,
      }),
    )
    .optional(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** 保存导入 — POST /api/import/save: the evaluations stored (or updated). */
export const importSavedSchema = z.array(
  z.strictObject({ id: z.number().int(), title: z.string(), version: z.number().int() }),
);
