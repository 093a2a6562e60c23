import type { EvaluationDocument } from '@jixiao/core';
import mammoth from 'mammoth';
import { readHtml, type ReadHtmlOptions } from '../html/read-html.ts';
import { ReadError } from '../read-error.ts';
import { readFormTables } from './form-tables.ts';
import { checkDocxPackage } from './zip-guard.ts';

export type ReadDocxOptions = Pick<ReadHtmlOptions, 'narrative'>;

/**
 * Reads a Word 自评报告 with its 附表: the package is checked first (zip bombs, broken or
 * disguised files), then mammoth turns it into HTML — tables kept, merged cells as rowspan and
 * colspan — which the HTML reader reads. Prose is located by paragraph (the body's paragraphs
 * outside tables, counted from 1), table cells by table, row and column. Throws ReadError.
 */
export async function readDocx(
  data: Buffer,
  file: string,
  options: ReadDocxOptions = {},
): Promise<EvaluationDocument> {
  await checkDocxPackage(data, file);
  let html: string;
  try {
    html = (
      await mammoth.convertToHtml(
        { buffer: data },
        {
          ignoreEmptyParagraphs: true,
          // Photos would come inline as base64, megabytes of text the reader has no use for.
          convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        },
      )
    ).value;
  } catch (error) {
    throw new ReadError(file, `${file} 的 Word 内容无法读取（${(error as Error).message}），文件可能已损坏`);
  }
  const doc = readHtml(html, file, { ...options, locate: 'paragraph' });
  // A report jixiao wrote attaches each evaluation's 自评表 in jixiao's own layout: read those by the
  // layout, exactly as the xlsx reader does, when they are the file's evaluations one for one.
  const forms = readFormTables(html, file);
  if (forms.evaluations.length && forms.evaluations.length === doc.evaluations.length) {
    doc.evaluations = forms.evaluations.map((e, k) => ({ ...e, id: doc.evaluations[k]!.id }));
    // What the HTML reader said about those tables no longer applies; what it said of the prose does.
    doc.issues = [...doc.issues.filter((i) => i.source?.table === undefined), ...forms.issues];
  }
  return doc;
}
