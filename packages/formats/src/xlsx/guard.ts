import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ReadError } from '../read-error.ts';

/** Limits that keep an xlsx import within bounded memory; a 自评表 is far below each of them. */
export const XLSX_LIMITS = {
  /** Sum of the uncompressed sizes of all parts. */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Uncompressed ÷ compressed size of one part above which it is taken for a zip bomb. */
  maxRatio: 200,
  /** Parts in the archive. */
  maxEntries: 2000,
  /** Rows in one worksheet: a 自评表 has tens, a 汇总表 over a province's projects some thousands. */
  maxRowsPerSheet: 50_000,
};

function openZip(data: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('zip')) : resolve(zip),
    );
  });
}

function entries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const all: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      all.push(e);
      if (all.length > XLSX_LIMITS.maxEntries) {
        zip.close();
        resolve(all);
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(all));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Counts <row elements of a worksheet part while inflating it, and stops as soon as there are too many. */
function countRows(zip: ZipFile, entry: Entry, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('stream'));
      let rows = 0;
      let tail = '';
      stream.on('data', (chunk: Buffer) => {
        const text = tail + chunk.toString('latin1');
        rows += text.match(/<row[\s>]/g)?.length ?? 0;
        // Four characters cannot hold a whole "<row ", so a match is never counted twice.
        tail = text.slice(-4);
        if (rows > limit) {
          stream.destroy();
          resolve(rows);
        }
      });
      stream.on('end', () => resolve(rows));
      stream.on('error', reject);
    });
  });
}

function describeBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/**
 * Checks an xlsx before any parser sees it: that it is a zip at all, that it holds a workbook, that
 * no part inflates beyond the limits (zip bomb), and that no sheet has more rows than a 自评表 can
 * have. Throws a ReadError in Chinese naming the file and the limit.
 */
export async function checkXlsxContainer(data: Buffer, file: string): Promise<void> {
  if (data.length === 0) throw new ReadError(file, `${file} 是空文件`);
  if (data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new ReadError(
      file,
      `${file} 是旧版 Excel 97-2003（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入`,
    );
  }
  if (!(data[0] === 0x50 && data[1] === 0x4b)) {
    const head = data.subarray(0, 512).toString('utf8');
    // eslint-disable-next-line no-control-regex -- control characters are what tells binary from text
    const texty = !/[\u0000-\u0008\u000e-\u001f]/.test(head);
    throw new ReadError(
      file,
      texty
        ? `${file} 不是 xlsx 文件：内容是文本（可能只是把扩展名改成了 .xlsx），请用 Excel 或 WPS 保存为 .xlsx，或按文本文件导入`
        : `${file} 不是 xlsx 文件（xlsx 是 zip 压缩包，这个文件不是），请确认文件类型`,
    );
  }
  let zip: ZipFile;
  let list: Entry[];
  try {
    zip = await openZip(data);
    list = await entries(zip);
  } catch {
    throw new ReadError(file, `${file} 已损坏：zip 压缩包结构无法读取（文件可能没有下载或复制完整）`);
  }
  try {
    if (list.length > XLSX_LIMITS.maxEntries) {
      throw new ReadError(
        file,
        `${file} 含有超过 ${XLSX_LIMITS.maxEntries} 个部件，不像一份自评表，已拒绝导入`,
      );
    }
    let total = 0;
    for (const e of list) {
      total += e.uncompressedSize;
      const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : 0;
      if (e.uncompressedSize > 1024 * 1024 && ratio > XLSX_LIMITS.maxRatio) {
        throw new ReadError(
          file,
          `${file} 疑似压缩炸弹：其中「${e.fileName}」压缩 ${describeBytes(e.compressedSize)}，解压后 ${describeBytes(e.uncompressedSize)}（${Math.round(ratio)} 倍，上限 ${XLSX_LIMITS.maxRatio} 倍），已拒绝导入`,
        );
      }
    }
    if (total > XLSX_LIMITS.maxUncompressedBytes) {
      throw new ReadError(
        file,
        `${file} 解压后共 ${describeBytes(total)}，超过 ${describeBytes(XLSX_LIMITS.maxUncompressedBytes)} 的上限，不像一份自评表，已拒绝导入`,
      );
    }
    if (!list.some((e) => e.fileName === 'xl/workbook.xml')) {
      const kind = list.some((e) => e.fileName.startsWith('word/'))
        ? '这是 Word（.docx）文件'
        : '压缩包里没有 Excel 工作簿（xl/workbook.xml）';
      throw new ReadError(file, `${file} 不是 xlsx 文件：${kind}`);
    }
    // Every part is inflated once here, with its declared size enforced: a part that lies about its
    // size (a bomb behind a small header) stops at the lie instead of inside the parser.
    for (const e of list.filter((x) => !x.fileName.endsWith('/'))) {
      const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.fileName);
      let rows: number;
      try {
        rows = await countRows(zip, e, sheet ? XLSX_LIMITS.maxRowsPerSheet : Infinity);
      } catch {
        throw new ReadError(file, `${file} 已损坏：其中「${e.fileName}」无法解压，或解压后的大小与记录不符`);
      }
      if (!sheet) continue;
      if (rows > XLSX_LIMITS.maxRowsPerSheet) {
        throw new ReadError(
          file,
          `${file} 的工作表（${e.fileName}）超过 ${XLSX_LIMITS.maxRowsPerSheet} 行，不像一份自评表或汇总表，已拒绝导入；如确需导入，请拆分为多个文件`,
        );
      }
    }
  } finally {
    zip.close();
  }
}
