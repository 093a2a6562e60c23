import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  builtinBudgetUseRule,
  type DocumentContext,
  type EvaluationResult,
  type FrameworkRegistry,
} from '@jixiao/core';
import { printReportHtml, type ReportApplication } from '@jixiao/formats';
import { reportApplicationOf } from '../../store/carry-over.ts';
import type { Database } from '../../db/database.ts';
import { clientSignal, type Limiter, type WorkPool } from '../../work/pool.ts';
import type { ExportTask } from '../../work/export.worker.ts';
import { getEvaluation } from '../../store/evaluations.ts';
import { scopeOf } from '../../store/listing.ts';
import { canRead, canSeeInternal } from '../access.ts';
import { assessStored } from '../assess.ts';
import { badRequest, forbidden, HttpError, unauthenticated } from '../errors.ts';
import { contentDisposition, downloadName, idParam } from '../validate.ts';

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
type Format = keyof typeof TYPES;

function formatOf(query: unknown): Format {
  const f = (query as { format?: string }).format ?? 'xlsx';
  if (!(f in TYPES)) throw badRequest('格式应为 xlsx、docx 或 pdf');
  return f as Format;
}

const EXPORT_WORKER = new URL('../../work/export.worker.ts', import.meta.url);

/**
 * Writes the file in the worker pool (its time and memory limits, cancelled when the client goes away, 429
 * when the queue is full). A PDF is the report's HTML, written there too, printed by the shared Chromium:
 * at most a few at once, a few more waiting, the rest refused with 429, through `pdfLimit` (work/pool.ts).
 */
async function render(
  { result, context }: { result: EvaluationResult; context: DocumentContext | null },
  format: Format,
  internal: boolean,
  work: { pool: WorkPool; pdfLimit: Limiter },
  signal: AbortSignal,
  application?: ReportApplication,
): Promise<Buffer> {
  const write = async (kind: ExportTask['format']) => {
    const task: ExportTask = {
      format: kind,
      result,
      internal,
      statements: context?.statements ?? [],
      ...(application ? { application } : {}),
    };
    const bytes = await work.pool.run<Uint8Array>(task, {
      what: `生成${format === 'xlsx' ? '自评表' : '自评报告'} ${format.toUpperCase()} `,
      signal,
      worker: EXPORT_WORKER,
      tooLarge: '：这份自评过大，无法在限定的时间和内存内生成，请联系管理员',
    });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  if (format !== 'pdf') return write(format);
  return work.pdfLimit.run(async () => printReportHtml((await write('html')).toString('utf8')), signal);
}

function send(reply: FastifyReply, data: Buffer, format: Format, title: string) {
  return reply
    .type(TYPES[format])
    .header('content-disposition', contentDisposition(downloadName(title, format)))
    .send(data);
}

/**
 * 导出: the official 自评表 (xlsx), the 自评报告 (docx) and its PDF. Inside, the report may carry the audit
 * findings as an internal appendix (?findings=1); the public portal's download never does.
 */
export function exportRoutes(
  app: FastifyInstance,
  db: Database,
  registry: FrameworkRegistry,
  work: { pool: WorkPool; pdfLimit: Limiter },
): void {
  const budgetRule = builtinBudgetUseRule();
  app.get('/api/evaluations/:id/export', async (request, reply) => {
    const id = idParam(request.params);
    const format = formatOf(request.query);
    const user = request.session?.user ?? null;
    const scope = await scopeOf(db, id);
    if (!canRead(user, scope)) {
      if (!user) throw unauthenticated();
      throw forbidden('导出这份自评');
    }
    const internal = (request.query as { findings?: string }).findings === '1';
    // The findings appendix is the review's working paper: never for the public, published or not.
    if (internal && !canSeeInternal(user, scope)) {
      if (!user) throw unauthenticated();
      throw forbidden('导出这份自评的审核发现附录');
    }
    const stored = await getEvaluation(db, id);
    // 结果应用 from the 整改 items and the budget rule: internal records, for those who may see them.
    const application =
      format !== 'xlsx' && canSeeInternal(user, scope)
        ? await reportApplicationOf(
            db,
            registry,
            budgetRule,
            {
              id,
              departmentId: scope.departmentId,
              year: scope.year,
              kind: stored.evaluation.kind,
              projectName: stored.evaluation.projectName ?? null,
            },
            new Date().toISOString().slice(0, 10),
          )
        : undefined;
    const data = await render(
      await assessStored(db, registry, stored),
      format,
      internal,
      work,
      clientSignal(reply),
      application,
    );
    return send(reply, data, format, stored.evaluation.projectName ?? stored.evaluation.title);
  });

  app.get('/api/public/reports/:id/export', async (request, reply) => {
    const id = idParam(request.params, '报告编号');
    const format = formatOf(request.query);
    if ((await scopeOf(db, id)).status !== 'published') throw new HttpError(404, '没有这份公开报告');
    const stored = await getEvaluation(db, id);
    const data = await render(
      await assessStored(db, registry, stored),
      format,
      false,
      work,
      clientSignal(reply),
    );
    return send(reply, data, format, stored.evaluation.projectName ?? stored.evaluation.title);
  });
}
