import type { Queryable } from '../db/database.ts';
import { generatePassword, hashPassword } from './passwords.ts';

/** 管理员 / 财政审核人 / 填报人 */
export type Role = 'admin' | 'reviewer' | 'filler';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  region: string;
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  department_id: number | null;
  region: string;
  password_hash: string;
  disabled: boolean;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    departmentId: r.department_id,
    region: r.region,
  };
}

export async function createUser(
  db: Queryable,
  input: {
    username: string;
    displayName: string;
    role: Role;
    password: string;
    departmentId?: number | null;
    region?: string;
  },
): Promise<User> {
  if (input.role === 'filler' && !input.departmentId) throw new Error('填报人必须属于一个部门');
  const r = await db.query<UserRow>(
    `insert into users (username, display_name, role, department_id, region, password_hash)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [
      input.username,
      input.displayName,
      input.role,
      input.departmentId ?? null,
      input.region ?? '',
      await hashPassword(input.password),
    ],
  );
  return toUser(r.rows[0]!);
}

export async function findUser(db: Queryable, username: string): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>('select * from users where username = $1', [username]);
  return r.rows[0];
}

/** On first start there is no one to log in as: create the admin and hand its password out once. */
export async function ensureFirstAdmin(
  db: Queryable,
): Promise<{ username: string; password: string } | null> {
  const r = await db.query<{ n: number }>("select count(*)::int as n from users where role = 'admin'");
  if (r.rows[0]!.n > 0) return null;
  const password = process.env.JIXIAO_ADMIN_PASSWORD || generatePassword();
  await createUser(db, { username: 'admin', displayName: '系统管理员', role: 'admin', password });
  return { username: 'admin', password };
}
