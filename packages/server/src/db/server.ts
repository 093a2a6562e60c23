import pg from 'pg';
import type { Database, Queryable, QueryResult } from './database.ts';

/** The start-up's advisory lock: any constant but the others' (migrate.ts 7_154_302, jobs/recompute.ts 7_154_303). */
const STARTUP_LOCK = 7_154_310;

// NUMERIC comes back as text by default, which is what money needs; BIGINT counts are small here.
pg.types.setTypeParser(20, (v) => Number(v));

function adapt(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async exec(sql: string): Promise<QueryResult<Record<string, unknown>>> {
      // No parameters: the simple protocol runs several statements, and answers one result for each.
      const r = (await q.query(sql)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
    },
    async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
      const r = await q.query(sql, params);
      return { rows: r.rows as Row[], rowCount: r.rowCount ?? r.rows.length };
    },
  };
}

/** A PostgreSQL server (DATABASE_URL): what a province runs behind several stateless app processes. */
export async function openServer(url: string, opts: { schema?: string } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A test or a tenant may live in its own schema; every connection then looks there first.
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  await pool.query('select 1');
  const where = new URL(url);
  return {
    kind: 'server',
    location: `${where.hostname}:${where.port || 5432}${where.pathname}${opts.schema ? ` (schema ${opts.schema})` : ''}`,
    query: adapt(pool).query,
    exec: adapt(pool).exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn(adapt(client));
        await client.query('commit');
        return out;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exclusively(fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
