// 汇总表 and 看板 as a reviewer checks them, on both databases: the 小计 and 合计 are the sums of the rows
// (against the seeds' own figures), rates come from the sums, each role sees what it may, lower bounds
// are not scores, the xlsx opens and text stays text.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { D, findingKey, parseStated, type Evaluation, type Finding } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../../db/test-databases.ts';
import { createEvaluation, ensureDepartment } from '../../store/evaluations.ts';
import { buildApp } from '../app.ts';
import { checkAnswer } from '../test-regions.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'), 'examples/seeds');

type Actor = 'stranger' | 'admin' | 'reviewerR1' | 'reviewerR2' | 'fillerA';
const PASSWORD = 'correct-horse-42';
/** A department whose name would be a formula if a writer let it. */
const HOSTILE = '=HYPERLINK("x")';

/**
 * The figures as the seeds print them (万元), typed in from the documents, not taken from the reader:
 * seed 003's five 2023 projects (年初预算, 全年预算, 执行数) and seed 000's 汇总表 (全年预算, 全年执行数).
 */
const SEED_003 = {
  案件代理: ['3.00', '2.40', '2.40'],
  普法宣传: ['0.00', '14.94', '14.94'],
  安置帮教: ['5.00', '3.09', '3.09'],
  社区矫正办公经费: ['0.00', '37.88', '37.88'],
  法律援助: ['5.00', '4.90', '4.90'],
} as const;
const SEED_000 = [
  ['35.20', '24.81'],
  ['40.00', '18.00'],
  ['6.40', '0'],
  ['18.40', '16'],
  ['6.10', '0'],
  ['2.40', '0'],
  ['12.80', '0'],
  ['49.50', '0'],
] as const;
/** 甲局's 2024 project: the 案件代理 table again, with other money (10.00 budgeted, 8.00 spent). */
const A_2024 = { adjusted: '10.00', executed: '8.00' };

const sum = (values: readonly string[]) => values.reduce((s, v) => s.plus(v), new D(0));

interface Line {
  type: 'evaluation' | 'subtotal' | 'total';
  id?: number;
  title?: string;
  label?: string;
  department: string | null;
  group?: string | null;
  kind?: string;
  status?: string;
  count?: number;
  initialBudget: string | null;
  adjustedBudget: string | null;
  executed: string | null;
  rate: string | null;
  rateStated?: boolean;
  computedScore?: string | null;
  grade?: string | null;
  totalIncomplete?: boolean;
  reviewScore?: string | null;
  errors: number;
  warnings: number;
  projects?: Array<{
    name: string;
    adjustedBudget: string | null;
    executed: string | null;
    rate: string | null;
  }>;
}
interface Table {
  year: number | null;
  years: number[];
  departments: Array<{ id: number; name: string }>;
  lines: Line[];
  rowCount: number;
}

