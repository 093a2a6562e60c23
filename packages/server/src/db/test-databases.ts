// Test support: the two databases every server test runs against — the embedded one in a fresh folder,
// and the PostgreSQL server (DATABASE_URL, default 127.0.0.1:5432/test as on CI) in a fresh schema.
// Free of vitest, so the benchmarks open their databases with it too (fresh-database.ts has the hooks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from './database.ts';
import { openDatabase } from './open.ts';

export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  db: Database;
  drop(): Promise<void>;
}

export async function embeddedForTest(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-db-'));
  const db = await openDatabase({ dataDir: dir, databaseUrl: '' });
  return {
    db,
    async drop() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function serverForTest(): Promise<TestDatabase> {
  const schema = `jixiao_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `无法连接 PostgreSQL 服务器 ${SERVER_URL}（${(error as Error).message}）。服务器测试需要它：启动 PostgreSQL 或设置 DATABASE_URL。`,
    );
  }
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: SERVER_URL, schema });
  return {
    db,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      // The recomputation jobs' queue lives beside it (jobs/recompute.ts).
      await c.query(`drop schema if exists ${schema}_jobs cascade`);
      await c.end();
    },
  };
}

export const BACKENDS: Array<[string, () => Promise<TestDatabase>]> = [
  ['embedded', embeddedForTest],
  ['server', serverForTest],
];
