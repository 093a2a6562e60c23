import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { ensureFirstAdmin } from './auth/users.ts';
import { FolderInUseError } from './db/folder-lock.ts';
import { DamagedDataError } from './db/integrity.ts';
import { openDatabase } from './db/open.ts';
import { buildApp } from './http/app.ts';
import { importSamples } from './store/samples.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const port = Number(process.env.PORT ?? 3000);

const db = await openDatabase().catch((error: unknown) => {
  // A folder in use or damaged: the message says which and what to do; a stack trace would not.
  if (error instanceof FolderInUseError || error instanceof DamagedDataError) {
    process.stderr.write(`jixiao 无法启动：${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
const frameworks = await loadBuiltinRegistry();
// Several processes starting together on one server database take turns here: the first to run on an
// empty database imports the samples and makes the admin, the others find them.
const { imported, admin, app } = await db.exclusively(async () => {
  const imported = await importSamples(
    db,
    process.env.JIXIAO_SAMPLES_DIR ?? join(root, 'examples/seeds'),
    frameworks,
  );
  const admin = await ensureFirstAdmin(db);
  return { imported, admin, app: await buildApp(db, frameworks) };
});
await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
// The port it listens on: PORT=0 asks the system for a free one.
const address = app.server.address();
process.stdout.write(
  `jixiao 服务已启动：http://localhost:${typeof address === 'object' && address ? address.port : port}（数据库：${db.kind === 'embedded' ? '内嵌' : '服务器'} ${db.location}${
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