describe.each(BACKENDS)('汇总表 and 看板 on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const auth: Partial<Record<Actor, { cookie: string; csrf: string }>> = {};
  const ids: Record<string, number> = {};
  const departments: Record<string, number> = {};

  async function call(actor: Actor, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    const a = auth[actor];
    const headers: Record<string, string> = a ? { cookie: a.cookie, 'x-csrf-token': a.csrf } : {};
    const r = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    checkAnswer(method, url, r);
    return r;
  }
  async function table(actor: Actor, query = ''): Promise<Table> {
    const r = await call(actor, 'GET', `/api/summary${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Table;
  }

  beforeAll(async () => {
    t = await open();
    app = await buildApp(t.db, await loadBuiltinRegistry());
    departments.A = await ensureDepartment(t.db, '甲局', 'R1');
    departments.H = await ensureDepartment(t.db, HOSTILE, 'R1');
    departments.C = await ensureDepartment(t.db, '丙局', 'R2');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    for (const region of ['R1', 'R2']) {
      await createUser(t.db, {
        username: `reviewer${region}`,
        displayName: `审核${region}`,
        role: 'reviewer',
        region,
        password: PASSWORD,
      });
    }
    await createUser(t.db, {
      username: 'fillerA',
      displayName: '填报甲',
      role: 'filler',
      departmentId: departments.A,
      password: PASSWORD,
    });

    const add = async (key: string, dept: number, evaluation: Evaluation, status: string) => {
      const stored = await createEvaluation(t.db, {
        departmentId: dept,
        evaluation,
        author: { name: 'setup' },
      });
      await t.db.query('update evaluations set status = $2 where id = $1', [stored.id, status]);
      ids[key] = stored.id;
    };
    const seed000 = await readDocumentFile(join(seeds, '000_424dabb8b7582373.txt'));
    const seed001 = await readDocumentFile(join(seeds, '001_5414547721c2c4a3.txt'));
    const seed003 = await readDocumentFile(join(seeds, '003_cbcf39354c9835b0.txt'));
    for (const e of seed003.evaluations) {
      await add(e.projectName ?? 'whole2023', departments.A, e, 'submitted');
    }
    const caseAgency = seed003.evaluations.find((e) => e.projectName === '案件代理')!;
    const a2024: Evaluation = {
      ...structuredClone(caseAgency),
      year: 2024,
      budget: caseAgency.budget.map((l) =>
        l.role === 'total'
          ? {
              ...l,
              adjustedBudget: parseStated(A_2024.adjusted),
              executed: parseStated(A_2024.executed),
              executionRate: parseStated('80.00%'),
            }
          : l,
      ),
    };
    await add('a2024', departments.A, a2024, 'accepted');
    await add('aDraft', departments.A, { ...structuredClone(a2024), title: '草稿中的自评' }, 'draft');
    await add(
      'summary2024',
      departments.H,
      seed000.evaluations.find((e) => e.kind === 'summary')!,
      'submitted',
    );
    await add('c2021', departments.C, seed001.evaluations[0]!, 'submitted');

    for (const actor of ['admin', 'reviewerR1', 'reviewerR2', 'fillerA'] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: actor, password: PASSWORD },
      });
      expect(r.statusCode, actor).toBe(200);
      auth[actor] = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
    }
    const review = await call('reviewerR2', 'PUT', `/api/evaluations/${ids.c2021}/review`, {
      reviewTotal: '95.5',
    });
    expect(review.statusCode).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('is for reviewers and the admin: a stranger gets 401, a 填报人 403, as JSON and as xlsx', async () => {
    for (const url of ['/api/summary', '/api/summary/export', '/api/summary?year=2023']) {
      expect((await call('stranger', 'GET', url)).statusCode, url).toBe(401);
      expect((await call('fillerA', 'GET', url)).statusCode, url).toBe(403);
    }
    expect((await call('admin', 'GET', '/api/summary?year=20x3')).statusCode).toBe(400);
    expect((await call('admin', 'GET', '/api/summary?department=-1')).statusCode).toBe(400);
  });

  it('shows a reviewer only its region, never drafts; the admin everything', async () => {
    const seen = async (actor: Actor, year: number) =>
      (await table(actor, `?year=${year}`)).lines.filter((l) => l.type === 'evaluation').map((l) => l.id);
    const r1 = await seen('reviewerR1', 2024);
    expect(r1.sort()).toEqual([ids.a2024, ids.summary2024].sort());
    expect(await seen('reviewerR2', 2024)).toEqual([]);
    expect(await seen('reviewerR2', 2021)).toEqual([ids.c2021]);
    expect(await seen('reviewerR1', 2021)).toEqual([]);
    expect((await seen('admin', 2024)).sort()).toEqual([ids.a2024, ids.aDraft, ids.summary2024].sort());
    // Without a year: the latest the user has; the filter lists only the user's years and departments.
    const r2 = await table('reviewerR2');
    expect(r2.year).toBe(2021);
    expect(r2.years).toEqual([2021]);
    expect(r2.departments.map((d) => d.name)).toEqual(['丙局']);
    expect((await table('reviewerR1')).years).toEqual([2024, 2023]);
  });

  it("adds each department's rows into its 小计 and all into the 合计, as the seeds' figures add up", async () => {
    const t2023 = await table('reviewerR1', '?year=2023');
    const rows = t2023.lines.filter((l) => l.type === 'evaluation' && l.kind === 'project');
    expect(rows).toHaveLength(5);
    for (const [name, [initial, adjusted, executed]] of Object.entries(SEED_003)) {
      const row = rows.find((l) => l.title!.endsWith(name))!;
      expect([row.initialBudget, row.adjustedBudget, row.executed], name).toEqual([
        initial,
        adjusted,
        executed,
      ]);
    }
    const subtotal = t2023.lines.find(
      (l) => l.type === 'subtotal' && l.department === '甲局' && l.group === 'project',
    )!;
    const figures = Object.values(SEED_003);
    expect(subtotal.count).toBe(5);
    expect(subtotal.initialBudget).toBe(sum(figures.map((f) => f[0])).toFixed(2)); // 13.00
    expect(subtotal.adjustedBudget).toBe(sum(figures.map((f) => f[1])).toFixed(2)); // 63.21
    expect(subtotal.executed).toBe(sum(figures.map((f) => f[2])).toFixed(2));
    // The rows shown add up to the 小计 shown, as a reviewer adds them by hand.
    expect(sum(rows.map((l) => l.adjustedBudget!)).toFixed(2)).toBe(subtotal.adjustedBudget);
    expect(subtotal.errors).toBe(rows.reduce((s, l) => s + l.errors, 0));
    // The 部门整体 table holds the projects: totalled on its own line, never added to them.
    const whole = t2023.lines.find((l) => l.type === 'subtotal' && l.group === 'department')!;
    expect(whole.label).toBe('小计（部门整体支出）');
    expect(t2023.lines.filter((l) => l.type === 'total').map((l) => l.label)).toEqual([
      '合计（部门整体支出）',
      '合计（项目支出）',
    ]);
  });

  it('recomputes every rate from the sums, never averages the rows’ rates', async () => {
    const t2024 = await table('reviewerR1', '?year=2024');
    const filed = t2024.lines.find((l) => l.id === ids.summary2024)!;
    // A filed 汇总表 counts as its projects' sums: 170.80 budgeted, 58.81 spent → 34.43%.
    const budget = sum(SEED_000.map((r) => r[0]));
    const spent = sum(SEED_000.map((r) => r[1]));
    expect(filed.adjustedBudget).toBe(budget.toFixed(2));
    expect(filed.executed).toBe(spent.toFixed(2));
    expect(filed.rate).toBe(spent.div(budget).times(100).toFixed(2));
    expect(filed.projects).toHaveLength(8);
    // 人民调解 24.81 ÷ 35.20 = 70.48% recomputed (the seed prints 70.47%).
    expect(filed.projects![0]).toMatchObject({ name: '人民调解', adjustedBudget: '35.20', rate: '70.48' });
    expect(filed.department).toBe(HOSTILE);

    const total = t2024.lines.find((l) => l.type === 'total')!;
    expect(total.label).toBe('合计'); // one kind of evaluation this year: one 合计
    const totalBudget = budget.plus(A_2024.adjusted);
    const totalSpent = spent.plus(A_2024.executed);
    expect(total.adjustedBudget).toBe(totalBudget.toFixed(2)); // 180.80
    expect(total.executed).toBe(totalSpent.toFixed(2)); // 66.81
    const rate = totalSpent.div(totalBudget).times(100).toFixed(2); // 36.95
    expect(total.rate).toBe(rate);
    const rows = t2024.lines.filter((l) => l.type === 'evaluation');
    const averaged = sum(rows.map((l) => l.rate!))
      .div(rows.length)
      .toFixed(2); // (80 + 34.43) / 2
    expect(total.rate).not.toBe(averaged);
  });

  it('carries the 复核得分, flags lower bounds, and leaves findings marked 不是问题 out of the counts', async () => {
    const c = (await table('reviewerR2', '?year=2021')).lines.find((l) => l.id === ids.c2021)!;
    expect(new D(c.reviewScore!).eq('95.5')).toBe(true);
    expect(c.totalIncomplete).toBe(false);
    const a = (await table('reviewerR1', '?year=2023')).lines.find((l) => l.title?.endsWith('案件代理'))!;
    expect(a.totalIncomplete).toBe(true); // blank 完成值: the 复算得分 is a lower bound

    const before = (await table('reviewerR1', '?year=2024')).lines.find((l) => l.id === ids.summary2024)!;
    const detail = (await call('reviewerR1', 'GET', `/api/evaluations/${ids.summary2024}`)).json() as {
      findings: Finding[];
    };
    const warning = detail.findings.find((f) => f.severity === 'warning')!;
    expect(before.warnings).toBe(detail.findings.filter((f) => f.severity === 'warning').length);
    const key = findingKey(warning);
    const marked = await call('reviewerR1', 'POST', `/api/evaluations/${ids.summary2024}/findings/dismiss`, {
      key,
      reason: '压缩经费是财政决定，不是部门的问题',
    });
    expect(marked.statusCode, marked.body).toBe(200);
    const after = (await table('reviewerR1', '?year=2024')).lines.find((l) => l.id === ids.summary2024)!;
    expect(after.warnings).toBe(before.warnings - 1);
  });

  it('narrows to one department', async () => {
    const t2024 = await table('admin', `?year=2024&department=${departments.A}`);
    const ev = t2024.lines.filter((l) => l.type === 'evaluation');
    expect(ev.map((l) => l.department)).toEqual(['甲局', '甲局']);
    expect(t2024.lines.find((l) => l.type === 'total')!.adjustedBudget).toBe(
      new D(A_2024.adjusted).times(2).toFixed(2),
    );
  });

  it('downloads the same table as an xlsx that opens, with numbers as numbers and formulas kept out', async () => {
    const r = await call('reviewerR1', 'GET', '/api/summary/export?year=2024');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('汇总表'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: Array<{ a: unknown; b: unknown; values: ExcelJS.Row }> = [];
    ws.eachRow((row) => rows.push({ a: row.getCell(1).value, b: row.getCell(2).value, values: row }));
    // The hostile department name is plain text in every cell it appears in, never a formula.
    const hostile = rows.filter((x) => x.a === HOSTILE);
    expect(hostile.length).toBeGreaterThan(1);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    // 部门 | 名称 | 类型 | 年度 | 状态 | 年初预算 | 调整后预算 | 执行数 | 执行率 | …
    const headers = rows.find((x) => x.a === '部门')!.values;
    expect(headers.getCell(7).value).toBe('调整后预算（万元）');
    const filed = rows.find((x) => x.b === '项目支出绩效自评汇总表')!.values;
    expect(filed.getCell(7).value).toBe(Number(sum(SEED_000.map((s) => s[0])).toFixed(2)));
    expect(filed.getCell(7).numFmt).toBe('#,##0.00');
    const part = rows.find((x) => x.b === '其中：人民调解')!.values;
    expect(part.getCell(7).value).toBe(35.2);
    const total = rows.find((x) => x.a === '合计')!.values;
    expect(new D(total.getCell(7).value as number).toFixed(2)).toBe('180.80');
    expect(new D(total.getCell(9).value as number).times(100).toFixed(2)).toBe('36.95');
    expect(total.getCell(9).numFmt).toBe('0.00%');
    // A lower bound goes in as text, so a column sum in Excel never counts it as a score.
    const a2024 = rows.find(
      (x) => x.a === '甲局' && typeof x.b === 'string' && x.b.endsWith('案件代理'),
    )!.values;
    expect(a2024.getCell(11).value).toMatch(/^≥\d+\.\d\d$/);
  });

  it('pages the table: every page has the whole table’s 合计, a 小计 comes with its group’s last line', async () => {
    const whole = await table('admin', '?year=2023');
    expect(whole.rowCount).toBe(6);
    const pages = [1, 2, 3].map((page) => table('admin', `?year=2023&pageSize=2&page=${page}`));
    const got = await Promise.all(pages);
    const evaluations = (t: Table) => t.lines.filter((l) => l.type === 'evaluation').map((l) => l.id);
    expect(got.map((p) => evaluations(p).length)).toEqual([2, 2, 2]);
    // Read page by page, the lines are the whole table's, in its order, each once.
    expect(got.flatMap(evaluations)).toEqual(evaluations(whole));
    const subtotals = (t: Table) => t.lines.filter((l) => l.type === 'subtotal');
    expect(got.flatMap(subtotals)).toEqual(subtotals(whole));
    // The 项目 小计 (of five lines, three pages) is on the page of its last line, and it is the whole sum.
    expect(subtotals(got[2]!).map((l) => [l.label, l.count])).toEqual([['小计（项目支出）', 5]]);
    const totals = (t: Table) => t.lines.filter((l) => l.type === 'total');
    for (const p of got) expect(totals(p)).toEqual(totals(whole));
    // Past the last page: no lines but the 合计.
    const beyond = await table('admin', '?year=2023&pageSize=2&page=9');
    expect(evaluations(beyond)).toEqual([]);
    expect(totals(beyond)).toEqual(totals(whole));
  });

  it('filters by kind, status and grade and sorts by a score on the server', async () => {
    const projects = await table('admin', '?year=2023&kind=project');
    expect(projects.rowCount).toBe(5);
    // One group only: its 合计 goes without the group's name.
    expect(projects.lines.filter((l) => l.type === 'total').map((l) => l.label)).toEqual(['合计']);
    const accepted = await table('admin', '?year=2024&status=accepted');
    expect(accepted.lines.filter((l) => l.type === 'evaluation').map((l) => l.id)).toEqual([ids.a2024]);
    // A reviewer's filter narrows what it may see, never widens it: no drafts, nor another region.
    expect((await table('reviewerR1', '?year=2024&status=draft')).rowCount).toBe(0);
    expect((await table('reviewerR1', '?year=2024&region=R2')).rowCount).toBe(0);
    const all2023 = await table('admin', '?year=2023');
    const grades = new Set(all2023.lines.flatMap((l) => (l.type === 'evaluation' ? [l.grade] : [])));
    for (const grade of grades) {
      if (!grade) continue;
      const only = await table('admin', `?year=2023&grade=${encodeURIComponent(grade)}`);
      expect(only.lines.filter((l) => l.type === 'evaluation').every((l) => l.grade === grade)).toBe(true);
    }
    // Sorted by 复算得分, highest first, those without one last; a flat list has no 小计.
    const sorted = await table('admin', '?year=2023&sort=computed');
    const scores = sorted.lines.filter((l) => l.type === 'evaluation').map((l) => l.computedScore ?? null);
    expect(sorted.lines.some((l) => l.type === 'subtotal')).toBe(false);
    const known = scores.filter((v): v is string => v !== null);
    expect(known).toEqual([...known].sort((a, b) => new D(b).cmp(a)));
    expect(scores.slice(known.length).every((v) => v === null)).toBe(true);
    const ascending = await table('admin', '?year=2023&sort=computed&order=asc');
    expect(ascending.lines.filter((l) => l.type === 'evaluation')[0]!.computedScore).toBe(known.at(-1));
  });

  it('sends a browser (which takes gzip) the same table gzipped, and anyone else plain JSON', async () => {
    for (const url of ['/api/summary?year=2023', '/api/dashboard']) {
      const plain = await call('admin', 'GET', url);
      const a = auth.admin!;
      const zipped = await app.inject({
        method: 'GET',
        url,
        headers: { cookie: a.cookie, 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(zipped.headers['content-encoding'], url).toBe('gzip');
      expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8')), url).toEqual(plain.json());
    }
  });

  it('answers a bad page, order or filter with a 400 in Chinese that names it', async () => {
    for (const [query, words] of [
      ['?pageSize=0', '每页行数'],
      ['?page=abc', '页码'],
      ['?pageSize=100000', '每页行数'],
      ['?sort=evil', '排序'],
      ['?order=up', '顺序'],
      ['?kind=budget', '类型'],
      ['?status=deleted', '状态'],
      ['?grade=A', '等级'],
      [`?region=${encodeURIComponent('\u0007')}`, '地区'],
    ] as const) {
      for (const url of [`/api/summary${query}`, `/api/dashboard${query}`]) {
        const r = await call('admin', 'GET', url);
        if (url.startsWith('/api/dashboard') && /page|sort|order/.test(query)) continue;
        expect(r.statusCode, url).toBe(400);
        expect(r.json().error, url).toContain(words);
      }
    }
  });

  it('answers the change at once: a new 复核得分 is in the next 汇总表, not the one kept before it', async () => {
    const before = await table('reviewerR2', '?year=2021');
    expect(before.lines.find((l) => l.id === ids.c2021)!.reviewScore).toBe('95.5');
    const saved = await call('reviewerR2', 'PUT', `/api/evaluations/${ids.c2021}/review`, {
      reviewTotal: '91',
    });
    expect(saved.statusCode).toBe(200);
    const after = await table('reviewerR2', '?year=2021');
    expect(after.lines.find((l) => l.id === ids.c2021)!.reviewScore).toBe('91');
    const back = await call('reviewerR2', 'PUT', `/api/evaluations/${ids.c2021}/review`, {
      reviewTotal: '95.5',
    });
    expect(back.statusCode).toBe(200);
    expect((await table('reviewerR2', '?year=2021')).lines.find((l) => l.id === ids.c2021)!.reviewScore).toBe(
      '95.5',
    );
  });

  it('看板: lower bounds are counted apart, not as scores; the year-on-year covers every year', async () => {
    const r = await call('admin', 'GET', '/api/dashboard?year=2024');
    expect(r.statusCode).toBe(200);
    const d = r.json() as {
      distribution: {
        bins: Array<{ label: string; stated: number; computed: number }>;
        incomplete: number;
        unscored: number;
      };
      totals: { budget: string; executed: string; rate: string | null };
      yearOnYear: {
        years: number[];
        departments: Array<{
          department: string;
          years: Array<{
            year: number;
            rate: string | null;
            rateChange: string | null;
            previousYear: number | null;
          }>;
        }>;
      };
    };
    // Checked against the list's scores, which the admin sees for every evaluation.
    const listed = (await call('admin', 'GET', '/api/evaluations')).json() as Array<{
      year: number | null;
      computedScore: string | null;
      totalIncomplete: boolean;
    }>;
    const scores = listed.filter((s) => s.year === 2024);
    const lowerBounds = scores.filter((s) => s.totalIncomplete);
    expect(lowerBounds.length).toBeGreaterThan(0);
    expect(d.distribution.incomplete).toBe(lowerBounds.length);
    const inBins = d.distribution.bins.reduce((s, b) => s + b.computed, 0);
    expect(inBins).toBe(scores.filter((s) => !s.totalIncomplete && s.computedScore !== null).length);
    // Seed 003's lower bounds (10.00 with blank 完成值) would all fall under 60: none may.
    expect(d.distribution.bins.find((b) => b.label === '<60')!.computed).toBe(0);

    const all = await call('admin', 'GET', '/api/dashboard');
    const full = all.json() as typeof d;
    expect(full.distribution.bins.find((b) => b.label === '<60')!.computed).toBe(0);
    expect(full.distribution.incomplete).toBe(listed.filter((s) => s.totalIncomplete).length);
    // Seed 001 (2021) scores completely: it is in a band.
    expect(full.distribution.bins.reduce((s, b) => s + b.computed, 0)).toBeGreaterThan(0);

    // Whatever the year filter, 甲局's 2023 and 2024 are there, the change in 百分点.
    expect(d.yearOnYear.years).toEqual([2021, 2023, 2024]);
    const a = d.yearOnYear.departments.find((x) => x.department === '甲局')!;
    const y2023 = sum(Object.values(SEED_003).map((f) => f[2]))
      .div(sum(Object.values(SEED_003).map((f) => f[1])))
      .times(100);
    // 2024 has the draft too (the admin sees it): the same figures twice.
    const y2024 = new D(A_2024.executed).div(A_2024.adjusted).times(100);
    expect(a.years.map((y) => [y.year, y.rate])).toEqual([
      [2023, y2023.toFixed(2)],
      [2024, y2024.toFixed(2)],
    ]);
    expect(a.years[1]).toMatchObject({ previousYear: 2023, rateChange: y2024.minus(y2023).toFixed(2) });
    expect(a.years[0]!.rateChange).toBeNull();

    // The reviewer of R1 does not see R2's 丙局 in the year-on-year either.
    const r1 = (await call('reviewerR1', 'GET', '/api/dashboard')).json() as typeof d;
    expect(r1.yearOnYear.departments.map((x) => x.department).sort()).toEqual([HOSTILE, '甲局'].sort());
    // Totals come from decimal sums of the departments' figures.
    expect(d.totals.budget).toBe(
      new D(A_2024.adjusted)
        .times(2)
        .plus(sum(SEED_000.map((s) => s[0])))
        .toFixed(2),
    );
  });
});
