import type { DocumentContext, Evaluation, Finding, ScoreResult } from '@jixiao/core';

/** 角色 — the three kinds of account the server knows. */
export type Role = 'admin' | 'reviewer' | 'filler';

/** 用户 — the logged-in account as /api/me returns it. */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  region: string;
  /** 需修改密码 — signed in with a password the admin reset: only setting a new one is allowed. */
  mustChangePassword?: boolean;
}

/** 自评状态 — 草稿 → 已提交 → 退回 / 已审核 → 已公开. */
export type Status = 'draft' | 'submitted' | 'returned' | 'accepted' | 'published';

/** 自评列表项 — one row of GET /api/evaluations. */
export interface ListItem {
  id: number;
  title: string;
  kind: Evaluation['kind'];
  year: number | null;
  status: Status;
  version: number;
  departmentId: number;
  department: string;
  region: string;
  updatedAt: string;
  /** 自评得分 and 规则得分 from the stored result (the list carries them). */
  statedScore?: string | null;
  computedScore?: string | null;
}

/** 复核 — the finance bureau's review score, kept beside the self score. */
export interface Review {
  review_total: string | null;
  comment: string;
  updated_at: string;
}

/** 自评详情 — GET /api/evaluations/:id. */
export interface StoredEvaluation {
  id: number;
  departmentId: number;
  status: Status;
  version: number;
  evaluation: Evaluation;
  sourceFile: string | null;
  updatedAt: string;
  updatedBy: string | null;
  score: ScoreResult;
  findings: Finding[];
  review: Review | null;
  /** The current 不是问题 mark per finding key (latest entry of each). */
  dispositions: Disposition[];
  /** 错误说明 — the 填报人's explanation per finding key, the latest over every submission. */
  explanations: SubmittedExplanation[];
  /** 提交时冻结 — the submitted revision and the framework version it stays scored under. */
  frozen: Frozen | null;
  /** 按新版框架重新计分 — the frozen figures under a newer version, for comparison only. */
  rescored: Rescored | null;
  /** The imported file's prose and tables the audit holds this one against (null when created blank). */
  context: DocumentContext | null;
  /** 退回意见 — the latest 退回's comment, while the evaluation is returned. */
  lastReturn: { comment: string; by: string; at: string } | null;
}

/** One 错误说明 given at submission (GET /api/evaluations/:id `explanations`). */
export interface SubmittedExplanation {
  key: string;
  text: string;
  authorName: string;
  at: string;
  version: number;
}

export interface Frozen {
  version: number;
  frameworkId: string;
  frameworkVersion: string;
  submittedAt: string;
}

export interface Rescored {
  label: string;
  frameworkId: string;
  frameworkVersion: string;
  frameworkName: string;
  score: ScoreResult;
}

/** 审核发现处置 — a finding's current mark: 不是问题 (dismissed) or withdrawn. */
export interface Disposition {
  key: string;
  dismissed: boolean;
  reason: string;
  authorName: string;
  at: string;
}

/** 处置记录 — one mark or withdrawal, GET /api/evaluations/:id/findings/history. */
export interface DispositionEntry {
  key: string;
  action: 'dismiss' | 'restore';
  reason: string;
  authorName: string;
  at: string;
}

/** 修订记录 */
export interface Revision {
  version: number;
  status: Status;
  authorName: string;
  note: string;
  createdAt: string;
}

/** 导入预览 — POST /api/import. */
export interface ImportPreview {
  file: string;
  evaluations: Array<{ evaluation: Evaluation; score: ScoreResult; findings: Finding[] }>;
  issues: Array<{ severity: 'error' | 'warning'; message: string; source?: { line?: number } }>;
  /** 部门核对 (a 填报人's preview): their department, and the tables that name another body. */
  department?: { name: string; elsewhere: Array<{ index: number; organization: string }> };
  /** 再次导入: tables whose project and year already have an editable draft of the department. */
  drafts?: Array<{ index: number; id: number; title: string; status: Status }>;
}

/** 部门 — GET /api/departments. */
export interface Department {
  id: number;
  name: string;
  region: string;
}

/** 公开报告 — GET /api/public/reports/:id. */
export interface PublicReport {
  id: number;
  evaluation: Evaluation;
  score: ScoreResult;
}

/** 接口错误 — an error the server explained in Chinese (`{ error }`), with its status and body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrfToken = '';

/** Event fired on window when a call answers 401: the session is gone. */
export const SESSION_ENDED = 'jixiao:session-ended';

/** Remembers the session's CSRF token; every POST/PUT sends it. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** One JSON call to the server; a failure becomes an ApiError with the server's Chinese message. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络后重试', {});
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 401 && path !== '/api/me' && path !== '/api/login') {
    // The session ended (expired, or logged out elsewhere): the app returns to 登录.
    window.dispatchEvent(new Event(SESSION_ENDED));
  }
  if (!response.ok) {
    const record = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
    const message = typeof record.error === 'string' ? record.error : `请求失败（HTTP ${response.status}）`;
    throw new ApiError(response.status, message, record);
  }
  return json as T;
}
