import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { findSession, type Session } from '../auth/sessions.ts';
import type { Role, User } from '../auth/users.ts';
import { forbidden, HttpError, unauthenticated } from './errors.ts';

export const SESSION_COOKIE = 'jixiao_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * What a session with an admin-issued password may still do: see who it is, set its own, sign out, and
 * read what anyone may read (the portal, the framework definitions).
 */
const BEFORE_NEW_PASSWORD = new Set(['/api/me', '/api/me/password', '/api/logout', '/api/health']);
const OPEN_TO_ALL = /^\/api\/(public|frameworks)(\/|$)/;

/**
 * Reads the session cookie into request.session, and refuses a state-changing request of a logged-in
 * user that does not carry the session's CSRF token in x-csrf-token (another site can make the browser
 * send the cookie, not read the token).
 */
export function registerSessions(app: FastifyInstance, db: Database): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const id = request.cookies[SESSION_COOKIE];
    request.session = id ? await findSession(db, id) : null;
    if (request.session && !SAFE.has(request.method) && request.url !== '/api/login') {
      if (request.headers['x-csrf-token'] !== request.session.csrfToken) {
        throw new HttpError(403, '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
      }
    }
    const path = request.url.split('?')[0]!;
    if (
      request.session?.user.mustChangePassword &&
      path.startsWith('/api/') &&
      !BEFORE_NEW_PASSWORD.has(path) &&
      !(SAFE.has(request.method) && OPEN_TO_ALL.test(path))
    ) {
      throw new HttpError(403, '请先修改密码：管理员重置的临时密码只能用来设置新密码');
    }
  });
}

export function requireUser(request: FastifyRequest, ...roles: Role[]): User {
  const user = request.session?.user;
  if (!user) throw unauthenticated();
  if (roles.length && !roles.includes(user.role)) throw forbidden();
  return user;
}

/**
 * The session cookie: HttpOnly, SameSite=Lax, and Secure whenever the browser reached us over HTTPS —
 * directly, or through a proxy we trust (JIXIAO_TRUST_PROXY) that says so in X-Forwarded-Proto — or when
 * JIXIAO_SECURE_COOKIES=1 says it always does.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.JIXIAO_SECURE_COOKIES === '1' || request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}
