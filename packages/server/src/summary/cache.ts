// 汇总结果缓存: an aggregate (a page of the 汇总表, the 看板) computed once per data version and kept in this
// process while the version stays (migration 012's aggregate_version, raised in the same transaction as every
// change that matters), so that many readers of one table cost one computation. Reading the version is one
// row; a change anywhere — in this process or another — makes every kept answer stale at once.
import type { Queryable } from '../db/database.ts';

/** How many answers are kept (one per scope and query) while the version stays. */
const MAX_ENTRIES = 32;

export class AggregateCache {
  private version: string | null = null;
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly enabled = process.env.JIXIAO_AGGREGATE_CACHE !== '0') {}

  /** The answer for `key` under the current version: kept, being computed (shared), or computed now. */
  async get<T>(db: Queryable, key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    const r = await db.query<{ version: string | number }>('select version from aggregate_version');
    const version = String(r.rows[0]?.version ?? '');
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const kept = this.entries.get(key);
    if (kept) return kept as Promise<T>;
    const made = compute();
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, made);
    // A failure is not kept: the next reader tries again.
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    return made;
  }
}
