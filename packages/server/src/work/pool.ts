import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HttpError } from '../http/errors.ts';
import type { ChildMessage, JobMessage } from './child.ts';

/**
 * 任务进程池: the heavy work of a request — reading an upload, scoring and auditing it, writing an export —
 * runs here, in a fixed number of child processes, so the process that answers every other request
 * (health, reads, saves) never waits for it and never dies of it. Each job has a time limit and a memory
 * limit: the child's heap is capped with --max-old-space-size, and a job over either limit ends its child,
 * never the server (a worker thread's limit is best-effort, nodejs/node#47224: one large xlsx aborted the
 * whole server). A job is cancelled — its child killed — when its client goes away; a child that dies is
 * replaced; when every child is busy and the queue is full, the request is refused at once with 429
 * 稍后重试 and Retry-After rather than piling up.
 */
export interface PoolOptions {
  /** Job processes (JIXIAO_WORKERS; default: the cores but one, at least 1). */
  threads?: number;
  /** Jobs waiting beyond those running (JIXIAO_QUEUE; default 2 per process). */
  queue?: number;
  /**
   * Time limit of one job, ms, from the moment it is asked for — waiting in the queue and starting a job
   * process count too, so no request waits longer (JIXIAO_JOB_SECONDS; default 60 s).
   */
  timeoutMs?: number;
  /** Heap limit of one job process, MB (JIXIAO_JOB_MEMORY_MB; default 1024). */
  memoryMb?: number;
  /** A job process idle this long ends, ms (default 60 s): an app that never imports pays nothing. */
  idleMs?: number;
}

const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

/** The advice after an upload stopped at a limit: nothing of it was saved. */
const UPLOAD_TOO_LARGE = '，未保存：文件可能过大或结构过于复杂，请拆分后再试';

/** Retry-After of a refusal for a full queue: about one job's time, as a hint. */
const RETRY_AFTER_SECONDS = 10;

/** The job process's program: TypeScript, run through tsx (see child.ts for why in both modes). */
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The job processes' niceness (0 is the server's, 19 the lowest). */
const JOB_NICENESS = 10;

/** What V8 writes before it aborts a process over its heap limit. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed/i;

interface Job {
  id: number;
  worker: string;
  task: unknown;
  what: string;
  tooLarge: string;
  signal?: AbortSignal;
  settle(error: Error | null, value?: unknown): void;
}

/** One job process and the job it runs. */
interface Slot {
  child?: ChildProcess;
  ready?: Promise<boolean>;
  job?: Job;
  /** The job has been sent to the child (its time runs). */
  sent: boolean;
  idle?: NodeJS.Timeout;
  /** Why the pool ended the child, when it did. */
  stopping?: 'timeout' | 'cancel' | 'idle' | 'close';
  /** The end of the child's stderr: V8's out-of-memory report, or why it failed to start. */
  stderr: string;
}

