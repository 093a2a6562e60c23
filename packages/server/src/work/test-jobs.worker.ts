// Test-only job kinds for the pool's tests (pool.test.ts), run in a real job process like the real ones:
// 'allocate' keeps every object it makes until the process's heap limit ends it; 'echo' answers its input;
// 'sleep' answers after `ms`.
export type TestJob = { kind: 'allocate' } | { kind: 'echo'; value: unknown } | { kind: 'sleep'; ms: number };

export default async function testJob(task: TestJob): Promise<unknown> {
  if (task.kind === 'echo') return task.value;
  if (task.kind === 'sleep') return new Promise((f) => setTimeout(() => f('睡醒了'), task.ms));
  const kept: Array<{ n: number; text: string }[]> = [];
  for (let i = 0; ; i++) {
    kept.push(Array.from({ length: 10_000 }, (_, n) => ({ n, text: `第 ${i} 批第 ${n} 个` })));
    // Let the process answer IPC meanwhile, as a real reader does between files.
    if (i % 50 === 0) await new Promise((f) => setImmediate(f));
  }
}
