import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ReadError } from '../read-error.ts';

/** More pages than any report: a published 自评报告 with its 附表 has a few dozen. */
export const MAX_PDF_PAGES = 500;

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * Opens a PDF with pdfjs's legacy build (Node 20). The CJK character maps and the standard fonts
 * are given as plain directories: without the maps a CID-font PDF (WPS, Word) yields no text.
 * Nothing the file holds is run (no eval, no fonts loaded into the process, no XFA, no scripts).
 */
export async function openPdf(bytes: Uint8Array, file: string): Promise<PDFDocumentProxy> {
  const task = getDocument({
    // pdfjs takes the buffer over (transfers it): give it a copy, the caller's bytes stay usable.
    data: new Uint8Array(bytes),
    cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new ReadError(
        file,
        `${file} 设有打开密码，无法读取；请在 PDF 阅读器中去掉密码（或另存为不加密的 PDF）后再导入`,
      );
    }
    throw new ReadError(
      file,
      `${file} 不是完整的 PDF 文件，无法打开（${name === 'InvalidPDFException' ? '文件结构损坏或不完整，可能下载未完成' : '文件已损坏'}）`,
    );
  }
  if (doc.numPages > MAX_PDF_PAGES) {
    const pages = doc.numPages;
    await doc.destroy();
    throw new ReadError(
      file,
      `${file} 有 ${pages} 页，超过 ${MAX_PDF_PAGES} 页的上限，不像一份自评报告，未读取`,
    );
  }
  return doc;
}
