import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { generatePassword } from '../../auth/passwords.ts';
import { passwordProblem } from '../../auth/password-policy.ts';
import { revokeSessions } from '../../auth/sessions.ts';
import { createUser, findUserById, setPassword, type Role } from '../../auth/users.ts';
import { AUDIT_KINDS, listAudit, recordAudit, type AuditKind } from '../../store/audit.ts';
import { ensureDepartment } from '../../store/evaluations.ts';
import { badRequest, HttpError } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { id, idParam, parse, text } from '../validate.ts';

const ROLES = ['admin', 'reviewer', 'filler'] as const;
const ROLE_NAMES: Record<Role, string> = { admin: '管理员', reviewer: '财政审核人', filler: '填报人' };
const role = z.enum(ROLES, { error: '角色应为 admin、reviewer 或 filler' });

const newUser = z.object({
  username: z
    .string({ error: '请填写用户名' })
    .max(40, { error: '用户名最多 40 个字符' })
    .regex(/^[\w.@-]{2,40}$/, { error: '用户名应为 2–40 个字母、数字或 ._@-' }),
  password: z.string({ error: '请填写密码' }).max(1000, { error: '密码最多 128 个字符' }),
  role,
  displayName: text('姓名', { max: 50, optional: true }),
  departmentId: id('部门').nullable().optional(),
  region: text('地区', { max: 50, optional: true }),
});

const userChange = z.object({
  role: role.optional(),
  displayName: text('姓名', { min: 1, max: 50, optional: true }),
  departmentId: id('部门').nullable().optional(),
  region: text('地区', { max: 50, optional: true }),
  disabled: z.boolean({ error: '停用（disabled）应为 true 或 false' }).optional(),
});

const department = z.object({
  name: text('部门名称', { min: 1, max: 100 }),
  region: text('地区', { max: 50, optional: true }),
});

const USER_COLUMNS =
  'id, username, display_name as "displayName", role, department_id as "departmentId", region, disabled, must_change_password as "mustChangePassword"';

/** 管理员: accounts (create, change, disable, reset the password), departments, and the audit log. */
export function adminRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/users', async (request) => {
    requireUser(request, 'admin');
    return (await db.query(`select ${USER_COLUMNS} from users order by id`)).rows;
  });

  app.post('/api/users', async (request) => {
    const admin = requireUser(request, 'admin');
    const b = parse(newUser, request.body);
    const problem = passwordProblem(b.password, b.username);
    if (problem) throw badRequest(problem);
    if (b.role === 'filler' && !b.departmentId) throw badRequest('填报人必须属于一个部门（departmentId）');
    const user = await createUser(db, {
      username: b.username,
      displayName: b.displayName || b.username,
      role: b.role,
      password: b.password,
      departmentId: b.departmentId ?? null,
      region: b.region ?? '',
    });
    await recordAudit(db, {
      kind: 'user-create',
      actor: admin,
      address: request.ip,
      subject: user.username,
      detail: ROLE_NAMES[user.role],
    });
    return user;
  });

  /** 变更账号: role, name, department, region, 停用/启用. Disabling ends the user's sessions at once. */
  app.put('/api/users/:id', async (request) => {
    const admin = requireUser(request, 'admin');
    const userId = idParam(request.params, '用户编号');
    const b = parse(userChange, request.body);
    const row = await findUserById(db, userId);
    if (!row) throw new HttpError(404, `没有编号为 ${userId} 的用户`);
    if (userId === admin.id && (b.disabled === true || (b.role && b.role !== 'admin')))
      throw new HttpError(409, '不能停用自己的账号或取消自己的管理员角色（请由另一位管理员操作）');
    const next = {
      role: b.role ?? row.role,
      displayName: b.displayName ?? row.display_name,
      departmentId: b.departmentId === undefined ? row.department_id : b.departmentId,
      region: b.region ?? row.region,
      disabled: b.disabled ?? row.disabled,
    };
    if (next.role === 'filler' && !next.departmentId)
      throw badRequest('填报人必须属于一个部门（departmentId）');
    await db.transaction(async (tx) => {
      await tx.query(
        'update users set role = $2, display_name = $3, department_id = $4, region = $5, disabled = $6 where id = $1',
        [userId, next.role, next.displayName, next.departmentId, next.region, next.disabled],
      );
      const audit = (kind: AuditKind, detail = '') =>
        recordAudit(tx, { kind, actor: admin, address: request.ip, subject: row.username, detail });
      if (next.role !== row.role)
        await audit('role-change', `${ROLE_NAMES[row.role]} → ${ROLE_NAMES[next.role]}`);
      if (next.disabled !== row.disabled) await audit(next.disabled ? 'user-disable' : 'user-enable');
      // A disabled account, or one whose role changed, signs in again: no session keeps old powers.
      if (next.disabled || next.role !== row.role || next.departmentId !== row.department_id)
        await revokeSessions(tx, userId);
    });
    return (await db.query(`select ${USER_COLUMNS} from users where id = $1`, [userId])).rows[0];
  });

  /**
   * 重置密码: a one-time password, shown to the admin once, that only lets its holder set a new one; the
   * user's sessions end.
   */
  app.post('/api/users/:id/reset-password', async (request) => {
    const admin = requireUser(request, 'admin');
    const userId = idParam(request.params, '用户编号');
    const row = await findUserById(db, userId);
    if (!row) throw new HttpError(404, `没有编号为 ${userId} 的用户`);
    const password = generatePassword();
    await db.transaction(async (tx) => {
      await setPassword(tx, userId, password, true);
      await revokeSessions(tx, userId);
      await recordAudit(tx, {
        kind: 'password-reset',
        actor: admin,
        address: request.ip,
        subject: row.username,
      });
    });
    return { username: row.username, password, mustChangePassword: true };
  });

  /** 审计日志, newest first: ?limit (≤ 500), ?before (an entry id, for the next page), ?kind. */
  app.get('/api/audit', async (request) => {
    requireUser(request, 'admin');
    const q = parse(
      z.object({
        limit: z.coerce
          .number({ error: '条数（limit）应为 1–500 的整数' })
          .int()
          .min(1)
          .max(500)
          .default(100),
        before: z.coerce.number({ error: '起点（before）应为正整数' }).int().min(1).optional(),
        kind: z
          .enum(Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]], {
            error: `事件种类（kind）应为 ${Object.keys(AUDIT_KINDS).join('、')} 之一`,
          })
          .optional(),
      }),
      request.query,
    );
    return listAudit(db, q);
  });

  app.get('/api/departments', async (request) => {
    requireUser(request, 'admin', 'reviewer');
    return (await db.query('select id, name, region from departments order by name')).rows;
  });

  app.post('/api/departments', async (request) => {
    requireUser(request, 'admin');
    const b = parse(department, request.body);
    const departmentId = await ensureDepartment(db, b.name, b.region ?? '');
    return { id: departmentId, name: b.name };
  });
}
