/**
 * Reading a report file of any kind. Each reader (and the library behind it: pdfjs, exceljs, SheetJS,
 * mammoth, opencc) is imported when a file of its kind arrives, so a command that reads one text file
 * does not load them all at start.
 */
import { open, stat } from 'node:fs/promises';
import type { EvaluationDocument } from '@jixiao/core';
import { MAX_FILE_BYTES, ReadError } from './read-error.ts';
import type { ReadPdfOptions } from './pdf/read-pdf.ts';

export { MAX_FILE_BYTES, ReadError } from './read-error.ts';

type Readers = typeof import('./readers.ts');
let provided: Readers | undefined;

/**
 * Hands over every reader, already loaded, for a process that reads all kinds anyway: the server's upload
 * worker, whose tsx loader (a worker thread on Node 20) cannot import() a .ts file on demand.
 */
export function provideReaders(readers: Readers): void {
  provided = readers;
}

/** Share of control characters and replacement marks above which text is taken for binary data. */
const BINARY_SHARE = 0.01;
// eslint-disable-next-line no-control-regex -- control characters are exactly what marks binary data
const CONTROL = /[\u0000-\u0008\u000E-\u001F\uFFFD]/g;

function looksBinary(text: string): boolean {
  if (!text.length) return false;
  const bad = text.match(CONTROL)?.length ?? 0;
  return bad / text.length > BINARY_SHARE;
}

/** UTF-8 (with or without BOM) first, then GB18030 (older Windows exports); binary is refused. */
export function decodeReport(bytes: Uint8Array, file: string): string {
  // Notepad's "Unicode" is UTF-16 with a BOM; its NUL bytes are not binary data.
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  if (utf16) {
    try {
      return checkText(new TextDecoder(utf16, { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), file);
    } catch (error) {
      if (error instanceof ReadError) throw error;
      throw new ReadError(file, `${file} 以 UTF-16 标记开头，但内容不是有效的 UTF-16 文本`);
    }
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new ReadError(file, `${file} 不是文本文件（第 ${nul + 1} 个字节是空字符），请导出为 .txt 后再导入`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new ReadError(file, `${file} 既不是 UTF-8 也不是 GB18030 编码的文本，无法读取`);
    }
  }
  return checkText(text.replace(/^\uFEFF/, ''), file);
}

function checkText(text: string, file: string): string {
  if (looksBinary(text)) {
    const at = text.search(CONTROL);
    const line = text.slice(0, at).split('\n').length;
    throw new ReadError(file, `${file} 第 ${line} 行起含有大量控制字符，看起来不是文本文件`, line);
  }
  return text;
}

/** Reads a report file from disk; throws ReadError for anything that is not a readable report. */
export async function readDocumentFile(
  path: string,
  options: ReadDocumentOptions = {},
): Promise<EvaluationDocument> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ReadError(path, `${path} 不是文件`);
    size = info.size;
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(path, `找不到或无法打开文件 ${path}`);
  }
  if (size === 0) throw new ReadError(path, `${path} 是空文件`);
  if (size > MAX_FILE_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    throw new ReadError(
      path,
      `${path} 有 ${mb} MB，超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 的上限，不像一份自评报告`,
    );
  }
  let bytes: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch {
    throw new ReadError(path, `无法读取文件 ${path}（没有读取权限，或读取时出错）`);
  }
  return readDocumentBytes(bytes, path, options);
}

/**
 * Reads a report handed over as bytes (an upload, a file already in memory). `file` names it in
 * messages and provenance. Same limits and errors as readDocumentFile.
 */
