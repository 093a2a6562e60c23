// Faults of the embedded data folder: a second process on it, and damaged files. Each is refused at start
// with a message naming the folder and saying what to do; nothing runs on half-read data.
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newEvaluation } from '@jixiao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluation, ensureDepartment } from '../store/evaluations.ts';
import { FolderInUseError, lockFileOf } from './folder-lock.ts';
import { DamagedDataError } from './integrity.ts';
import { openDatabase } from './open.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const open = (dataDir: string) => openDatabase({ dataDir, databaseUrl: '' });

describe('the embedded data folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'jixiao-faults-'));
  const original = join(root, 'original');
  let evaluationsFile = '';

  beforeAll(async () => {
    const db = await open(original);
    const dept = await ensureDepartment(db, '甲局', 'R1');
    for (let k = 0; k < 3; k++)
      await createEvaluation(db, {
        departmentId: dept,
        evaluation: newEvaluation({
          id: `e${k}`,
          title: `第 ${k + 1} 份自评表`,
          kind: 'project',
          year: 2024,
        }),
        author: { name: 'setup' },
      });
    const r = await db.query<{ path: string }>("select pg_relation_filepath('evaluations') as path");
    evaluationsFile = r.rows[0]!.path;
    await db.close();
  }, 60_000);

  // Eight copies of a data folder: on a busy machine removing them outlasts the default 10 s.
  afterAll(() => rmSync(root, { recursive: true, force: true }), 60_000);

  /** A copy of the folder to damage; the original stays as it was. */
  function copy(name: string): string {
    const dir = join(root, name);
    cpSync(original, dir, { recursive: true });
    return dir;
  }

  it('opens again when undamaged, with its data', async () => {
    const db = await open(copy('intact'));
    expect((await db.query<{ n: number }>('select count(*)::int as n from evaluations')).rows[0]!.n).toBe(3);
    await db.close();
  });

  it('refuses a second open of a folder in use, naming the folder and the process', async () => {
    const dir = copy('in-use');
    const first = await open(dir);
    const second = open(dir);
    await expect(second).rejects.toBeInstanceOf(FolderInUseError);
    await expect(second).rejects.toThrow(
      `内嵌数据库文件夹 ${dir} 正被另一个 jixiao 进程（进程号 ${process.pid}）使用`,
    );
    // Another process — the real start command — refuses as well, and says why without a stack trace.
    // Asynchronously: a blocking spawn would stall this test worker's own messages to vitest.
    const other = await new Promise<{ status: number; stderr: string }>((done) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', join(REPO, 'packages/server/src/main.ts')],
        {
          cwd: REPO,
          env: { ...process.env, JIXIAO_DATA_DIR: dir, PORT: '0', DATABASE_URL: '' },
          encoding: 'utf8',
          timeout: 60_000,
        },
        (error, _stdout, stderr) => done({ status: error ? Number(error.code ?? 1) : 0, stderr }),
      ),
    );
    expect(other.status).toBe(1);
    expect(other.stderr).toContain(`jixiao 无法启动：内嵌数据库文件夹 ${dir} 正被另一个 jixiao 进程`);
    expect(other.stderr).not.toMatch(/at .*\.ts:\d+/);
    await first.close();
    // Released on close: the next start opens it.
    const again = await open(dir);
    await again.close();
  }, 90_000);

  it('sees a folder and a symbolic link to it as one folder', async () => {
    const dir = copy('linked');
    const link = join(root, 'link-to-linked');
    symlinkSync(dir, link, 'dir');
    const first = await open(dir);
    // In this process…
    await expect(open(link)).rejects.toThrow(`内嵌数据库文件夹 ${link} 正被另一个 jixiao 进程`);
    await first.close();
    // …and from another one: its lock, written beside the real folder, holds against the link too.
    expect(lockFileOf(link)).toBe(lockFileOf(dir));
    writeFileSync(lockFileOf(dir), `${process.ppid}\nelsewhere\n2020-01-01T00:00:00Z\n`);
    await expect(open(link)).rejects.toThrow(`（进程号 ${process.ppid}）`);
    await expect(open(join(link, '..', 'linked'))).rejects.toBeInstanceOf(FolderInUseError);
    unlinkSync(lockFileOf(dir));
    const again = await open(link);
    await again.close();
  });

  it('takes over the lock of a process that is gone', async () => {
    const dir = copy('stale-lock');
    writeFileSync(lockFileOf(dir), '2147483646\nelsewhere\n2020-01-01T00:00:00Z\n');
    const db = await open(dir);
    expect((await db.query<{ n: number }>('select count(*)::int as n from evaluations')).rows[0]!.n).toBe(3);
    await db.close();
  });

  const damages: Array<[string, (dir: string) => void]> = [
    ['an emptied evaluations file', (dir) => truncateSync(join(dir, evaluationsFile), 0)],
    [
      'a truncated evaluations file',
      (dir) => truncateSync(join(dir, evaluationsFile), statSync(join(dir, evaluationsFile)).size - 1000),
    ],
    ['a deleted evaluations file', (dir) => unlinkSync(join(dir, evaluationsFile))],
    ['a zeroed control file', (dir) => writeFileSync(join(dir, 'global/pg_control'), Buffer.alloc(8192))],
  ];
  for (const [what, damage] of damages) {
    it(`refuses to start on ${what}, naming the folder and what to do`, async () => {
      const dir = copy(what.replace(/\s+/g, '-'));
      damage(dir);
      const opened = open(dir);
      await expect(opened).rejects.toBeInstanceOf(DamagedDataError);
      await expect(opened).rejects.toThrow(`内嵌数据库文件夹 ${dir} 已损坏`);
      await expect(opened).rejects.toThrow('jixiao restore');
      // The lock is released: once restored, the folder opens.
      expect(() => statSync(lockFileOf(dir))).toThrow();
    }, 60_000);
  }
});
