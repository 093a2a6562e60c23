import type { Queryable } from '../db/database.ts';

/**
 * 登录限速, per account and address pair: an attacker guessing one account's password from one address
 * waits longer after each miss, while its owner signing in from anywhere else is not held up — so the
 * throttle cannot be used to lock anyone out. The first FREE_FAILURES misses cost nothing; each one after
 * doubles the wait, from BASE_DELAY_SECONDS up to MAX_DELAY_SECONDS. One address guessing across many
 * accounts is slowed as a whole after MAX_PER_ADDRESS misses in ADDRESS_WINDOW_MINUTES.
 */
export const FREE_FAILURES = 4;
export const BASE_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 15 * 60;
/** How far back a pair's misses count: long enough that the longest wait is reached and kept. */
export const PAIR_WINDOW_MINUTES = 60;
export const MAX_PER_ADDRESS = 50;
export const ADDRESS_WINDOW_MINUTES = 15;

/** The wait imposed after `failures` misses of one pair, in seconds (0: none). */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES - 1));
}

/** Seconds until this account may be tried again from this address; 0 when it may be now. */
export async function loginWait(db: Queryable, username: string, address: string): Promise<number> {
  const r = await db.query<{
    pair: number;
    pair_age: number | null;
    by_address: number;
    address_age: number | null;
  }>(
    `select count(*) filter (where username = $1 and at > now() - make_interval(mins => $3))::int as pair,
            extract(epoch from now() - max(at) filter (where username = $1))::float8 as pair_age,
            count(*) filter (where at > now() - make_interval(mins => $4))::int as by_address,
            extract(epoch from now() - min(at) filter (where at > now() - make_interval(mins => $4)))::float8 as address_age
       from login_failures
      where address = $2 and at > now() - make_interval(mins => greatest($3, $4))`,
    [username, address, PAIR_WINDOW_MINUTES, ADDRESS_WINDOW_MINUTES],
  );
  const row = r.rows[0]!;
  const pairWait = row.pair_age === null ? 0 : delayAfter(row.pair) - row.pair_age;
  const addressWait =
    row.by_address >= MAX_PER_ADDRESS && row.address_age !== null
      ? ADDRESS_WINDOW_MINUTES * 60 - row.address_age
      : 0;
  return Math.max(0, Math.ceil(Math.max(pairWait, addressWait)));
}

export async function recordLoginFailure(db: Queryable, username: string, address: string): Promise<void> {
  await db.query('insert into login_failures (username, address) values ($1, $2)', [username, address]);
}

/** A success from an address clears that pair only: misses from elsewhere keep counting there. */
export async function clearLoginFailures(db: Queryable, username: string, address: string): Promise<void> {
  await db.query('delete from login_failures where username = $1 and address = $2', [username, address]);
}

/** "30 秒", "2 分钟" — a wait as a person reads it. */
export function waitInWords(seconds: number): string {
  return seconds < 90 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}
