/** An HTTP error with a Chinese message for the person in front of the screen. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds, sent as Retry-After (a 429 or 503: when to try again). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthenticated = () => new HttpError(401, '请先登录');
export const forbidden = (what = '这项操作') => new HttpError(403, `你没有权限进行${what}`);
export const badRequest = (message: string) => new HttpError(400, message);
