import type { Database } from './database.ts';

/** An embedded data folder that cannot be trusted: named, with what to do. */
export class DamagedDataError extends Error {
  constructor(
    readonly folder: string,
    readonly detail: string,
  ) {
    super(
      `内嵌数据库文件夹 ${folder} 已损坏（${detail}）。jixiao 没有启动，以免在损坏的数据上继续写入。请：1. 停止所有使用该文件夹的 jixiao 进程；2. 把该文件夹改名保留，不要删除（供技术人员检查）；3. 用「jixiao restore 备份文件」恢复到原位置后再启动。没有备份时请联系技术支持。`,
    );
    this.name = 'DamagedDataError';
  }
}

/** PGlite's WebAssembly dies with these when the files under it are not what it wrote. */
export function describeFailure(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  if (/unreachable|Aborted\(|RuntimeError|memory access out of bounds/i.test(message))
    return '数据库引擎读取文件时崩溃';
  if (/could not (read|open|stat) (block|file)|invalid page|unexpected zero page|checksum/i.test(message))
    return `数据文件缺失或不完整：${message}`;
  return message;
}

/**
 * What must hold in a folder that was opened before (PGlite writes no data checksums): the migration
 * table is there and lists migrations; every table can be read whole, through its heap and through its
 * primary-key index (an emptied or truncated file fails one of the two); a table whose id sequence has
 * been used is not empty (the application never deletes departments, users or evaluations — an emptied
 * file would otherwise read as a new installation and the samples be imported again).
 */
export async function checkEmbeddedIntegrity(db: Database, folder: string): Promise<void> {
  try {
    const migrations = await db.query<{ present: string | null }>(
      "select to_regclass('schema_migrations')::text as present",
    );
    if (!migrations.rows[0]?.present) throw new DamagedDataError(folder, '缺少迁移记录表 schema_migrations');
    const applied = await db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
    if (!applied.rows[0]!.n) throw new DamagedDataError(folder, '迁移记录表 schema_migrations 为空');
    const tables = await db.query<{ name: string; has_id: boolean }>(
      `select c.relname as name,
              exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'id' and not a.attisdropped) as has_id
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r' order by c.relname`,
    );
    for (const t of tables.rows) {
      const name = `"${t.name.replace(/"/g, '""')}"`;
      const heap = await db.query<{ n: number }>(`select count(*)::int as n from ${name}`);
      if (!t.has_id) continue;
      const viaIndex = await db.transaction(async (tx) => {
        await tx.query('set local enable_seqscan = off');
        await tx.query('set local enable_bitmapscan = off');
        return (await tx.query<{ n: number }>(`select count(*)::int as n from ${name} where id is not null`))
          .rows[0]!.n;
      });
      if (viaIndex !== heap.rows[0]!.n)
        throw new DamagedDataError(
          folder,
          `表 ${t.name} 的数据与索引不一致（${heap.rows[0]!.n} 行 / 索引 ${viaIndex} 行）`,
        );
    }
    for (const table of ['departments', 'users', 'evaluations']) {
      const r = await db.query<{ n: number; used: boolean }>(
        `select (select count(*)::int from ${table}) as n,
                (select is_called from ${table}_id_seq) as used`,
      );
      if (r.rows[0]!.used && r.rows[0]!.n === 0)
        throw new DamagedDataError(folder, `表 ${table} 为空，但其编号已被使用过（数据文件可能被清空）`);
    }
  } catch (error) {
    if (error instanceof DamagedDataError) throw error;
    throw new DamagedDataError(folder, describeFailure(error));
  }
}
