import { crc32, createDeflateRaw } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ReadError } from '../read-error.ts';
import { XLSX_LIMITS } from './guard.ts';
import { readXlsx } from './read.ts';
import { makeZip, type ZipPart } from '../testing/zip.ts';

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);
const WORKBOOK = Buffer.from('<?xml version="1.0"?><workbook/>');

/** Deflates a part generated chunk by chunk, so the test itself never holds it inflated. */
async function deflateChunks(chunks: Iterable<Buffer>): Promise<NonNullable<ZipPart['deflated']>> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    size += chunk.length;
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), size, crc };
}

async function expectReadError(data: Buffer, pattern: RegExp): Promise<ReadError> {
  const error = await readXlsx(data, 'bad.xlsx').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReadError);
  expect((error as ReadError).message).toMatch(pattern);
  expect((error as ReadError).message).toContain('bad.xlsx');
  return error as ReadError;
}

describe('hostile xlsx files give a Chinese ReadError, not a crash', () => {
  it('an empty file', async () => {
    await expectReadError(Buffer.alloc(0), /空文件/);
  });

  it('a text file renamed .xlsx', async () => {
    await expectReadError(
      Buffer.from('项目名称\t人民调解\n全年预算数\t35.20\n'),
      /不是 xlsx 文件.*文本.*扩展名/,
    );
  });

  it('an old binary .xls', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    await expectReadError(ole, /97-2003.*另存为 \.xlsx/);
  });

  it('a broken zip (cut off in the middle)', async () => {
    const whole = makeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/workbook.xml', data: WORKBOOK },
    ]);
    await expectReadError(whole.subarray(0, whole.length - 30), /已损坏/);
  });

  it('a zip that is not a workbook (a .docx renamed)', async () => {
    const docx = makeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    await expectReadError(docx, /Word（\.docx）/);
  });

  it('a zip bomb: refused from the central directory, before inflating', async () => {
    const zeros = Buffer.alloc(1024 * 1024);
    const bomb = await deflateChunks(Array.from({ length: 150 }, () => zeros));
    const data = makeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/worksheets/sheet1.xml', deflated: bomb },
    ]);
    expect(data.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    await expectReadError(data, /压缩炸弹.*150\.0 MB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it(`a sheet with 1,000,000 rows: refused above ${XLSX_LIMITS.maxRowsPerSheet} rows, in bounded memory`, async () => {
    function* rows(): Generator<Buffer> {
      yield Buffer.from('<?xml version="1.0"?><worksheet><sheetData>');
      for (let block = 0; block < 1000; block++) {
        let xml = '';
        for (let k = 1; k <= 1000; k++) {
          const r = block * 1000 + k;
          xml += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
        }
        yield Buffer.from(xml);
      }
      yield Buffer.from('</sheetData></worksheet>');
    }
    const sheet = await deflateChunks(rows());
    const data = makeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/worksheets/sheet1.xml', deflated: sheet },
    ]);
    const before = process.memoryUsage().rss;
    await expectReadError(data, /超过 50000 行.*拆分/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('a part that lies about its size', () => {
  it('stops at the declared size: 150 MB of zeros declared as 1 KB is a ReadError, in bounded memory', async () => {
    const zeros = Buffer.alloc(1024 * 1024);
    const bomb = await deflateChunks(Array.from({ length: 150 }, () => zeros));
    const data = makeZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/sharedStrings.xml', deflated: { ...bomb, size: 1024 } },
    ]);
    const before = process.memoryUsage().rss;
    await expectReadError(data, /已损坏.*sharedStrings\.xml.*大小与记录不符/);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });
});
