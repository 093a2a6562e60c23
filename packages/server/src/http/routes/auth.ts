import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { MAX_PASSWORD_LENGTH, passwordProblem } from '../../auth/password-policy.ts';
import { clearLoginFailures, loginWait, recordLoginFailure, waitInWords } from '../../auth/rate-limit.ts';
import { createSession, deleteSession, revokeSessions, SESSION_HOURS } from '../../auth/sessions.ts';
import { findUser, findUserById, setPassword } from '../../auth/users.ts';
import { recordAudit } from '../../store/audit.ts';
import { badRequest, HttpError } from '../errors.ts';
import { requireUser, SESSION_COOKIE, setSessionCookie } from '../session-plugin.ts';
import { parse, text } from '../validate.ts';

const password = (label: string) =>
  z
    .string({ error: `请输入${label}` })
    .min(1, { error: `请输入${label}` })
    .max(MAX_PASSWORD_LENGTH, { error: `${label}最多 ${MAX_PASSWORD_LENGTH} 个字符` });

const loginBody = z.object({
  username: text('用户名', { min: 1, max: 100 }),
  password: password('密码'),
});

const changeBody = z.object({
  currentPassword: password('当前密码'),
  newPassword: password('新密码'),
});

/** Refuses the attempt while this account is being guessed from this address (see rate-limit.ts). */
async function throttle(
  db: Database,
  request: FastifyRequest,
  username: string,
  reply: { header(k: string, v: string): unknown },
) {
  const wait = await loginWait(db, username, request.ip);
  if (wait > 0) {
    reply.header('retry-after', String(wait));
    throw new HttpError(
      429,
      `这个账号在此地址的登录失败次数过多，请 ${waitInWords(wait)}后再试（其他地址的登录不受影响）`,
    );
  }
}

export function authRoutes(app: FastifyInstance, db: Database): void {
  // An unknown user name is checked against this, so the answer takes as long as for a known one and the
  // time it takes does not tell whether the name exists.
  const dummyHash = hashPassword(randomBytes(16).toString('base64url'));

  app.post('/api/login', async (request, reply) => {
    const body = parse(loginBody, request.body);
    const address = request.ip;
    await throttle(db, request, body.username, reply);
    const row = await findUser(db, body.username);
    const ok = await verifyPassword(body.password, row?.password_hash ?? (await dummyHash));
    if (!row || !ok) {
      await recordLoginFailure(db, body.username, address);
      await recordAudit(db, { kind: 'login-failed', actor: null, address, subject: body.username });
      throw new HttpError(401, '用户名或密码不正确');
    }
    // Said only to whoever knows the password: a stranger learns nothing about the account.
    if (row.disabled) throw new HttpError(403, '该账号已停用，不能登录；如有疑问请联系管理员');
    await clearLoginFailures(db, body.username, address);
    const session = await createSession(db, row.id);
    await recordAudit(db, { kind: 'login', actor: session.user, address, subject: row.username });
    setSessionCookie(request, reply, session.id, SESSION_HOURS * 3600);
    return { user: session.user, csrfToken: session.csrfToken };
  });

  app.post('/api/logout', async (request, reply) => {
    const user = requireUser(request);
    await deleteSession(db, request.session!.id);
    await recordAudit(db, { kind: 'logout', actor: user, address: request.ip, subject: user.username });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', async (request) => {
    const user = requireUser(request);
    return { user, csrfToken: request.session!.csrfToken };
  });

  /**
   * 修改密码: the current password again (a session left open on a shared computer is not enough), a new
   * one that passes the policy; every other session of the user ends.
   */
  app.post('/api/me/password', async (request, reply) => {
    const user = requireUser(request);
    const body = parse(changeBody, request.body);
    await throttle(db, request, user.username, reply);
    const row = (await findUserById(db, user.id))!;
    if (!(await verifyPassword(body.currentPassword, row.password_hash))) {
      await recordLoginFailure(db, user.username, request.ip);
      throw new HttpError(403, '当前密码不正确，密码未修改');
    }
    const problem = passwordProblem(body.newPassword, user.username);
    if (problem) throw badRequest(`${problem}；密码未修改`);
    if (body.newPassword === body.currentPassword) throw badRequest('新密码不能与当前密码相同；密码未修改');
    await setPassword(db, user.id, body.newPassword, false);
    const ended = await revokeSessions(db, user.id, request.session!.id);
    await recordAudit(db, {
      kind: 'password-change',
      actor: user,
      address: request.ip,
      subject: user.username,
      detail: ended ? `其他 ${ended} 个登录已退出` : '',
    });
    return { ok: true, endedSessions: ended, user: { ...user, mustChangePassword: false } };
  });
}
