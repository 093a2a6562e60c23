// Builds the web UI when packages/web/dist is missing or older than the sources it is built from, so that
// `npm start` on a fresh clone serves the app without a separate build step, and a second start is instant.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'packages/web');
const built = join(web, 'dist/index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (!existsSync(join(web, 'package.json')) || !existsSync(join(web, 'src'))) process.exit(0);
const sources = Math.max(
  newest(join(web, 'src')),
  existsSync(join(web, 'index.html')) ? statSync(join(web, 'index.html')).mtimeMs : 0,
  newest(join(root, 'packages/core/src')),
);
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);
process.stdout.write('正在构建网页界面（首次启动需要约一分钟）…\n');
const r = spawnSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
