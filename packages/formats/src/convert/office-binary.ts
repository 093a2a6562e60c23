import type { EvaluationDocument } from '@jixiao/core';
import * as XLSX from 'xlsx-republish';
import { readDocx } from '../docx/read-docx.ts';
import { ReadError } from '../read-error.ts';
import { parseWorkbook, readWorkbookGrids } from '../xlsx/workbook-grid.ts';
import { readXlsx } from '../xlsx/read.ts';
import { ConvertFailure, convertWithLibreOffice } from './libreoffice.ts';

/** What an OLE2 compound file holds, by its streams. */
type Content = 'workbook' | 'word' | 'wps' | 'encrypted' | 'unknown';

interface CfbEntry {
  name: string;
}

/** The streams of a compound file say what it is, whatever its name says. */
function contentOf(bytes: Uint8Array): Content {
  let names: string[];
  try {
    // SheetJS ships a compound-file reader (its types leave it untyped).
    const cfb = (XLSX.CFB as { read: (d: Uint8Array, o: object) => { FileIndex: CfbEntry[] } }).read(bytes, {
      type: 'buffer',
    });
    names = cfb.FileIndex.map((e) => e.name);
  } catch {
    return 'unknown';
  }
  const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
  if (has('EncryptedPackage') || has('EncryptionInfo')) return 'encrypted';
  if (has('Workbook') || has('Book')) return 'workbook';
  if (has('WordDocument')) return 'word';
  if (names.some((n) => /^wps/i.test(n))) return 'wps';
  return 'unknown';
}

function extensionOf(file: string): string {
  return /\.([a-z0-9]{1,5})$/i.exec(file)?.[1]?.toLowerCase() ?? '';
}

/** The message for a file only LibreOffice can open, when it could not. */
function conversionError(file: string, failure: unknown, kind: 'word' | 'sheet'): ReadError {
  const what =
    kind === 'word' ? '旧版 Word 或 WPS 文字文档（.doc/.wps）' : 'WPS 表格或旧版 Excel 工作簿（.et/.xls）';
  const pkg = kind === 'word' ? 'libreoffice-writer-nogui' : 'libreoffice-calc-nogui';
  const resave =
    kind === 'word'
      ? '也可以在 Word 或 WPS 中“另存为 .docx”后再导入'
      : '也可以在 Excel 或 WPS 中“另存为 .xlsx”后再导入';
  const reason = failure instanceof ConvertFailure ? failure.reason : 'failed';
  if (reason === 'missing') {
    return new ReadError(
      file,
      `${file} 是${what}，读取它需要 LibreOffice，本机没有安装（Debian/Ubuntu：apt-get install ${pkg}）；${resave}`,
    );
  }
  if (reason === 'timeout') {
    return new ReadError(file, `${file} 是${what}，LibreOffice 转换超时，文件可能已损坏；${resave}`);
  }
  return new ReadError(file, `${file} 是${what}，LibreOffice 无法转换它，文件可能已损坏；${resave}`);
}

/**
 * Reads an OLE2 compound file — Excel 97-2003 .xls, WPS 表格 .et, Word 97-2003 .doc, WPS 文字
 * .wps — by what its streams hold, not its name. A workbook is read by SheetJS when it can; a
 * Word or WPS document (and a workbook SheetJS cannot read) is converted by LibreOffice to
 * .docx/.xlsx and read as that. An encrypted Office file says so.
 */
export async function readOfficeBinary(bytes: Uint8Array, file: string): Promise<EvaluationDocument> {
  const content = contentOf(bytes);
  const ext = extensionOf(file);
  if (content === 'encrypted') {
    throw new ReadError(file, `${file} 设有打开密码，无法读取；请在 Office 或 WPS 中去掉密码后再导入`);
  }
  const sheetLike = content === 'workbook' || (content === 'unknown' && (ext === 'xls' || ext === 'et'));
  if (sheetLike) {
    if (content === 'workbook') {
      try {
        return await readSheetJsWorkbook(bytes, file);
      } catch (error) {
        if (!(error instanceof ReadError) || /密码/.test(error.message)) throw error;
        // SheetJS could not: LibreOffice may.
      }
    }
    let xlsx: Buffer;
    try {
      xlsx = await convertWithLibreOffice(bytes, ext === 'et' ? 'et' : 'xls', 'xlsx');
    } catch (error) {
      throw conversionError(file, error, 'sheet');
    }
    return readXlsx(xlsx, file);
  }
  if (
    content === 'word' ||
    content === 'wps' ||
    ext === 'doc' ||
    ext === 'wps' ||
    ext === 'dot' ||
    ext === 'wpt'
  ) {
    let docx: Buffer;
    try {
      docx = await convertWithLibreOffice(bytes, content === 'wps' || ext === 'wps' ? 'wps' : 'doc', 'docx');
    } catch (error) {
      throw conversionError(file, error, 'word');
    }
    return readDocx(docx, file);
  }
  throw new ReadError(
    file,
    `${file} 是 Office 97-2003 格式的复合文件，但不是 Word 文档或 Excel 工作簿，无法读取（请另存为 .docx 或 .xlsx 后再导入）`,
  );
}

/**
 * An .xls read by SheetJS: written out again as .xlsx and read by the xlsx reader, so that a form
 * jixiao wrote reads back by its layout and any other sheet by the shared recogniser.
 */
async function readSheetJsWorkbook(bytes: Uint8Array, file: string): Promise<EvaluationDocument> {
  const wb = parseWorkbook(bytes, file);
  if (!wb.SheetNames.length) throw new ReadError(file, `${file} 中没有工作表`);
  let xlsx: Buffer;
  try {
    xlsx = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  } catch {
    return readWorkbookGrids(wb, file);
  }
  return readXlsx(xlsx, file);
}
