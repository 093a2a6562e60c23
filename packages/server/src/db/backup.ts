import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { EmbeddedDatabase } from './embedded.ts';
import { lockFolder } from './folder-lock.ts';
import { openDatabase, type OpenOptions } from './open.ts';

/**
 * 备份与恢复 (jixiao backup FILE / jixiao restore FILE), for both databases:
 * - embedded: the data folder as PGlite dumps it (a gzipped tar, consistent because it is taken through the
 *   database, not by copying files under it), restored with PGlite's loadDataDir into an empty folder;
 * - server: pg_dump's plain SQL of the database (or the schema), restored with psql into a database
 *   (schema) that holds no jixiao tables yet.
 * A restore never writes over existing data: the target must be empty, so what is there is kept until
 * the person who restores has moved it aside.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const GZIP = [0x1f, 0x8b];

function target(opts: OpenOptions): { url?: string; dataDir: string; schema?: string } {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  return {
    ...(url ? { url } : {}),
    dataDir: resolve(opts.dataDir ?? process.env.JIXIAO_DATA_DIR ?? './data'),
    ...(opts.schema ? { schema: opts.schema } : {}),
  };
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error)
    throw new BackupError(`无法运行 ${command}（${r.error.message}）：请安装 PostgreSQL 客户端工具`);
  if (r.status !== 0)
    throw new BackupError(`${command} 失败：${(r.stderr || r.stdout).trim().slice(0, 500)}`);
}

/** Writes a backup of the database the options (or the environment) name to `file`; returns what it covered. */
export async function backupDatabase(file: string, opts: OpenOptions = {}): Promise<string> {
  const t = target(opts);
  if (t.url) {
    run('pg_dump', [
      `--dbname=${t.url}`,
      '--no-owner',
      '--no-privileges',
      ...(t.schema ? [`--schema=${t.schema}`] : []),
      `--file=${resolve(file)}`,
    ]);
    return `PostgreSQL 服务器 ${new URL(t.url).host}${new URL(t.url).pathname}${t.schema ? `（schema ${t.schema}）` : ''}`;
  }
  if (!existsSync(t.dataDir)) throw new BackupError(`内嵌数据库文件夹 ${t.dataDir} 不存在，没有可备份的数据`);
  const db = (await openDatabase({ dataDir: t.dataDir, databaseUrl: '' })) as EmbeddedDatabase;
  try {
    await writeFile(resolve(file), await db.dump());
  } finally {
    await db.close();
  }
  return `内嵌数据库文件夹 ${t.dataDir}`;
}

/** Restores `file` into the (empty) database the options or the environment name; returns where. */
export async function restoreDatabase(file: string, opts: OpenOptions = {}): Promise<string> {
  const t = target(opts);
  const bytes = await readFile(resolve(file)).catch(() => {
    throw new BackupError(`找不到备份文件 ${resolve(file)}`);
  });
  const embeddedBackup = bytes[0] === GZIP[0] && bytes[1] === GZIP[1];
  if (t.url) {
    if (embeddedBackup)
      throw new BackupError(
        `${file} 是内嵌数据库的备份，不能恢复到 PostgreSQL 服务器：请不设 DATABASE_URL 恢复`,
      );
    const db = await import('./server.ts').then((m) =>
      m.openServer(t.url!, t.schema ? { schema: t.schema } : {}),
    );
    try {
      const r = await db.query<{ present: string | null }>(
        "select to_regclass('evaluations')::text as present",
      );
      if (r.rows[0]?.present)
        throw new BackupError(
          `目标数据库${t.schema ? `（schema ${t.schema}）` : ''}中已有 jixiao 的数据：恢复不会覆盖现有数据，请先备份并清空，或恢复到一个新的数据库`,
        );
    } finally {
      await db.close();
    }
    run('psql', [`--dbname=${t.url}`, '--quiet', '--set=ON_ERROR_STOP=1', `--file=${resolve(file)}`]);
    return `PostgreSQL 服务器 ${new URL(t.url).host}${new URL(t.url).pathname}`;
  }
  if (!embeddedBackup)
    throw new BackupError(
      `${file} 不是内嵌数据库的备份（应为 jixiao backup 生成的 .tar.gz）；服务器的备份请在设置 DATABASE_URL 后恢复`,
    );
  if (existsSync(t.dataDir) && readdirSync(t.dataDir).length > 0)
    throw new BackupError(
      `内嵌数据库文件夹 ${t.dataDir} 不是空的：恢复不会覆盖现有数据。请先把它改名保留（例如 ${t.dataDir}.old），再恢复`,
    );
  await mkdir(t.dataDir, { recursive: true });
  const release = lockFolder(t.dataDir);
  try {
    const pg = await PGlite.create({ dataDir: t.dataDir, loadDataDir: new Blob([bytes]) });
    await pg.close();
  } finally {
    release();
  }
  // Opened once through the usual path: the integrity check and any newer migrations.
  const db = await openDatabase({ dataDir: t.dataDir, databaseUrl: '' });
  await db.close();
  return `内嵌数据库文件夹 ${t.dataDir}`;
}