export class WorkPool {
  readonly threads: number;
  readonly queue: number;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  /** Jobs stopped because their client went away (for tests and monitoring). */
  cancelled = 0;
  /** Job processes that ended in the middle of a job (a limit, a kill, a crash) and were replaced. */
  replaced = 0;
  private readonly slots: Slot[];
  private readonly waiting: Job[] = [];
  private readonly idleMs: number;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly filename: URL,
    opts: PoolOptions = {},
  ) {
    this.threads = opts.threads ?? env('JIXIAO_WORKERS') ?? Math.max(1, availableParallelism() - 1);
    this.queue = opts.queue ?? env('JIXIAO_QUEUE') ?? 2 * this.threads;
    this.timeoutMs = opts.timeoutMs ?? (env('JIXIAO_JOB_SECONDS') ?? 60) * 1000;
    this.memoryMb = opts.memoryMb ?? env('JIXIAO_JOB_MEMORY_MB') ?? 1024;
    this.idleMs = opts.idleMs ?? 60_000;
    this.slots = Array.from({ length: this.threads }, () => ({ sent: false, stderr: '' }));
  }

  /** Process ids of the job processes alive now (for tests and monitoring). */
  get pids(): number[] {
    return this.slots.flatMap((s) => (s.child?.pid ? [s.child.pid] : []));
  }

  /** Jobs running in a child now. */
  get running(): number {
    return this.slots.filter((s) => s.job && s.sent).length;
  }

  /** Starts every job process now and resolves when each is ready for a job (tests, benchmarks). */
  async warm(): Promise<void> {
    for (const slot of this.slots) if (!slot.child) this.spawn(slot);
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /**
   * Runs one job: the default export of `worker` (the pool's own module unless named) called with `task`
   * in a job process. `what` names it for the messages ("读取文件 x.xlsx"); `signal` is the client's
   * (aborted when it disconnects). The task and the result cross as structured clones (bytes stay bytes).
   */
  run<T>(
    task: unknown,
    {
      what,
      signal,
      worker,
      tooLarge = UPLOAD_TOO_LARGE,
    }: {
      what: string;
      signal?: AbortSignal;
      /** The worker file of the job, when not the pool's own (an export beside the uploads' reading). */
      worker?: URL;
      /** What to do about a job stopped at its time or memory limit, for the message. */
      tooLarge?: string;
    },
  ): Promise<T> {
    if (this.closed) return Promise.reject(new HttpError(503, `服务正在停止，${what}未进行，请稍后重试`));
    if (signal?.aborted) return Promise.reject(this.cancel(what));
    const free = this.slots.some((s) => !s.job);
    if (!free && this.waiting.length >= this.queue) return Promise.reject(busy(what));
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const job: Job = {
        id: this.nextId++,
        worker: (worker ?? this.filename).href,
        task,
        what,
        tooLarge,
        ...(signal ? { signal } : {}),
        settle: (error, value) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve(value as T);
        },
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(job);
        if (i >= 0) this.waiting.splice(i, 1);
        const slot = this.slots.find((s) => s.job === job);
        job.settle(this.cancel(what));
        if (slot?.sent) this.stop(slot, 'cancel');
        else if (slot) this.free(slot);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => this.expire(job), this.timeoutMs);
      this.waiting.push(job);
      this.pump();
    });
  }

  /**
   * A job's time is up: stopped (its process ended) if it runs; refused if it never started — still in
   * the queue, or its job process still starting (that process stays, for the next job).
   */
  private expire(job: Job): void {
    const slot = this.slots.find((s) => s.job === job);
    if (slot?.sent) return this.stop(slot, 'timeout');
    const i = this.waiting.indexOf(job);
    if (i >= 0) this.waiting.splice(i, 1);
    const seconds = Number((this.timeoutMs / 1000).toFixed(1));
    job.settle(
      new HttpError(
        503,
        `服务器正忙：${job.what}排队 ${seconds} 秒仍未轮到，未进行，请稍后重试`,
        RETRY_AFTER_SECONDS,
      ),
    );
    if (slot) this.free(slot);
  }

  private cancel(what: string): HttpError {
    this.cancelled++;
    return new HttpError(499, `${what}已取消：连接已断开`);
  }

  /** Gives waiting jobs to free job processes. */
  private pump(): void {
    for (const slot of this.slots) {
      if (this.closed || this.waiting.length === 0) return;
      if (slot.job) continue;
      const job = this.waiting.shift()!;
      clearTimeout(slot.idle);
      slot.job = job;
      slot.sent = false;
      void this.start(slot, job);
    }
  }

  private async start(slot: Slot, job: Job): Promise<void> {
    if (!slot.child) this.spawn(slot);
    const ready = await slot.ready;
    // Cancelled while its process started, or the process failed to start (answered in its close).
    if (slot.job !== job || !ready) return;
    slot.sent = true;
    const message: JobMessage = { id: job.id, worker: job.worker, task: job.task };
    slot.child!.send(message, (error) => {
      if (!error || slot.job !== job) return;
      process.stderr.write(`任务未能交给任务进程：${error.message}\n`);
      job.settle(new HttpError(500, `${job.what}未完成：任务进程没有接收，未保存；请重试`));
      this.stop(slot, 'cancel');
    });
  }

  private spawn(slot: Slot): void {
    const child = fork(CHILD, [this.filename.href], {
      execArgv: ['--import', TSX, `--max-old-space-size=${this.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    slot.child = child;
    slot.stopping = undefined;
    // Below the server in the scheduler's eyes: on a busy machine health and reads get the cores first.
    try {
      if (child.pid) setPriority(child.pid, JOB_NICENESS);
    } catch {
      // Not allowed here (some containers): the job runs at the server's priority.
    }
    slot.stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      slot.stderr = (slot.stderr + chunk).slice(-8192);
      if (process.env.JIXIAO_DEBUG) process.stderr.write(chunk);
    });
    // The server's own listeners keep it alive; an idle job process must not (a test, a script).
    child.unref();
    child.channel?.unref();
    slot.ready = new Promise<boolean>((resolve) => {
      child.on('message', (m: ChildMessage) => {
        if ('ready' in m) return resolve(true);
        const job = slot.job;
        if (!job || job.id !== m.id) return;
        if (m.ok) job.settle(null, m.result);
        else job.settle(new Error(m.message));
        this.free(slot);
      });
      child.once('close', (code, signal) => {
        resolve(false);
        this.closedChild(slot, child, code, signal);
      });
    });
  }

  /** A job process ended: its job, if any, gets the reason in Chinese; the process is replaced. */
  private closedChild(
    slot: Slot,
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    if (slot.child !== child) return;
    clearTimeout(slot.idle);
    slot.child = undefined;
    slot.ready = undefined;
    const job = slot.job;
    const why = slot.stopping;
    const midJob = slot.sent;
    slot.job = undefined;
    slot.sent = false;
    if (job) {
      const seconds = Number((this.timeoutMs / 1000).toFixed(1));
      if (why === 'timeout')
        job.settle(new HttpError(422, `${job.what}超时（超过 ${seconds} 秒）已停止${job.tooLarge}`));
      else if (why === 'close')
        job.settle(new HttpError(503, `服务正在停止，${job.what}未完成，未保存；请稍后重试`));
      else if (OUT_OF_MEMORY.test(slot.stderr))
        job.settle(new HttpError(422, `${job.what}超出内存上限（${this.memoryMb} MB）已停止${job.tooLarge}`));
      else if (why !== 'cancel') {
        process.stderr.write(
          `任务进程 ${child.pid ?? ''} 意外退出（${signal ?? `退出码 ${code}`}）：${slot.stderr.slice(-2000)}\n`,
        );
        job.settle(
          new HttpError(500, `${job.what}未完成：处理它的任务进程意外停止，未保存；请重试，或联系管理员`),
        );
      }
    }
    if (this.closed) return;
    // Ended in the middle of a job (a limit, a cancellation, a kill, a crash): another starts now, warm for
    // the next job. One that failed to start is not restarted in a loop: the next job tries again.
    if (midJob) {
      this.replaced++;
      this.spawn(slot);
    }
    this.pump();
  }

  /** Ends a slot's child (its job, if running, is answered in closedChild). */
  private stop(slot: Slot, why: NonNullable<Slot['stopping']>): void {
    if (!slot.child) return;
    slot.stopping = why;
    slot.child.kill('SIGKILL');
  }

  /** A job is done: the slot takes the next, or idles and ends after a while. */
  private free(slot: Slot): void {
    slot.job = undefined;
    slot.sent = false;
    this.pump();
    if (!slot.job && slot.child) {
      slot.idle = setTimeout(() => this.stop(slot, 'idle'), this.idleMs);
      slot.idle.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0))
      job.settle(new HttpError(503, `服务正在停止，${job.what}未进行，请稍后重试`));
    const ending = this.slots.flatMap((slot) => {
      const child = slot.child;
      if (!child) return [];
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      this.stop(slot, 'close');
      return [closed];
    });
    await Promise.all(ending);
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
