import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { toUser, type User, type UserRow } from './users.ts';

export const SESSION_HOURS = 12;

export interface Session {
  id: string;
  csrfToken: string;
  user: User;
}

export async function createSession(db: Queryable, userId: number): Promise<Session> {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db.query(
    `insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + make_interval(hours => $4))`,
    [id, userId, csrf, SESSION_HOURS],
  );
  const r = await db.query<UserRow>('select * from users where id = $1', [userId]);
  return { id, csrfToken: csrf, user: toUser(r.rows[0]!) };
}

export async function findSession(db: Queryable, id: string): Promise<Session | null> {
  const r = await db.query<UserRow & { csrf_token: string; session_id: string }>(
    `select u.*, s.csrf_token, s.id as session_id from sessions s join users u on u.id = s.user_id
      where s.id = $1 and s.expires_at > now() and not u.disabled`,
    [id],
  );
  const row = r.rows[0];
  return row ? { id: row.session_id, csrfToken: row.csrf_token, user: toUser(row) } : null;
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('delete from sessions where id = $1', [id]);
}

/** Ends every session of a user but `keep` (the one that changed the password): the other devices sign in again. */
export async function revokeSessions(db: Queryable, userId: number, keep?: string): Promise<number> {
  const r = await db.query('delete from sessions where user_id = $1 and id <> $2', [userId, keep ?? '']);
  return r.rowCount;
}
