import type { Queryable } from '../db/database.ts';
import { AlreadyExistsError } from '../store/errors.ts';
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
  /** The password was handed out by the admin (reset): it must be replaced before anything else. */
  mustChangePassword: boolean;
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
  must_change_password: boolean;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    departmentId: r.department_id,
    region: r.region,
    mustChangePassword: r.must_change_password ?? false,
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
  const hash = await hashPassword(input.password);
  try {
    const r = await db.query<UserRow>(
      `insert into users (username, display_name, role, department_id, region, password_hash)
       values ($1, $2, $3, $4, $5, $6) returning *`,
      [input.username, input.displayName, input.role, input.departmentId ?? null, input.region ?? '', hash],
    );
    return toUser(r.rows[0]!);
  } catch (error) {
    // unique_violation on users.username (two admins creating the same name at once included)
    if ((error as { code?: string }).code === '23505')
      throw new AlreadyExistsError(`用户名「${input.username}」已被使用，请换一个`);
    throw error;
  }
}

export async function findUser(db: Queryable, username: string): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>('select * from users where username = $1', [username]);
  return r.rows[0];
}

export async function findUserById(db: Queryable, id: number): Promise<UserRow | undefined> {
  const r = await db.query<UserRow>('select * from users where id = $1', [id]);
  return r.rows[0];
}

/** Sets a new password; `mustChange` when the admin handed it out (a reset), false when its owner chose it. */
export async function setPassword(
  db: Queryable,
  userId: number,
  password: string,
  mustChange: boolean,
): Promise<void> {
  await db.query(
    'update users set password_hash = $2, must_change_password = $3, password_changed_at = now() where id = $1',
    [userId, await hashPassword(password), mustChange],
  );
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
