// Backup → wipe → restore on both databases gives back every evaluation, revision and user.
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvaluation } from '@jixiao/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users.ts';
import { createEvaluation, ensureDepartment, saveEvaluation } from '../store/evaluations.ts';
import { BackupError, backupDatabase, restoreDatabase } from './backup.ts';
import type { Database } from './database.ts';
import { openDatabase, type OpenOptions } from './open.ts';
import { SERVER_URL } from './test-databases.ts';

const root = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function fill(db: Database): Promise<void> {
  const dept = await ensureDepartment(db, '甲局', 'R1');
  await createUser(db, {
    username: 'filler',
    displayName: '填报人',
    role: 'filler',
    departmentId: dept,
    password: 'correct-horse-42',
  });
  await createUser(db, {
    username: 'reviewer',
    displayName: '审核人',
    role: 'reviewer',
    region: 'R1',
    password: 'correct-horse-42',
  });
  for (let k = 0; k < 3; k++) {
    const e = newEvaluation({ id: `e${k}`, title: `第 ${k + 1} 份自评表`, kind: 'project', year: 2024 });
    const stored = await createEvaluation(db, {
      departmentId: dept,
      evaluation: e,
      author: { name: '填报人' },
    });
    await saveEvaluation(db, stored.id, {
      expectedVersion: 1,
      evaluation: { ...e, title: `第 ${k + 1} 份自评表（改）` },
      author: { name: '填报人' },
    });
  }
}

/** Everything a restore must give back, as text: rows of evaluations, revisions and users. */
async function snapshot(db: Database) {
  const rows = async (sql: string) => JSON.stringify((await db.query(sql)).rows);
  return {
    evaluations: await rows('select * from evaluations order by id'),
    revisions: await rows('select * from evaluation_revisions order by evaluation_id, version'),
    users: await rows('select * from users order by id'),
    counts: (
      await db.query(
        'select (select count(*)::int from evaluations) as e, (select count(*)::int from evaluation_revisions) as r, (select count(*)::int from users) as u',
      )
    ).rows[0],
  };
}

describe('backup and restore', () => {
  it('gives back an embedded folder whole after it is wiped', async () => {
    const dataDir = join(root, 'data');
    const opts: OpenOptions = { dataDir, databaseUrl: '' };
    let db = await openDatabase(opts);
    await fill(db);
    const before = await snapshot(db);
    expect(before.counts).toEqual({ e: 3, r: 6, u: 2 });
    await db.close();
    const file = join(root, 'embedded.tar.gz');
    expect(await backupDatabase(file, opts)).toContain(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    await restoreDatabase(file, opts);
    db = await openDatabase(opts);
    expect(await snapshot(db)).toEqual(before);
    await db.close();
    // A restore never writes over data that is there.
    await expect(restoreDatabase(file, opts)).rejects.toThrow(`内嵌数据库文件夹 ${dataDir} 不是空的`);
    const notABackup = join(root, 'notes.txt');
    writeFileSync(notABackup, '随便什么');
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(restoreDatabase(notABackup, { dataDir: empty, databaseUrl: '' })).rejects.toBeInstanceOf(
      BackupError,
    );
  }, 120_000);

  it('gives back a server schema whole after it is dropped (pg_dump / psql)', async () => {
    const schema = `jixiao_backup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    try {
      await admin.query(`create schema ${schema}`);
      const opts: OpenOptions = { databaseUrl: SERVER_URL, schema };
      let db = await openDatabase(opts);
      await fill(db);
      const before = await snapshot(db);
      await db.close();
      const file = join(root, 'server.sql');
      expect(await backupDatabase(file, opts)).toContain(schema);
      await admin.query(`drop schema ${schema} cascade`);
      await restoreDatabase(file, opts);
      db = await openDatabase(opts);
      expect(await snapshot(db)).toEqual(before);
      await db.close();
      await expect(restoreDatabase(file, opts)).rejects.toThrow('已有 jixiao 的数据');
    } finally {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }, 120_000);
});
