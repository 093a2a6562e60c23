import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import { HttpError } from '../http/errors.ts';

/**
 * 工作线程池: the heavy work of a request — reading an upload, scoring and auditing it, writing an export —
 * runs here, in a fixed number of worker threads, so the thread that answers every other request (health,
 * reads, saves) never waits for it. Each job has a time limit and a memory limit (the worker is ended, not
 * the server); a job is cancelled when its client goes away; when every thread is busy and the queue is
 * full, the request is refused at once with 429 稍后重试 and Retry-After rather than piling up.
 */
export interface PoolOptions {
  /** Worker threads (JIXIAO_WORKERS; default: the cores but one, at least 1). */
  threads?: number;
  /** Jobs waiting beyond those running (JIXIAO_QUEUE; default 2 per thread). */
  queue?: number;
  /** Time limit of one job, ms (JIXIAO_JOB_SECONDS; default 60 s). */
  timeoutMs?: number;
  /** Heap limit of one worker, MB (JIXIAO_JOB_MEMORY_MB; default 1024). */
  memoryMb?: number;
}

const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

/** The advice after an upload stopped at a limit: nothing of it was saved. */
const UPLOAD_TOO_LARGE = '，未保存：文件可能过大或结构过于复杂，请拆分后再试';

/** Retry-After of a refusal for a full queue: about one job's time, as a hint. */
const RETRY_AFTER_SECONDS = 10;

export class WorkPool {
  readonly threads: number;
  readonly queue: number;
  readonly timeoutMs: number;
  /** Jobs stopped because their client went away (for tests and monitoring). */
  cancelled = 0;
  private readonly pool: Piscina;

  constructor(filename: URL, opts: PoolOptions = {}) {
    this.threads = opts.threads ?? env('JIXIAO_WORKERS') ?? Math.max(1, availableParallelism() - 1);
    this.queue = opts.queue ?? env('JIXIAO_QUEUE') ?? 2 * this.threads;
    this.timeoutMs = opts.timeoutMs ?? (env('JIXIAO_JOB_SECONDS') ?? 60) * 1000;
    this.pool = new Piscina({
      filename: filename.href,
      // Started on the first job and kept a while: an app that never imports pays nothing.
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 60_000,
      maxQueue: this.queue,
      // The server runs TypeScript through tsx; a worker thread needs the same loader for its .ts files.
      execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href],
      resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb ?? env('JIXIAO_JOB_MEMORY_MB') ?? 1024 },
    });
  }

  /**
   * Runs one job. `what` names it for the messages ("读取文件 x.xlsx"); `signal` is the client's (aborted
   * when it disconnects); `transfer` moves buffers to the worker instead of copying them.
   */
  async run<T>(
    task: unknown,
    {
      what,
      signal,
      transfer = [],
      worker,
      tooLarge = UPLOAD_TOO_LARGE,
    }: {
      what: string;
      signal?: AbortSignal;
      transfer?: ArrayBuffer[];
      /** The worker file of the job, when not the pool's own (an export beside the uploads' reading). */
      worker?: URL;
      /** What to do about a job stopped at its time or memory limit, for the message. */
      tooLarge?: string;
    },
  ): Promise<T> {
    if (this.pool.queueSize >= this.queue) throw busy(what);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      return (await this.pool.run(task, {
        signal: both,
        transferList: transfer,
        ...(worker ? { filename: worker.href } : {}),
      })) as T;
    } catch (error) {
      const message = (error as Error).message ?? '';
      if (/queue is at limit/i.test(message)) throw busy(what);
      if (timeout.aborted)
        throw new HttpError(
          422,
          `${what}超时（超过 ${Number((this.timeoutMs / 1000).toFixed(1))} 秒）已停止${tooLarge}`,
        );
      if (signal?.aborted) {
        this.cancelled++;
        throw new HttpError(499, `${what}已取消：连接已断开`);
      }
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(message))
        throw new HttpError(422, `${what}超出内存上限已停止${tooLarge}`);
      throw error;
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

function busy(what: string): HttpError {
  return new HttpError(429, `服务器正忙（${what}的排队已满），请稍后重试`, RETRY_AFTER_SECONDS);
}

/** Aborted when the client goes away before its answer is sent: the work for it stops. */
export function clientSignal(reply: {
  raw: NodeJS.EventEmitter & { writableFinished: boolean };
}): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * 并发上限 for work that cannot go in a thread — a PDF is printed by a Chromium process: at most `running`
 * at once, `waiting` more in line, the rest refused with 429 (20 anonymous requests must not start 20
 * browsers).
 */
export class Limiter {
  private active = 0;
  private readonly line: Array<() => void> = [];

  constructor(
    readonly running: number,
    readonly waiting: number,
    private readonly what: string,
  ) {}

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.running) {
      if (this.line.length >= this.waiting) throw busy(this.what);
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener('abort', cancel);
          resolve();
        };
        const cancel = () => {
          const i = this.line.indexOf(go);
          if (i >= 0) this.line.splice(i, 1);
          reject(new HttpError(499, `${this.what}已取消：连接已断开`));
        };
        signal?.addEventListener('abort', cancel, { once: true });
        this.line.push(go);
      });
    }
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.line.shift()?.();
    }
  }
}
