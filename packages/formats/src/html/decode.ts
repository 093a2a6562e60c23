import { ReadError } from '../read-error.ts';

/** Labels a page may declare that TextDecoder reads as GB18030, their superset. */
const GB = /^(gb2312|gbk|gb18030|x-gbk|euc-cn|cp936|windows-936)$/i;

/** The charset a page declares in its first bytes: <meta charset=…> or http-equiv content. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

/**
 * Decodes the bytes of a published page: a BOM first, then the charset the page declares
 * (older government sites serve GB2312/GBK), then UTF-8, then GB18030. Throws ReadError for
 * bytes that are none of these.
 */
export function decodeHtmlBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new ReadError(file, `${file} 是空文件`);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const declared = declaredCharset(bytes);
  const tries = [...(declared ? [GB.test(declared) ? 'gb18030' : declared] : []), 'utf-8', 'gb18030'];
  for (const label of tries) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // An unknown label or bytes not in that encoding: try the next.
    }
  }
  throw new ReadError(
    file,
    `${file} 的编码既不是网页声明的 ${declared ?? '编码'}，也不是 UTF-8 或 GBK，无法读取`,
  );
}
