import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './db/open.ts';
import { buildApp } from './http/app.ts';
import { importSamples } from './store/samples.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const port = Number(process.env.PORT ?? 3000);

const db = await openDatabase();
const imported = await importSamples(db, process.env.JIXIAO_SAMPLES_DIR ?? join(root, 'examples/seeds'));
const app = buildApp(db);
await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
process.stdout.write(
  `jixiao 服务已启动：http://localhost:${port}（数据库：${db.kind === 'embedded' ? '内嵌' : '服务器'} ${db.location}${
    imported ? `；已导入 ${imported} 份示例自评` : ''
  }）\n`,
);

async function stop() {
  await app.close();
  await db.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
