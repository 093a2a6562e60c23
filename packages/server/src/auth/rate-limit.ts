import type { Queryable } from '../db/database.ts';

/** Five wrong passwords for one account, or twenty from one address, in fifteen minutes: wait. */
export const WINDOW_MINUTES = 15;
export const MAX_PER_USER = 5;
export const MAX_PER_ADDRESS = 20;

export async function loginBlocked(db: Queryable, username: string, address: string): Promise<boolean> {
  const r = await db.query<{ by_user: number; by_address: number }>(
    `select count(*) filter (where username = $1)::int as by_user,
            count(*) filter (where address = $2)::int as by_address
       from login_failures where at > now() - make_interval(mins => $3)`,
    [username, address, WINDOW_MINUTES],
  );
  const row = r.rows[0]!;
  return row.by_user >= MAX_PER_USER || row.by_address >= MAX_PER_ADDRESS;
}

export async function recordLoginFailure(db: Queryable, username: string, address: string): Promise<void> {
  await db.query('insert into login_failures (username, address) values ($1, $2)', [username, address]);
}

export async function clearLoginFailures(db: Queryable, username: string): Promise<void> {
  await db.query('delete from login_failures where username = $1', [username]);
}
