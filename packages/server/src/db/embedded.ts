import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database.ts';
import { lockFolder, realFolder } from './folder-lock.ts';
import { DamagedDataError, describeFailure } from './integrity.ts';

function adapt(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async exec(sql: string): Promise<QueryResult<Record<string, unknown>>> {
      const results = await q.exec(sql);
      const last = results[results.length - 1];
      return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? 0 };
    },
    async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      const r = await q.query<Row>(sql, params);
      // PGlite reports affectedRows 0 for a SELECT; what a caller means by a count is the rows it got or changed.
      return { rows: r.rows, rowCount: Math.max(r.rows.length, r.affectedRows ?? 0) };
    },
  };
}

/** An embedded database and whether its folder held one before (then it is checked, see integrity.ts). */
export interface EmbeddedDatabase extends Database {
  readonly existed: boolean;
  /** The whole data folder as a gzipped tar (PGlite's dumpDataDir): a consistent copy, for backups. */
  dump(): Promise<Uint8Array>;
}

/**
 * PostgreSQL compiled to WebAssembly, running in this process with its files in `dataDir`: a department
 * starts jixiao with nothing installed. One process owns the folder at a time (folder-lock.ts); a folder
 * PGlite cannot open is reported as damaged, naming it.
 */
export async function openEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const existed = existsSync(join(dir, 'PG_VERSION'));
  const release = lockFolder(dir);
  let db: PGlite;
  try {
    // PGlite's file system cannot open a folder through a symbolic link: it gets the real path.
    db = await PGlite.create(realFolder(dir));
    await db.query('select 1');
  } catch (error) {
    release();
    throw new DamagedDataError(dir, describeFailure(error));
  }
  const base = adapt(db);
  return {
    kind: 'embedded',
    location: dir,
    existed,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(adapt(tx))),
    exclusively: (fn) => fn(),
    async dump() {
      return new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
    },
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
