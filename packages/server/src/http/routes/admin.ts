import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.ts';
import { createUser, type Role } from '../../auth/users.ts';
import { ensureDepartment } from '../../store/evaluations.ts';
import { badRequest } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';

const ROLES: Role[] = ['admin', 'reviewer', 'filler'];

/** 管理员: accounts and departments. */
export function adminRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/users', async (request) => {
    requireUser(request, 'admin');
    const r = await db.query(
      'select id, username, display_name as "displayName", role, department_id as "departmentId", region, disabled from users order by id',
    );
    return r.rows;
  });

  app.post('/api/users', async (request) => {
    requireUser(request, 'admin');
    const b = (request.body ?? {}) as Record<string, unknown>;
    if (typeof b.username !== 'string' || !/^[\w.@-]{2,40}$/.test(b.username))
      throw badRequest('用户名应为 2–40 个字母、数字或 ._@-');
    if (typeof b.password !== 'string' || b.password.length < 10) throw badRequest('密码至少 10 个字符');
    if (!ROLES.includes(b.role as Role)) throw badRequest('角色应为 admin、reviewer 或 filler');
    return createUser(db, {
      username: b.username,
      displayName: typeof b.displayName === 'string' && b.displayName ? b.displayName : b.username,
      role: b.role as Role,
      password: b.password,
      departmentId: typeof b.departmentId === 'number' ? b.departmentId : null,
      region: typeof b.region === 'string' ? b.region : '',
    });
  });

  app.get('/api/departments', async (request) => {
    requireUser(request, 'admin', 'reviewer');
    return (await db.query('select id, name, region from departments order by name')).rows;
  });

  app.post('/api/departments', async (request) => {
    requireUser(request, 'admin');
    const b = (request.body ?? {}) as Record<string, unknown>;
    if (typeof b.name !== 'string' || !b.name.trim()) throw badRequest('请填写部门名称');
    const id = await ensureDepartment(db, b.name.trim(), typeof b.region === 'string' ? b.region : '');
    return { id, name: b.name.trim() };
  });
}
