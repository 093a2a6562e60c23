import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { newEvaluation } from '@jixiao/core';
import { createEvaluation, createUser, ensureDepartment, openDatabase } from '@jixiao/server';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zipEntry } from '../../formats/src/report/test-support.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/cli/bin/jixiao.js');
const seed = (n: string) => join(root, 'examples/seeds', n);
const SEEDS = [
  '000_424dabb8b7582373.txt',
  '001_5414547721c2c4a3.txt',
  '002_2938c48e62223733.txt',
  '003_cbcf39354c9835b0.txt',
  '004_bfa41fd3fc706bb4.txt',
].map(seed);

function run(...args: string[]) {
  return runWith({}, ...args);
}

function runWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('jixiao audit', () => {
  it('prints the JSON of DESIGN.md for all five seeds and exits 0', () => {
    const { code, stdout } = run('audit', '--json', ...SEEDS);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      documents: Array<{ file: string; evaluations: Array<Record<string, unknown>>; errors: unknown[] }>;
    };
    expect(out.documents).toHaveLength(5);
    for (const doc of out.documents) {
      expect(doc.errors).toEqual([]);
      expect(doc.evaluations.length).toBeGreaterThan(0);
      for (const e of doc.evaluations) {
        for (const key of [
          'title',
          'kind',
          'year',
          'statedTotal',
          'computedTotal',
          'statedGrade',
          'computedGrade',
          'indicatorCount',
          'findings',
        ]) {
          expect(e).toHaveProperty(key);
        }
        for (const f of e.findings as Array<Record<string, unknown>>) {
          expect(Object.keys(f)).toEqual(
            expect.arrayContaining(['code', 'severity', 'message', 'location', 'evidence']),
          );
        }
      }
    }
    expect(out.documents[3]!.evaluations).toHaveLength(6);
  });

  it('prints a readable Chinese report grouped by severity', () => {
    const { code, stdout } = run('audit', seed('003_cbcf39354c9835b0.txt'));
    expect(code).toBe(0);
    expect(stdout).toContain('[错误] 得分超过分值');
    expect(stdout).not.toContain('score-exceeds-weight'); // codes are for the JSON, not for people
    expect(stdout).toContain('法律援助人次');
    expect(stdout).toMatch(/发现：错误 \d+ · 警告 \d+ · 提示 \d+/);
  });

  it('names the place of a reading warning once', () => {
    const { stdout } = run('audit', seed('003_cbcf39354c9835b0.txt'));
    const reading = stdout.split('\n').filter((l) => l.includes('读取：'));
    expect(reading.length).toBeGreaterThan(0);
    for (const line of reading) expect(line.match(/第 \d+ 行/g) ?? []).toHaveLength(1);
  });

  it('exits 2 with a Chinese message naming an unreadable file, and still audits the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
    const empty = join(dir, 'empty.txt');
    const binary = join(dir, 'garbage.txt');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0, 1, 2, 255, 254, 0, 7, 8, 0, 0, 13]));
    const { code, stdout, stderr } = run('audit', empty, binary, seed('002_2938c48e62223733.txt'));
    expect(code).toBe(2);
    expect(stderr).toContain('empty.txt');
    expect(stderr).toContain('garbage.txt');
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(stdout).toContain('雁峰区司法局');
    const json = JSON.parse(run('audit', '--json', empty).stdout) as {
      documents: Array<{ errors: Array<{ message: string }> }>;
    };
    expect(json.documents[0]!.errors[0]!.message).toMatch(/空/);
  });

  it('refuses an unknown framework with the list of known ones', () => {
    const { code, stderr } = run('audit', '--framework', 'no-such', seed('000_424dabb8b7582373.txt'));
    expect(code).toBe(2);
    expect(stderr).toContain('no-such');
    expect(stderr).toContain('project-10-90');
  });
});

describe('jixiao score', () => {
  it('shows the score tree with rules and citations', () => {
    const { code, stdout } = run('score', seed('001_5414547721c2c4a3.txt'));
    expect(code).toBe(0);
    expect(stdout).toContain('政府采购执行率');
    expect(stdout).toContain('规则');
    expect(stdout).toContain('出处');
  });
});

