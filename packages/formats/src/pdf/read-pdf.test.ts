import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDocumentBytes, readDocumentFile, ReadError } from '../read-file.ts';
import { openPdf } from './open.ts';
import { pageContent } from './page-content.ts';
import { cellText, findRuledTables, placeText } from './ruled-grid.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/pdf');
const BUDGET = join(FIXTURES, 'putuo-justice-2026-dept-budget.pdf');

/** A page's ruled tables as rows of cell texts (merged cells once, at their top-left). */
async function tablesOf(file: string, page: number): Promise<string[][][]> {
  const doc = await openPdf(readFileSync(file), file);
  try {
    const content = await pageContent(await doc.getPage(page));
    const tables = findRuledTables(content.rulings);
    placeText(tables, content.pieces);
    return tables.map((t) => {
      const rows = Array.from({ length: t.ys.length - 1 }, () => Array<string>(t.xs.length - 1).fill(''));
      for (const c of t.cells) rows[c.row]![c.col] = cellText(c.pieces);
      return rows;
    });
  } finally {
    await doc.destroy();
  }
}

/** A PDF of the given objects (numbered from 1, the first the catalog) with a correct xref table. */
function pdfOf(objects: string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, k) => {
    offsets.push(body.length);
    body += `${k + 1} 0 obj ${o} endobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function failure(bytes: Uint8Array, file: string): Promise<ReadError> {
  const error = await readDocumentBytes(bytes, file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

describe('a real WPS PDF (CID fonts, tables ruled with thin filled rectangles)', () => {
  it('rebuilds the 收入预算总表 grid: two-level header with its spans, then one row per 科目', async () => {
    const [table] = await tablesOf(BUDGET, 11);
    expect(table![0]!.slice(0, 5)).toEqual(['项目', '', '', '', '收入预算']);
    expect(table![1]).toEqual([
      '功能分类科目编码',
      '',
      '',
      '功能分类科目名称',
      '合计',
      '财政拨款收入',
      '事业收入',
      '事业单位经营收入',
      '其他收入',
    ]);
    expect(table![2]!.slice(0, 3)).toEqual(['类', '款', '项']);
    expect(table).toContainEqual([
      '204',
      '06',
      '01',
      '行政运行',
      '16726725.44',
      '16726725.44',
      '0.00',
      '0.00',
      '0.00',
    ]);
  });

  it('reads prose with page and line, and names each table by its page and title', async () => {
    const doc = await readDocumentFile(BUDGET);
    const income = doc.statements.find((s) => s.value.raw === '9628.22万元' && /收入预算/.test(s.text));
    expect(income?.source).toMatchObject({ file: BUDGET, page: 8, line: 2 });
    expect(doc.issues.map((i) => i.message)).toContain(
      '第 11 页第 1 个表格「2026年部门收入预算总表」像是表格，但没有认出表头或栏目名称，未读取',
    );
    for (const issue of doc.issues) expect(issue.message).not.toMatch(/Error|undefined|种子/);
  });
});

describe('bad PDFs are Chinese ReadErrors naming the file, never a stack', () => {
  it('a truncated download', async () => {
    const bytes = readFileSync(BUDGET);
    const error = await failure(bytes.subarray(0, 4000), '预算.pdf');
    expect(error.message).toMatch(/^预算\.pdf .*(不完整|损坏)/);
  });

  it('a PDF with an open password', async () => {
    const error = await failure(readFileSync(join(FIXTURES, 'encrypted-open-password.pdf')), '加密.pdf');
    expect(error.message).toMatch(/^加密\.pdf 设有打开密码/);
  });

  it('a page-count bomb: a million pages made of one page object shared a thousand times over', async () => {
    const kids = (ref: string) => Array<string>(1000).fill(ref).join(' ');
    const pdf = pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      `<< /Type /Pages /Count 1000000 /Kids [${kids('3 0 R')}] >>`,
      `<< /Type /Pages /Parent 2 0 R /Count 1000 /Kids [${kids('4 0 R')}] >>`,
      '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] >>',
    ]);
    const error = await failure(pdf, 'bomb.pdf');
    expect(error.message).toMatch(/^bomb\.pdf 有 1000000 页，超过 500 页的上限/);
  });

  it('a renamed binary: bytes that are no PDF under a .pdf name', async () => {
    const error = await failure(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]), '报告.pdf');
    expect(error.message).toMatch(/^报告\.pdf 的扩展名是 \.pdf，但内容不是 PDF/);
  });

  it('a PDF under another name is still read as a PDF', async () => {
    const doc = await readDocumentBytes(readFileSync(BUDGET), '预算.txt');
    expect(doc.statements.length).toBeGreaterThan(10);
  });
});
