// 汇总结果缓存: an aggregate (a page of the 汇总表, the 看板) computed once per data version and kept in this
// process while the version stays (migration 012's aggregate_version, raised in the same transaction as every
// change that matters), so that many readers of one table cost one computation. Reading the version is one
// row; a change anywhere — in this process or another — makes every kept answer stale at once.
import type { Queryable } from '../db/database.ts';

/** How many answers are kept (one per scope and query) while the version stays. */
const MAX_ENTRIES = 32;

interface Entry {
  value: Promise<unknown>;
  /** The answer as the response body, made once: a 看板 of 2,000 departments is a megabyte of JSON. */
  json?: Promise<string>;
}

export class AggregateCache {
  private version: string | null = null;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly enabled = process.env.JIXIAO_AGGREGATE_CACHE !== '0') {}

  private async entry(db: Queryable, key: string, compute: () => Promise<unknown>): Promise<Entry> {
    if (!this.enabled) return { value: compute() };
    const r = await db.query<{ version: string | number }>('select version from aggregate_version');
    const version = String(r.rows[0]?.version ?? '');
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const kept = this.entries.get(key);
    if (kept) return kept;
    const made: Entry = { value: compute() };
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, made);
    // A failure is not kept: the next reader tries again.
    made.value.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    return made;
  }

  /** The answer for `key` under the current version: kept, being computed (shared), or computed now. */
  async get<T>(db: Queryable, key: string, compute: () => Promise<T>): Promise<T> {
    return (await this.entry(db, key, compute)).value as Promise<T>;
  }

  /** The same answer as JSON text, serialized once per version. */
  async json<T>(db: Queryable, key: string, compute: () => Promise<T>): Promise<string> {
    const e = await this.entry(db, key, compute);
    e.json ??= e.value.then((v) => JSON.stringify(v));
    return e.json;
  }
}
