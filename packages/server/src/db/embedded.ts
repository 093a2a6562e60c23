import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database.ts';

function adapt(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      const r = await q.query<Row>(sql, params);
      // PGlite reports affectedRows 0 for a SELECT; what a caller means by a count is the rows it got or changed.
      return { rows: r.rows, rowCount: Math.max(r.rows.length, r.affectedRows ?? 0) };
    },
  };
}

/**
 * PostgreSQL compiled to WebAssembly, running in this process with its files in `dataDir`: a department
 * starts jixiao with nothing installed. One process owns the folder at a time.
 */
export async function openEmbedded(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const base = adapt(db);
  return {
    kind: 'embedded',
    location: dir,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(adapt(tx))),
    close: () => db.close(),
  };
}
