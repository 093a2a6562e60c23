// Benchmark: how long the jixiao command takes to start, as a multiple of a bare `node -e 0` measured in
// the same run (the ratio is what holds on a noisy two-core machine). Issue targets: `jixiao frameworks`
// within 8× bare Node, `jixiao audit` of one seed within 15×.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages/cli/bin/jixiao.js');
const runs = Number(process.env.RUNS ?? 7);

function median(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 2) throw new Error(`${args.join(' ')} 失败：${r.stderr.toString()}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

// The compiled command is what users run; the sources through tsx are shown beside it for comparison.
spawnSync(process.execPath, [join(root, 'scripts/build-node.mjs'), '--if-stale'], {
  cwd: root,
  stdio: 'inherit',
});
const fromSources = { ...process.env, JIXIAO_FROM_SOURCES: '1' };
const seed = join(root, 'examples/seeds/002_2938c48e62223733.txt');
const bare = median(['-e', '0']);
const rows: Array<[string, number]> = [
  ['node -e 0（基线）', bare],
  ['jixiao frameworks', median([bin, 'frameworks'])],
  ['jixiao audit 一份示例', median([bin, 'audit', seed])],
  ['（源码经 tsx）frameworks', median([bin, 'frameworks'], fromSources)],
  ['（源码经 tsx）audit 一份示例', median([bin, 'audit', seed], fromSources)],
];
for (const [name, ms] of rows) {
  console.log(`${name.padEnd(26)} 中位数 ${ms.toFixed(0).padStart(6)} ms  ${(ms / bare).toFixed(1)}× 基线`);
}
