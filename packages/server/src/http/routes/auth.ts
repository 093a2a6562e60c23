import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { clearLoginFailures, loginBlocked, recordLoginFailure } from '../../auth/rate-limit.ts';
import { createSession, deleteSession, SESSION_HOURS } from '../../auth/sessions.ts';
import { findUser } from '../../auth/users.ts';
import { badRequest, HttpError } from '../errors.ts';
import { requireUser, SESSION_COOKIE, setSessionCookie } from '../session-plugin.ts';

export function authRoutes(app: FastifyInstance, db: Database): void {
  app.post('/api/login', async (request, reply) => {
    const body = (request.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof body.username !== 'string' || typeof body.password !== 'string' || !body.username) {
      throw badRequest('请输入用户名和密码');
    }
    const address = request.ip;
    if (await loginBlocked(db, body.username, address)) {
      throw new HttpError(429, '登录失败次数过多，请 15 分钟后再试');
    }
    const row = await findUser(db, body.username);
    const ok = row && !row.disabled && (await verifyPassword(body.password, row.password_hash));
    if (!ok || !row) {
      await recordLoginFailure(db, body.username, address);
      throw new HttpError(401, '用户名或密码不正确');
    }
    await clearLoginFailures(db, body.username);
    const session = await createSession(db, row.id);
    setSessionCookie(reply, session.id, SESSION_HOURS * 3600);
    return { user: session.user, csrfToken: session.csrfToken };
  });

  app.post('/api/logout', async (request, reply) => {
    requireUser(request);
    await deleteSession(db, request.session!.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (request) => {
    const user = requireUser(request);
    return { user, csrfToken: request.session!.csrfToken };
  });
}
