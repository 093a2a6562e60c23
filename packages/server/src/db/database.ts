/**
 * The one persistence contract: PostgreSQL, embedded (PGlite, in process, files in a folder) or a
 * server (DATABASE_URL). Both speak the same SQL, so the same migrations and queries serve both.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
  /**
   * Runs a script of several statements without parameters (migrations, the job queue's own scripts);
   * answers with the rows of its last statement.
   */
  exec(sql: string): Promise<QueryResult<Record<string, unknown>>>;
}

export interface Database extends Queryable {
  /** 'embedded' (PGlite in this process) or 'server' (a PostgreSQL server). */
  readonly kind: 'embedded' | 'server';
  /** Where the data lives, for the start-up message: a folder or the server's host/database. */
  readonly location: string;
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn while no other app process on this database runs its own `exclusively` (the start-up: the
   * samples and the first admin of an empty database are made once when several processes start
   * together). A server holds a PostgreSQL advisory lock on one connection meanwhile; the embedded
   * database has one process only (its folder lock), so fn just runs.
   */
  exclusively<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
