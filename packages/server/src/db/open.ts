import type { Database } from './database.ts';
import { openEmbedded } from './embedded.ts';
import { checkEmbeddedIntegrity, DamagedDataError, describeFailure } from './integrity.ts';
import { migrate } from './migrate.ts';
import { openServer } from './server.ts';

export interface OpenOptions {
  /** A PostgreSQL server; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database (JIXIAO_DATA_DIR, default ./data). */
  dataDir?: string;
  schema?: string;
}

/**
 * Opens the database the environment names and brings its schema up to date. An embedded folder that
 * held a database before is checked first (integrity.ts): damage stops the start with a message naming
 * the folder, instead of running on — or re-importing the samples into — a half-read database.
 */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    const db = await openServer(url, opts.schema ? { schema: opts.schema } : {});
    try {
      // Several processes starting together on a new database: one migrates, the others find it done.
      await db.exclusively(() => migrate(db));
    } catch (error) {
      await db.close();
      throw error;
    }
    return db;
  }
  const db = await openEmbedded(opts.dataDir ?? process.env.JIXIAO_DATA_DIR ?? './data');
  try {
    if (db.existed) await checkEmbeddedIntegrity(db, db.location);
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    if (error instanceof DamagedDataError || !db.existed) throw error;
    throw new DamagedDataError(db.location, describeFailure(error));
  }
  return db;
}
