// Printing the 自评表: the indicator header repeats on every page, the form fits the page's width, and
// no merged 一级 group is cut across two pages where it fits on one.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentAudit } from '@jixiao/core';
import { zipEntryText } from '../testing/zip.ts';
import { seedAudits } from './seed-results.ts';
import { writeWorkbookXlsx } from './write.ts';

let audits: DocumentAudit[];

beforeAll(async () => {
  ({ audits } = await seedAudits());
});

interface SheetPrint {
  titles: string | undefined;
  breaks: number[];
  merges: Array<[string, number, number]>;
  fitToWidth: string | undefined;
  fitToHeight: string | undefined;
  cells: Map<string, string>;
}

async function printOf(xlsx: Buffer, sheet: number): Promise<SheetPrint> {
  const book = await zipEntryText(xlsx, 'xl/workbook.xml');
  const xml = await zipEntryText(xlsx, `xl/worksheets/sheet${sheet + 1}.xml`);
  const shared = [
    ...(await zipEntryText(xlsx, 'xl/sharedStrings.xml')).matchAll(/<t[^>]*>([^<]*)<\/t>/g),
  ].map((m) => m[1]!);
  const titles = new RegExp(
    `name="_xlnm.Print_Titles" localSheetId="${sheet}">[^<]*!\\$(\\d+):\\$(\\d+)<`,
  ).exec(book);
  const cells = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*t="s"[^>]*><v>(\d+)<\/v>/g))
    cells.set(m[1]!, shared[Number(m[2])]!);
  return {
    titles: titles ? `${titles[1]}:${titles[2]}` : undefined,
    breaks: [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1])),
    merges: [...xml.matchAll(/<mergeCell ref="([A-Z]+)(\d+):[A-Z]+(\d+)"/g)].map((m) => [
      m[1]!,
      Number(m[2]),
      Number(m[3]),
    ]),
    fitToWidth: /fitToWidth="(\d+)"/.exec(xml)?.[1],
    fitToHeight: /fitToHeight="(\d+)"/.exec(xml)?.[1],
    cells,
  };
}

/** Row of the first cell holding `text`. */
function rowOf(p: SheetPrint, text: string): number {
  const found = [...p.cells].find(([, t]) => t === text);
  if (!found) throw new Error(`没有找到「${text}」`);
  return Number(/\d+/.exec(found[0])![0]);
}

describe('the 自评表 printed', () => {
  it('seed 002: the two indicator rows and the notes that would spill onto a second page are fitted onto one', async () => {
    const audit = audits.find((a) => a.file.includes('002_'))!;
    const p = await printOf(await writeWorkbookXlsx(audit.results), 0);
    expect(p.fitToHeight).toBe('1');
    // Seed 001's form runs to several pages with a break between groups: left to break where it breaks.
    const long = audits.find((a) => a.file.includes('001_'))!;
    const q = await printOf(await writeWorkbookXlsx(long.results), 0);
    expect(q.breaks.length).toBeGreaterThan(0);
    expect(q.fitToHeight).toBe('0');
  });

  it('every sheet of every seed repeats its indicator (or 汇总表) header row, and only that, and fits the page’s width', async () => {
    for (const audit of audits) {
      const xlsx = await writeWorkbookXlsx(audit.results);
      for (const [k, r] of audit.results.entries()) {
        const p = await printOf(xlsx, k);
        expect(p.fitToWidth, audit.file).toBe('1');
        const where = `${audit.file} 第 ${k + 1} 张表`;
        if (!r.evaluation.indicators.length && r.evaluation.kind !== 'summary') {
          // Seed 004: short tables only; no header of one is repeated above another's rows.
          expect(p.titles, where).toBeUndefined();
          continue;
        }
        const header = rowOf(p, r.evaluation.kind === 'summary' ? '序号' : '一级指标');
        expect(p.titles, where).toBe(`${header}:${header}`);
      }
    }
  });

  it('seed 001: pages break between the 一级 groups, the header going with the first, never inside a group', async () => {
    const audit = audits.find((a) => a.file.includes('001_'))!;
    const p = await printOf(await writeWorkbookXlsx(audit.results), 0);
    const header = rowOf(p, '一级指标');
    expect(p.titles).toBe(`${header}:${header}`);
    expect(p.breaks.length).toBeGreaterThan(0);
    // The indicator table starts a page: its header is not left at the foot of the one before.
    expect(p.breaks).toContain(header - 1);
    const groups = p.merges.filter(([c, a]) => c === 'A' && a > header);
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const b of p.breaks) {
      for (const [, a, z] of groups)
        expect(b >= a && b < z, `分页在第 ${b} 行后，落在第 ${a}–${z} 行的一级指标中`).toBe(false);
    }
    // 产出指标 starts a page of its own (it does not fit under 投入管理指标).
    const output = groups.find(([, a]) => p.cells.get(`A${a}`) === '产出指标')!;
    expect(p.breaks).toContain(output[1] - 1);
  });
});
