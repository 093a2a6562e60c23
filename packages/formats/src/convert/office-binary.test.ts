import * as XLSX from 'xlsx-republish';
import { describe, expect, it } from 'vitest';
import { readDocumentBytes, ReadError } from '../read-file.ts';

/** A compound file (OLE2) holding the given streams, written by SheetJS's own CFB writer. */
function compound(streams: Record<string, string>): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams))
    XLSX.CFB.utils.cfb_add(cfb, `/${name}`, Buffer.from(content));
  return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

async function failure(bytes: Uint8Array, file: string): Promise<string> {
  const error = await readDocumentBytes(bytes, file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  return (error as Error).message;
}

describe('Office 97-2003 compound files are told apart by what they hold', () => {
  it('a password-protected Office file (EncryptedPackage inside) says it has a password, whatever its name', async () => {
    const bytes = compound({ EncryptionInfo: 'x', EncryptedPackage: 'y' });
    expect(await failure(bytes, '自评表.xlsx')).toMatch(/^自评表\.xlsx 设有打开密码/);
    expect(await failure(bytes, '报告.docx')).toMatch(/^报告\.docx 设有打开密码/);
  });

  it('a compound file that is neither a workbook nor a document is named as such', async () => {
    expect(await failure(compound({ Contents: 'x' }), '附件.bin')).toMatch(
      /^附件\.bin 是 Office 97-2003 格式的复合文件，但不是 Word 文档或 Excel 工作簿/,
    );
  });

  it('an .xls whose workbook stream is garbage is a Chinese error naming the file, not a stack', async () => {
    const message = await failure(compound({ Workbook: 'not a BIFF record stream at all' }), '坏表.xls');
    expect(message).toMatch(/^坏表\.xls /);
    expect(message).not.toMatch(/Error|at |undefined/);
  }, 120_000);

  it('an .xls of a 自评表 written by another program (SheetJS BIFF8) reads by its headers', async () => {
    const rows = [
      ['项目支出绩效自评表'],
      ['（2023年度）'],
      ['项目名称', '法律援助', '', '', '', '', ''],
      ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      ['', '年度资金总额', '10.00', '10.00', '9.00', '10', '90.00%', '9'],
    ];
    const ws = XLSX.utils.aoa_to_sheet(rows);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '自评表');
    const xls = XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    const doc = await readDocumentBytes(xls, '法律援助.xls');
    expect(doc.evaluations).toHaveLength(1);
    const total = doc.evaluations[0]!.budget.find((b) => b.label === '年度资金总额');
    expect([total?.adjustedBudget?.raw, total?.executed?.raw]).toEqual(['10.00', '9.00']);
  });
});
