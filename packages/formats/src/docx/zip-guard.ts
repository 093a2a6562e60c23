import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { ReadError } from '../read-error.ts';

/** Limits for a Word file; a report with its photos is a few MB unpacked. */
export const DOCX_LIMITS = {
  /** Total unpacked size of all parts. */
  totalBytes: 100 * 1024 * 1024,
  /** Parts in the package: a report has a few dozen. */
  entries: 5000,
  /** Unpacked/packed ratio above which a large part is taken for a zip bomb (text XML packs ~10:1). */
  ratio: 200,
  /** Parts smaller than this are not judged by ratio: a tiny XML of spaces packs very well. */
  ratioFloor: 1024 * 1024,
};

const PK = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(data: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => data[i] === b);
}

/** What a file that is not a zip is instead, for a message the user can act on. */
function notZip(data: Buffer, file: string): ReadError {
  if (startsWith(data, OLE)) {
    return new ReadError(
      file,
      `${file} 是旧版 Word 97-2003（.doc）文件或加了密码的文档，不是 .docx；请在 Word 中去掉密码并“另存为 .docx”后再导入`,
    );
  }
  const head = data.subarray(0, 1024).toString('latin1');
  if (head.startsWith('%PDF')) return new ReadError(file, `${file} 是 PDF 文件，不是 Word 文档（.docx）`);
  if (head.startsWith('{\\rtf'))
    return new ReadError(file, `${file} 是 RTF 文件，请在 Word 中另存为 .docx 后再导入`);
  if (/^\s*<(!doctype html|html|\?xml)/i.test(head)) {
    return new ReadError(file, `${file} 是网页或 XML 文件，不是 Word 文档（.docx）；网页请按 .html 导入`);
  }
  let text = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(0, 64 * 1024));
  } catch {
    text = false;
  }
  if (text && !data.subarray(0, 64 * 1024).includes(0)) {
    return new ReadError(file, `${file} 是文本文件，不是 Word 文档（.docx）；请把扩展名改为 .txt 后导入`);
  }
  return new ReadError(file, `${file} 不是 Word 文档：.docx 是 zip 压缩包，而这个文件不是`);
}

function openZip(data: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      data,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

/** The central directory, stopping early once there are more parts than any report has. */
function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('error', reject);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      if (entries.length > DOCX_LIMITS.entries) resolve(entries);
      else zip.readEntry();
    });
    zip.readEntry();
  });
}

/** Reads every part to its end, counting real bytes: declared sizes can lie, inflated ones cannot. */
function drain(zip: ZipFile, entry: Entry, budget: { bytes: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      stream.on('data', (chunk: Buffer) => {
        budget.bytes -= chunk.length;
        if (budget.bytes < 0) {
          stream.destroy();
          reject(new Error('too-large'));
        }
      });
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
  });
}

/**
 * Checks that a .docx is a sound Word package before any parser inflates it: a zip at all, not
 * broken, not a zip bomb (total size, part count, compression ratio — declared and then real),
 * and a Word document rather than another Office file. Throws ReadError with a Chinese message.
 */
export async function checkDocxPackage(data: Buffer, file: string): Promise<void> {
  if (data.length === 0) throw new ReadError(file, `${file} 是空文件`);
  if (!startsWith(data, PK)) throw notZip(data, file);
  let zip: ZipFile;
  try {
    zip = await openZip(data);
  } catch (error) {
    throw new ReadError(
      file,
      `${file} 已损坏，无法作为 Word 文档打开（zip 结构有误：${(error as Error).message}）`,
    );
  }
  const tooLarge = () =>
    new ReadError(
      file,
      `${file} 解压后超过 ${Math.round(DOCX_LIMITS.totalBytes / 1024 / 1024)} MB，疑似“压缩炸弹”，未读取`,
    );
  const names = new Set<string>();
  try {
    // First the directory alone: declared sizes, part count, ratios — nothing inflated yet.
    const entries = await listEntries(zip);
    let declared = 0;
    for (const entry of entries) {
      names.add(entry.fileName);
      declared += entry.uncompressedSize;
      const packed = Math.max(entry.compressedSize, 1);
      const ratio = entry.uncompressedSize / packed;
      if (entry.uncompressedSize > DOCX_LIMITS.ratioFloor && ratio > DOCX_LIMITS.ratio) {
        throw new ReadError(
          file,
          `${file} 中的「${entry.fileName}」压缩比达 ${Math.round(ratio)} 倍，疑似“压缩炸弹”，未读取`,
        );
      }
    }
    if (entries.length > DOCX_LIMITS.entries) {
      throw new ReadError(
        file,
        `${file} 含有 ${entries.length} 个部件（上限 ${DOCX_LIMITS.entries}），不像一份 Word 报告，疑似恶意文件`,
      );
    }
    if (declared > DOCX_LIMITS.totalBytes) throw tooLarge();
    // Then every part inflated and counted: a part that inflates past its declared size is refused.
    const budget = { bytes: DOCX_LIMITS.totalBytes };
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      await drain(zip, entry, budget).catch((error: Error) => {
        throw error.message === 'too-large' ? tooLarge() : error;
      });
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(file, `${file} 已损坏，部分内容无法解压（${(error as Error).message}）`);
  } finally {
    zip.close();
  }
  if (!names.has('word/document.xml')) {
    if (names.has('xl/workbook.xml'))
      throw new ReadError(file, `${file} 是 Excel 工作簿，不是 Word 文档；请按 .xlsx 导入`);
    if (names.has('ppt/presentation.xml'))
      throw new ReadError(file, `${file} 是 PowerPoint 演示文稿，不是 Word 文档`);
    throw new ReadError(file, `${file} 是 zip 压缩包，但不是 Word 文档（缺少 word/document.xml）`);
  }
}
