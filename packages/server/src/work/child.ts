// A job process of the pool (pool.ts): started with child_process.fork and its own heap limit
// (--max-old-space-size), it runs one job at a time — reading an upload, writing an export — by calling the
// default export of the job's worker module (read-upload.worker.ts, export.worker.ts) with the task, and
// answers over IPC. Started through tsx both when the server runs from its sources and from dist/ (the
// bundle points each source's import.meta.url back at the source, so the pool forks this file), so the
// worker modules are TypeScript either way; each one loads what it reads with (provideReaders) itself.
//
// A job that runs out of memory ends this process, not the server: V8 aborts it, and the pool answers
// the request with 422 超出内存上限 and starts another.

/** From the pool: run `task` with the default export of the module at `worker` (a file URL). */
export interface JobMessage {
  id: number;
  worker: string;
  task: unknown;
}

/** To the pool: ready once the first worker module is loaded; then one answer per job. */
export type ChildMessage =
  { ready: true } | { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

type Job = (task: unknown) => Promise<unknown>;

const loaded = new Map<string, Promise<Job>>();

function load(worker: string): Promise<Job> {
  let job = loaded.get(worker);
  if (!job) {
    job = import(worker).then((m: { default: Job }) => m.default);
    loaded.set(worker, job);
  }
  return job;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

// The server went away (stopped, crashed, killed): nothing to answer for, so this process ends too.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: JobMessage) => {
  void (async () => {
    try {
      const result = await (await load(message.worker))(message.task);
      send({ id: message.id, ok: true, result });
    } catch (error) {
      send({ id: message.id, ok: false, message: (error as Error)?.message ?? String(error) });
    }
  })();
});

// Warm: the pool's own worker module (named on the command line) loads before the first job is sent, so
// a job's time limit is spent on the job, not on starting.
const first = process.argv[2];
if (first) await load(first);
send({ ready: true });
