// Exports off the request thread, on both databases: the xlsx and docx are written in the worker pool (the
// same file as written directly), a job over its time limit is stopped with a Chinese 422 and the server
// goes on; PDFs print through the shared browser with a bounded line — beyond it, 429 稍后重试 and
// Retry-After, never another browser.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditDocument, scoreEvaluation } from '@jixiao/core';
import {
  loadBuiltinRegistry,
  readDocumentBytes,
  writeEvaluationXlsx,
  writeReportDocx,
} from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users.ts';
import { freshDatabaseFor } from '../db/fresh-database.ts';
import { BACKENDS } from '../db/test-databases.ts';
import { buildApp } from '../http/app.ts';
import { ensureDepartment } from '../store/evaluations.ts';
import type { PoolOptions } from './pool.ts';

const PASSWORD = 'correct-horse-42';
const SEED = 'examples/seeds/002_2938c48e62223733.txt';
const seed = readFileSync(join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), SEED));

/** What a reader finds in a file: its tables and the sentences with figures. */
async function contentOf(bytes: Uint8Array, file: string) {
  const d = await readDocumentBytes(bytes, file);
  return {
    indicators: d.evaluations.map((e) => e.indicators.map((i) => [i.name, i.actual])),
    statements: d.statements.map((s) => s.text),
  };
}

describe.each(BACKENDS)('exports on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let app: FastifyInstance | undefined;
  let base = '';
  let cookie = '';
  let id = 0;

  beforeAll(async () => {
    const dept = await ensureDepartment(t.db, '司法局', 'R1');
    await createUser(t.db, {
      username: 'filler',
      displayName: '填报人',
      role: 'filler',
      departmentId: dept,
      password: PASSWORD,
    });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await app?.close();
  });

  async function start(opts: { pool?: PoolOptions; pdf?: { running: number; waiting: number } } = {}) {
    app = await buildApp(t.db, await loadBuiltinRegistry(), opts);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const r = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'filler', password: PASSWORD }),
    });
    cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
    if (!id) {
      const saved = await fetch(`${base}/api/import/save`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ fileName: '002.txt', contentBase64: seed.toString('base64') }),
      });
      expect(saved.status).toBe(200);
      id = ((await saved.json()) as Array<{ id: number }>)[0]!.id;
    }
  }

  const download = (query: string) =>
    fetch(`${base}/api/evaluations/${id}/export?${query}`, { headers: { cookie } });

  it('writes the 自评表 and the 自评报告 in the worker pool, the same files as written directly', async () => {
    await start({ pool: { threads: 1, queue: 4 } });
    // The same result the server scores: seed 002 read, scored and audited as one document.
    const registry = await loadBuiltinRegistry();
    const document = await readDocumentBytes(seed, '002.txt');
    const result = auditDocument(document, (e) =>
      scoreEvaluation(e, registry, { related: document.evaluations }),
    ).results[0]!;

    const xlsx = await download('format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const exported = await contentOf(new Uint8Array(await xlsx.arrayBuffer()), 'a.xlsx');
    expect(exported.indicators[0]!.length).toBeGreaterThan(0);
    expect(exported).toEqual(await contentOf(await writeEvaluationXlsx(result), 'a.xlsx'));

    const docx = await download('format=docx');
    expect(docx.status).toBe(200);
    const report = await contentOf(new Uint8Array(await docx.arrayBuffer()), 'a.docx');
    expect(report).toEqual(await contentOf(await writeReportDocx([result]), 'a.docx'));
    const internal = await download('format=docx&findings=1');
    expect(internal.status).toBe(200);
    const withFindings = await contentOf(new Uint8Array(await internal.arrayBuffer()), 'a.docx');
    expect(withFindings).toEqual(
      await contentOf(await writeReportDocx([result], { includeFindings: true }), 'a.docx'),
    );
    expect(withFindings.statements.length).toBeGreaterThan(report.statements.length);
  }, 120_000);

  it('stops an export over its time limit with a Chinese 422, and answers the next request', async () => {
    await start({ pool: { threads: 1, queue: 4, timeoutMs: 100 } });
    // Started beforehand: the time runs out while the report is being written, not while a process starts.
    await app!.workPool.warm();
    const slow = await download('format=docx');
    expect(slow.status).toBe(422);
    expect(((await slow.json()) as { error: string }).error).toMatch(
      /^生成自评报告 DOCX 超时（超过 0.1 秒）已停止：这份自评过大/,
    );
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 60_000);

  it('prints PDFs a few at a time and refuses beyond the line with 429 稍后重试 and Retry-After', async () => {
    await start({ pool: { threads: 1, queue: 8 }, pdf: { running: 1, waiting: 1 } });
    const answers = await Promise.all([1, 2, 3, 4].map(() => download('format=pdf')));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429]);
    for (const r of answers.filter((x) => x.status === 200))
      expect(
        Buffer.from(await r.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /服务器正忙（生成 PDF的排队已满），请稍后重试/,
    );
    // Once the line has cleared, the next PDF prints.
    expect((await download('format=pdf')).status).toBe(200);
  }, 120_000);
});
