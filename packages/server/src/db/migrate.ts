import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Any constant: several app processes starting together against one server take turns. */
const LOCK_KEY = 7_154_302;

export interface Migration {
  id: string;
  sql: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (f) => ({ id: f.replace(/\.sql$/, ''), sql: await readFile(join(dir, f), 'utf8') })),
  );
}

/**
 * Applies the migrations not yet applied, each in its own transaction, in file-name order. The same files
 * serve the embedded database and a server. Returns the ids it applied.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.exec(
    'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
  );
  const applied: string[] = [];
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'server') await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const seen = await tx.query('select 1 from schema_migrations where id = $1', [m.id]);
      if (seen.rowCount > 0) return false;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [m.id]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}
