// 汇总结果缓存: an aggregate (a page of the 汇总表, the 看板) computed once per data version and kept in this
// process while the version stays (migration 012's aggregate_version, raised in the same transaction as every
// change that matters), so that many readers of one table cost one computation. Reading the version is one
// row; a change anywhere — in this process or another — makes every kept answer stale at once.
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Queryable } from '../db/database.ts';

const gzip = promisify(gzipCallback);

/** How many answers are kept (one per scope and query) while the version stays. */
const MAX_ENTRIES = 32;

interface Entry {
  value: Promise<unknown>;
  /** The answer as the response body, made once: a 看板 of 2,000 departments is a megabyte of JSON. */
  json?: Promise<string>;
  /** The same body gzipped, also once: what a browser (which always accepts gzip) is sent. */
  gzipped?: Promise<Buffer>;
}

/** A response body: JSON text, or the same gzipped. */
export type Body = { json: string } | { gzipped: Buffer };

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

  /** The same answer as a response body, serialized (and gzipped when the client takes it) once per version. */
  async body<T>(db: Queryable, key: string, compute: () => Promise<T>, acceptsGzip: boolean): Promise<Body> {
    const e = await this.entry(db, key, compute);
    e.json ??= e.value.then((v) => JSON.stringify(v));
    if (!acceptsGzip) return { json: await e.json };
    e.gzipped ??= e.json.then((text) => gzip(text, { level: 6 }));
    return { gzipped: await e.gzipped };
  }
}