describe('jixiao report and summary', () => {
  it('writes the 自评表, 自评报告 and PDF of a seed, and the xlsx reads back with the same findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
    const { code, stdout } = run(
      'report',
      seed('002_2938c48e62223733.txt'),
      '--format',
      'xlsx,docx,pdf',
      '--out',
      dir,
    );
    expect(code).toBe(0);
    for (const ext of ['xlsx', 'docx', 'pdf']) expect(stdout).toContain(`002_2938c48e62223733.${ext}`);
    const pdf = spawnSync('pdftotext', [join(dir, '002_2938c48e62223733.pdf'), '-'], { encoding: 'utf8' });
    expect(pdf.status, 'pdftotext (poppler-utils) must be installed').toBe(0);
    expect(pdf.stdout).toContain('雁峰区司法局');
    expect(pdf.stdout).not.toContain('审核发现'); // internal findings only on request
    const back = JSON.parse(run('audit', '--json', join(dir, '002_2938c48e62223733.xlsx')).stdout) as {
      documents: Array<{ evaluations: Array<{ statedTotal: string; findings: Array<{ code: string }> }> }>;
    };
    const e = back.documents[0]!.evaluations[0]!;
    expect(e.statedTotal).toBe('96.12');
    expect(e.findings.map((f) => f.code)).toContain('indicator-quality');
  });

  it('without Chromium still writes the xlsx and the docx (charts drawn in process) and says in Chinese why there is no PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-nobrowser-'));
    const { code, stdout, stderr } = runWith(
      { JIXIAO_CHROMIUM: join(dir, 'no-such-chromium') },
      'report',
      seed('001_5414547721c2c4a3.txt'),
      '--format',
      'xlsx,docx,pdf',
      '--out',
      dir,
    );
    expect(code).toBe(2);
    expect(stdout).toContain('001_5414547721c2c4a3.xlsx');
    expect(stdout).toContain('001_5414547721c2c4a3.docx');
    expect(stdout).not.toContain('.pdf');
    expect(stderr).toContain('未生成 PDF');
    expect(stderr).toContain('apt-get install chromium');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    const rels = await zipEntry(
      readFileSync(join(dir, '001_5414547721c2c4a3.docx')),
      'word/_rels/document.xml.rels',
    );
    expect(rels.match(/\.png"/g)?.length).toBe(3);
  });

  it('refuses an unknown format in Chinese', () => {
    const { code, stderr } = run('report', seed('002_2938c48e62223733.txt'), '--format', 'odt');
    expect(code).toBe(2);
    expect(stderr).toContain('不支持的格式');
  });

  it('sums projects from several files into one 汇总表', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'jixiao-summary-')), 'summary.xlsx');
    const { code, stdout } = run(
      'summary',
      seed('000_424dabb8b7582373.txt'),
      seed('003_cbcf39354c9835b0.txt'),
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('summary.xlsx');
    const back = JSON.parse(run('audit', '--json', out).stdout) as {
      documents: Array<{ evaluations: Array<{ kind: string }> }>;
    };
    expect(back.documents[0]!.evaluations[0]!.kind).toBe('summary');
  });
});

describe('jixiao backup and restore', () => {
  it('backs the embedded folder up, restores it after a wipe, and never over existing data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-backup-'));
    const data = join(dir, 'data');
    const file = join(dir, 'backup.tar.gz');
    // Asynchronously: a blocking spawn of this length would stall the test worker's messages to vitest.
    const jixiao = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
        execFile(
          process.execPath,
          [bin, ...args],
          {
            cwd: root,
            encoding: 'utf8',
            env: { ...process.env, NO_COLOR: '1', JIXIAO_DATA_DIR: data, DATABASE_URL: '' },
          },
          (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const missing = await jixiao('backup', file);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`jixiao：内嵌数据库文件夹 ${data} 不存在，没有可备份的数据\n`);

    let db = await openDatabase({ dataDir: data, databaseUrl: '' });
    const dept = await ensureDepartment(db, '甲局');
    await createUser(db, {
      username: 'kept',
      displayName: '留下的人',
      role: 'filler',
      departmentId: dept,
      password: 'correct-horse-42',
    });
    const e = newEvaluation({ id: 'k', title: '要留下的自评表', kind: 'project', year: 2024 });
    await createEvaluation(db, { departmentId: dept, evaluation: e, author: { name: '留下的人' } });
    await db.close();

    const backup = await jixiao('backup', file);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toBe(`已备份 内嵌数据库文件夹 ${data} 到 ${file}\n`);
    rmSync(data, { recursive: true, force: true });
    const restore = await jixiao('restore', file);
    expect(restore.stdout).toBe(`已从 ${file} 恢复到 内嵌数据库文件夹 ${data}\n`);
    db = await openDatabase({ dataDir: data, databaseUrl: '' });
    expect((await db.query('select username from users')).rows).toEqual([{ username: 'kept' }]);
    expect((await db.query('select title from evaluations')).rows).toEqual([{ title: '要留下的自评表' }]);
    expect((await db.query('select count(*)::int as n from evaluation_revisions')).rows).toEqual([{ n: 1 }]);
    await db.close();
    const over = await jixiao('restore', file);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain(`内嵌数据库文件夹 ${data} 不是空的：恢复不会覆盖现有数据`);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});

describe('the compiled command', () => {
  it('is built from the sources and answers exactly as they do', () => {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), '--if-stale'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(built.status, built.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(root, 'dist/inputs.json'), 'utf8')) as {
      inputs: Array<{ path: string }>;
    };
    expect(manifest.inputs.map((i) => i.path)).toContain('packages/cli/src/main.ts');
    for (const args of [['frameworks'], ['audit', '--json', SEEDS[4]!]]) {
      const compiled = spawnSync(process.execPath, [join(root, 'dist/jixiao.js'), ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      const sources = runWith({ JIXIAO_FROM_SOURCES: '1' }, ...args);
      expect(compiled.status).toBe(sources.code);
      expect(compiled.stdout.length).toBeGreaterThan(100);
      expect(compiled.stdout).toBe(sources.stdout);
    }
  }, 60_000);

  it('stops quietly when its reader goes away (output piped into head)', () => {
    const r = spawnSync(
      'sh',
      ['-c', `node "${bin}" audit ${SEEDS.map((f) => `"${f}"`).join(' ')} | head -c 10`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});
