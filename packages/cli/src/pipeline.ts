import { auditDocument, type DocumentAudit, type FrameworkRegistry } from '@jixiao/core';
import { scoreEvaluation } from '@jixiao/core';
import { readDocumentFile, ReadError } from '@jixiao/formats/read';

export type FileOutcome =
  | { file: string; ok: true; audit: DocumentAudit }
  | { file: string; ok: false; message: string; line?: number; internal: boolean };

/** Read, score and audit one file. Never throws: an unreadable file is an outcome with a Chinese message. */
export async function auditFile(
  file: string,
  registry: FrameworkRegistry,
  frameworkId?: string,
): Promise<FileOutcome> {
  let document;
  try {
    document = await readDocumentFile(file);
  } catch (error) {
    if (error instanceof ReadError) {
      return {
        file,
        ok: false,
        message: error.message,
        ...(error.line ? { line: error.line } : {}),
        internal: false,
      };
    }
    return { file, ok: false, message: `读取 ${file} 时出错：${(error as Error).message}`, internal: false };
  }
  try {
    const audit = auditDocument(document, (evaluation) =>
      scoreEvaluation(evaluation, registry, {
        related: document.evaluations,
        ...(frameworkId ? { frameworkId } : {}),
      }),
    );
    return { file, ok: true, audit };
  } catch (error) {
    if (process.env.JIXIAO_DEBUG) console.error(error);
    return {
      file,
      ok: false,
      message: `审核 ${file} 时发生内部错误（${(error as Error).message}）。请把该文件反馈给开发者；设置 JIXIAO_DEBUG=1 可查看详情。`,
      internal: true,
    };
  }
}
