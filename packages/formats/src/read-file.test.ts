import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, ReadError, readDocumentFile } from './read-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-read-'));
const seed000 = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../examples/seeds/000_424dabb8b7582373.txt',
);

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function failure(path: string): Promise<ReadError> {
  const error = await readDocumentFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

describe('readDocumentFile', () => {
  it('reads a seed from disk', async () => {
    const doc = await readDocumentFile(seed000);
    expect(doc.evaluations[0]!.summaryRows).toHaveLength(8);
  });
  it('reads UTF-8 with a BOM', async () => {
    const path = write('bom.txt', `\uFEFF${readFileSync(seed000, 'utf8')}`);
    const doc = await readDocumentFile(path);
    expect(doc.evaluations[0]!.summaryRows[0]!.adjustedBudget!.raw).toBe('35.20');
  });
  it('reads a GB18030 export', async () => {
    // "序号\t项目名称\t全年预算数\t全年执行数\t预算执行率\t自评得分\t是否有较大偏差\n1\t人民调解\t35.20\t24.81\t70.47%\t93.85\t\n" in GB18030
    const hex =
      'd0f2bac509cfeec4bfc3fbb3c609c8abc4ead4a4cbe3cafd09c8abc4ead6b4d0d0cafd09d4a4cbe3d6b4d0d0c2ca09d7d4c6c0b5c3b7d609cac7b7f1d3d0bdcfb4f3c6abb2ee0a3109c8cbc3f1b5f7bde20933352e32300932342e38310937302e3437250939332e3835090a';
    const path = write('gbk.txt', Buffer.from(hex, 'hex'));
    const doc = await readDocumentFile(path);
    const row = doc.evaluations[0]!.summaryRows[0]!;
    expect([row.name, row.adjustedBudget!.raw, row.executionRate!.raw]).toEqual([
      '人民调解',
      '35.20',
      '70.47%',
    ]);
  });
  it("reads Notepad's UTF-16 with its BOM", async () => {
    const text = readFileSync(seed000, 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const doc = await readDocumentFile(write('utf16.txt', utf16));
    expect(doc.evaluations[0]!.summaryRows[7]!.name).toBe('城乡困难群体法律援助');
  });
  it('refuses an empty file, naming it', async () => {
    const path = write('empty.txt', '');
    const e = await failure(path);
    expect(e.message).toBe(`${path} 是空文件`);
    expect(e.file).toBe(path);
  });
  it('refuses a file of whitespace only', async () => {
    const e = await failure(write('blank.txt', ' \n\t\n\u3000\r\n'));
    expect(e.message).toContain('只有空白');
  });
  it('refuses binary data with NUL bytes', async () => {
    const e = await failure(
      write(
        'image.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      ),
    );
    expect(e.message).toContain('不是文本文件');
    expect(e.message).toContain('第 9 个字节');
  });
  it('refuses bytes that are neither UTF-8 nor GB18030', async () => {
    const e = await failure(write('garbage.bin', Buffer.from([0x41, 0xff, 0xff, 0x41, 0x0a])));
    expect(e.message).toContain('既不是 UTF-8 也不是 GB18030');
  });
  it('refuses text full of control characters, with the line where they start', async () => {
    const e = await failure(write('control.txt', `标题\n第二行\n${'\u0001\u0002\u0003abc'.repeat(50)}`));
    expect(e.message).toContain('第 3 行起含有大量控制字符');
    expect(e.line).toBe(3);
  });
  it('refuses a 50 MB file before reading it', async () => {
    const path = write('huge.txt', '');
    truncateSync(path, 50 * 1024 * 1024);
    const e = await failure(path);
    expect(e.message).toBe(
      `${path} 有 50.0 MB，超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 的上限，不像一份自评报告`,
    );
  });
  it('reports a missing file as a ReadError, not a stack trace', async () => {
    const e = await failure(join(dir, 'no-such-file.txt'));
    expect(e.message).toContain('找不到或无法打开文件');
  });
});
