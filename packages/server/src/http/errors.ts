/** An HTTP error with a Chinese message for the person in front of the screen. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthenticated = () => new HttpError(401, '请先登录');
export const forbidden = (what = '这项操作') => new HttpError(403, `你没有权限进行${what}`);
export const badRequest = (message: string) => new HttpError(400, message);
