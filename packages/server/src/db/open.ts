import type { Database } from './database.ts';
import { openEmbedded } from './embedded.ts';
import { migrate } from './migrate.ts';
import { openServer } from './server.ts';

export interface OpenOptions {
  /** A PostgreSQL server; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database (JIXIAO_DATA_DIR, default ./data). */
  dataDir?: string;
  schema?: string;
}

/** Opens the database the environment names and brings its schema up to date. */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  const db = url
    ? await openServer(url, opts.schema ? { schema: opts.schema } : {})
    : await openEmbedded(opts.dataDir ?? process.env.JIXIAO_DATA_DIR ?? './data');
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
