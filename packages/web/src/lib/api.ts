// The API's answers are core's contract (packages/core/src/contract): the server's routes answer them and
// their tests parse every answer by them. Nothing here declares an API type of its own.
export type {
  Account,
  ApiAnswer,
  ApiUser as User,
  Dashboard,
  DashboardYear,
  Department,
  Disposition,
  DispositionEntry,
  EvaluationStatus as Status,
  FiscalYear,
  FrameworkEntry,
  Frozen,
  ImportPreview,
  IndicatorChoices,
  LibraryAnswer,
  ListEntry,
  ListItem,
  ListPage,
  MonitoringRow,
  PublicReport,
  RecomputeProgress,
  RectificationItem,
  Rescored,
  Review,
  Revision,
  Role,
  StoredEvaluation,
  SummaryEvaluationLine,
  SummaryTable,
  SubmittedExplanation,
  SummaryTotalLine,
} from '@jixiao/core';

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