export async function readDocumentBytes(
  bytes: Uint8Array,
  file: string,
  options: ReadDocumentOptions = {},
): Promise<EvaluationDocument> {
  if (bytes.length === 0) throw new ReadError(file, `${file} 是空文件`);
  if (bytes.length > MAX_FILE_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw new ReadError(
      file,
      `${file} 有 ${mb} MB，超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 的上限，不像一份自评报告`,
    );
  }
  const kind = kindOf(bytes, file);
  if (kind === 'pdf')
    return (provided ?? (await import('./pdf/read-pdf.ts'))).readPdf(bytes, file, options.pdf);
  if (kind === 'not-pdf') {
    throw new ReadError(
      file,
      `${file} 的扩展名是 .pdf，但内容不是 PDF（文件开头没有 %PDF 标记），可能是改了扩展名的其他文件`,
    );
  }
  if (kind === 'ole2')
    return (provided ?? (await import('./convert/office-binary.ts'))).readOfficeBinary(bytes, file);
  if (kind === 'xlsx')
    return (provided ?? (await import('./xlsx/read.ts'))).readXlsx(Buffer.from(bytes), file);
  if (kind === 'docx')
    return (provided ?? (await import('./docx/read-docx.ts'))).readDocx(Buffer.from(bytes), file);
  if (kind === 'zip') {
    throw new ReadError(
      file,
      `${file} 是压缩包（Office 文件），但扩展名不是 .xlsx 或 .docx，无法判断其格式；请确认扩展名`,
    );
  }
  if (kind === 'html') {
    const [{ decodeHtmlBytes }, { readHtml }] = provided
      ? [provided, provided]
      : await Promise.all([import('./html/decode.ts'), import('./html/read-html.ts')]);
    return readHtml(nonBlank(decodeHtmlBytes(bytes, file), file), file);
  }
  const text = nonBlank(decodeReport(bytes, file), file);
  if (looksLikeHtml(text)) return (provided ?? (await import('./html/read-html.ts'))).readHtml(text, file);
  const [{ readText }, { scriptNormaliser, scriptNotice }] = provided
    ? [provided, provided]
    : await Promise.all([import('./text/read-text.ts'), import('./normalise/script.ts')]);
  // The grid readers normalise their cells themselves; a text file is normalised whole.
  const script = scriptNormaliser([text]);
  const notice = scriptNotice(script);
  if (!notice) return readText(text, file);
  const doc = readText(script.apply(text), file);
  doc.issues.unshift({ severity: 'warning', message: `${file}：${notice}`, source: { file } });
  return doc;
}

function nonBlank(text: string, file: string): string {
  if (text.trim() === '') throw new ReadError(file, `${file} 只有空白，没有内容`);
  return text;
}

/** How a file is read beyond its bytes: a PDF's scanned pages and progress. */
export interface ReadDocumentOptions {
  pdf?: ReadPdfOptions;
}

type Kind = 'pdf' | 'not-pdf' | 'ole2' | 'xlsx' | 'docx' | 'zip' | 'html' | 'text';

/** "%PDF-", which a PDF must have in its first 1024 bytes (ISO 32000-1 §7.5.2, as readers allow). */
function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** D0 CF 11 E0 A1 B1 1A E1: an OLE2 compound file (old Word .doc, Excel .xls, WPS .wps/.et). */
export function isOle2(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return magic.every((b, k) => bytes[k] === b);
}

/**
 * What a file is, by its first bytes and then its name: an Office file is a zip ("PK\x03\x04"); a name
 * ending .xlsx that is not a zip is refused by the xlsx reader with its own message.
 */
function kindOf(bytes: Uint8Array, file: string): Kind {
  const name = file.toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (isPdf(bytes)) return 'pdf';
  if (name.endsWith('.pdf')) return 'not-pdf';
  if (isOle2(bytes)) return 'ole2';
  if (name.endsWith('.xlsx') || name.endsWith('.xlsm')) return 'xlsx';
  // The Word reader says what a renamed file really is (old .doc, PDF, text…).
  if (name.endsWith('.docx') || name.endsWith('.doc')) return 'docx';
  if (zip) return 'zip';
  if (name.endsWith('.html') || name.endsWith('.htm')) return 'html';
  return 'text';
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).toLowerCase();
  return (
    /<!doctype html|<html[\s>]/.test(head) ||
    (/<table[\s>]/.test(text.slice(0, 200_000).toLowerCase()) &&
      /<\/t[dh]>/.test(text.slice(0, 200_000).toLowerCase()))
  );
}
