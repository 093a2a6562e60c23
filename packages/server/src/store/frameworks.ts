import { FrameworkRegistry, parseFramework, type Framework } from '@jixiao/core';
import type { Queryable } from '../db/database.ts';
import { AlreadyExistsError } from './errors.ts';

/** 评分框架版本 as listed to users: which versions exist and which one new work is scored with. */
export interface FrameworkEntry {
  id: string;
  version: string;
  name: string;
  kind: string;
  /** 内置 (shipped or from the frameworks folder) or 上传 (by an admin). */
  origin: 'builtin' | 'admin';
  createdByName: string;
  createdAt: string;
  /** The latest version of its id: the one new and draft evaluations are scored with. */
  current: boolean;
}

interface Row {
  seq: number;
  id: string;
  version: string;
  name: string;
  kind: string;
  definition: unknown;
  origin: 'builtin' | 'admin';
  created_by_name: string;
  created_at: Date | string;
}

/** JSON with keys sorted, so a stored jsonb definition and a file compare equal when they say the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

function definitionOf(r: Row): unknown {
  return typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition;
}

function parseStored(r: Row): Framework {
  return parseFramework(definitionOf(r), `数据库中的评分框架 ${r.id} ${r.version} 版`);
}

async function insert(db: Queryable, f: Framework, origin: 'builtin' | 'admin', by: string) {
  return db.query<Row>(
    `insert into frameworks (id, version, name, kind, definition, origin, created_by_name)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (id, version) do nothing returning *`,
    [f.id, f.version, f.name, f.kind, JSON.stringify(f), origin, by],
  );
}

/**
 * Stores the versions in `files` (the shipped files and the frameworks folder) that the database does not
 * have yet, then returns a registry of every stored version in order of arrival. A stored version wins
 * over a file with the same id and version but different rules: scores already submitted under it must
 * not move. Each such file is named in `warnings` — change a framework by giving it a new version.
 */
export async function syncFrameworks(
  db: Queryable,
  files: FrameworkRegistry,
): Promise<{ registry: FrameworkRegistry; warnings: string[]; stored: StoredFrameworks }> {
  const warnings: string[] = [];
  for (const current of files.list()) {
    for (const f of files.versions(current.id)) {
      const added = await insert(db, f, 'builtin', '');
      if (added.rowCount) continue;
      const stored = await db.query<Row>('select * from frameworks where id = $1 and version = $2', [
        f.id,
        f.version,
      ]);
      if (stored.rows[0] && canonical(parseStored(stored.rows[0])) !== canonical(f)) {
        warnings.push(
          `评分框架 ${f.id} 的 ${f.version} 版与数据库中保存的同版本定义不同，沿用数据库中的定义（已按它提交的自评不受影响）；修改框架请使用新的版本号`,
        );
      }
    }
  }
  const registry = new FrameworkRegistry();
  const stamp = await stampOf(db);
  const rows = await db.query<Row>('select * from frameworks order by seq');
  for (const r of rows.rows) registry.add(parseStored(r));
  return { registry, warnings, stored: new StoredFrameworks(db, registry, stamp) };
}

/** How many versions are stored and the last one's number: changes whenever any process stores one. */
async function stampOf(db: Queryable): Promise<string> {
  const r = await db.query<{ n: number; last: number | null }>(
    'select count(*)::int as n, max(seq) as last from frameworks',
  );
  return `${r.rows[0]!.n}:${r.rows[0]!.last ?? 0}`;
}

/**
 * The registry kept up to date with versions other app processes store (several processes on one
 * server): `refresh` compares the stamp of the table (one aggregate over a few dozen rows) and, when it
 * moved, adds the versions this registry lacks in their order of arrival — so the last stored is the
 * current one here too. Checks already running are shared; a caller arriving meanwhile gets one more
 * after it, which sees everything committed before the caller asked.
 */
export class StoredFrameworks {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(
    private readonly db: Queryable,
    private readonly registry: FrameworkRegistry,
    private stamp: string,
  ) {}

  refresh(): Promise<void> {
    if (!this.running) {
      this.running = this.check().finally(() => (this.running = undefined));
      return this.running;
    }
    this.next ??= this.running.then(() => {
      this.next = undefined;
      return this.refresh();
    });
    return this.next;
  }

  private async check(): Promise<void> {
    const stamp = await stampOf(this.db);
    if (stamp === this.stamp) return;
    const rows = await this.db.query<Row>('select * from frameworks order by seq');
    for (const r of rows.rows) if (!this.registry.get(r.id, r.version)) this.registry.add(parseStored(r));
    this.stamp = stamp;
  }
}

/**
 * An admin's new framework version: checked like a file (a FrameworkError names the JSON path), stored,
 * and from then on the current version of its id. An existing id and version is refused, never replaced.
 */
export async function addFramework(
  db: Queryable,
  registry: FrameworkRegistry,
  json: unknown,
  by: string,
): Promise<FrameworkEntry> {
  const f = parseFramework(json, '上传的评分框架');
  const r = await insert(db, f, 'admin', by);
  if (!r.rowCount) {
    throw new AlreadyExistsError(
      `评分框架 ${f.id} 已有 ${f.version} 版；已保存的版本不能修改（按它提交的自评须保持原样），请改用新的版本号`,
    );
  }
  registry.add(f);
  return toEntry(r.rows[0]!, true);
}

/**
 * One exact version: from the registry, else from the database (another app process may have stored it
 * since this one started; it is then the newest, so adding it keeps "last added is current" true).
 */
export async function frameworkVersion(
  db: Queryable,
  registry: FrameworkRegistry,
  id: string,
  version: string,
): Promise<Framework | undefined> {
  const known = registry.get(id, version);
  if (known) return known;
  const r = await db.query<Row>('select * from frameworks where id = $1 and version = $2', [id, version]);
  if (!r.rows[0]) return undefined;
  const f = parseStored(r.rows[0]);
  registry.add(f);
  return f;
}

function toEntry(r: Row, current: boolean): FrameworkEntry {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    kind: r.kind,
    origin: r.origin,
    createdByName: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    current,
  };
}

/** Every stored version, grouped by id, oldest first. */
export async function listFrameworks(db: Queryable): Promise<FrameworkEntry[]> {
  const r = await db.query<Row & { latest: number }>(
    `select f.*, max(f.seq) over (partition by f.id) as latest from frameworks f order by f.id, f.seq`,
  );
  return r.rows.map((x) => toEntry(x, x.seq === x.latest));
}

/** One stored version's definition as stored (the JSON an admin can download, edit and upload anew). */
export async function frameworkDefinition(
  db: Queryable,
  id: string,
  version: string,
): Promise<unknown | undefined> {
  const r = await db.query<Row>('select * from frameworks where id = $1 and version = $2', [id, version]);
  return r.rows[0] ? definitionOf(r.rows[0]) : undefined;
}
