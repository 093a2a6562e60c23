import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { ensureFirstAdmin } from './auth/users.ts';
import { openDatabase } from './db/open.ts';
import { buildApp } from './http/app.ts';
import { importSamples } from './store/samples.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const port = Number(process.env.PORT ?? 3000);

const db = await openDatabase();
const frameworks = await loadBuiltinRegistry();
const imported = await importSamples(
  db,
  process.env.JIXIAO_SAMPLES_DIR ?? join(root, 'examples/seeds'),
  frameworks,
);
const admin = await ensureFirstAdmin(db);
const app = await buildApp(db, frameworks);
await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
process.stdout.write(
  `jixiao 服务已启动：http://localhost:${port}（数据库：${db.kind === 'embedded' ? '内嵌' : '服务器'} ${db.location}${
    imported ? `；已导入 ${imported} 份示例自评` : ''
  }）\n`,
);
if (admin) {
  // Printed once, on the first start: nobody else will show it again.
  process.stdout.write(
    `首次启动已创建管理员账号：用户名 ${admin.username}，密码 ${admin.password}（请登录后妥善保管）\n`,
  );
}

async function stop() {
  await app.close();
  await db.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
