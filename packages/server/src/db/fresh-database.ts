// Test support: a fresh database per describe block, with vitest's hooks (kept apart from
// test-databases.ts, which the benchmarks import outside vitest).
import { afterAll, beforeAll } from 'vitest';
import type { Database } from './database.ts';
import type { TestDatabase } from './test-databases.ts';

/**
 * A fresh database for the tests of the enclosing describe block, dropped after them: call it at the top
 * of `describe.each(BACKENDS)` with the backend's `open`, and read `.db` inside the tests.
 */
export function freshDatabaseFor(open: () => Promise<TestDatabase>): { readonly db: Database } {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await open();
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });
  return {
    get db() {
      if (!t) throw new Error('测试数据库尚未打开');
      return t.db;
    },
  };
}
