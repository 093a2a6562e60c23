import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtinRegistry } from '@jixiao/core';
import { build } from 'vite';
import { ensureFirstAdmin } from '../../server/src/auth/users.ts';
import { buildApp, importSamples, openDatabase } from '../../server/src/index.ts';

export const WEB_ROOT = resolve(import.meta.dirname, '..');
export const REPO = resolve(WEB_ROOT, '../..');

/**
 * Debian's Chromium, headless, never a downloaded browser: the launch options of the browser tests and the
 * benchmarks (kept here, beside the server they drive, since this file needs no DOM types).
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Newest modification time of the files under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * Builds the UI with Vite's API when dist/ is missing or older than src/, index.html or vite.config.ts (JIXIAO_E2E_REBUILD=1
 * forces it), so the test never runs against a stale build.
 */
export async function ensureBuilt(): Promise<string> {
  const dist = join(WEB_ROOT, 'dist');
  const index = join(dist, 'index.html');
  const sources = Math.max(
    newest(join(WEB_ROOT, 'src')),
    statSync(join(WEB_ROOT, 'vite.config.ts')).mtimeMs,
    statSync(join(WEB_ROOT, 'index.html')).mtimeMs,
  );
  const stale = !existsSync(index) || statSync(index).mtimeMs < sources;
  if (process.env.JIXIAO_E2E_REBUILD === '1' || stale) {
    await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  return dist;
}

/** 测试服务器 — the real server in-process: embedded PostgreSQL in a temp dir, the seeds, the built UI. */
export interface TestServer {
  url: string;
  adminPassword: string;
  stop(): Promise<void>;
}

/** `seedsDir`: the sample files and their samples.json (default examples/seeds). */
export async function startServer(
  dist: string,
  seedsDir = join(REPO, 'examples/seeds'),
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jixiao-web-e2e-'));
  const adminPassword = 'e2e-admin-password';
  process.env.JIXIAO_ADMIN_PASSWORD = adminPassword;
  const db = await openDatabase({ dataDir });
  await importSamples(db, seedsDir, builtinRegistry());
  await ensureFirstAdmin(db);
  const app = await buildApp(db, builtinRegistry(), { webDist: dist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    adminPassword,
    async stop() {
      await app.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A logged-in API client (cookie + CSRF token), for the steps the test does through the API. */
export async function apiSession(base: string, username: string, password: string) {
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** A user a browser test signs in as: 填报人 of the sample department, or 财政审核人 of its region. */
export interface TestAccount {
  username: string;
  password: string;
  displayName: string;
  role: 'filler' | 'reviewer';
}

/**
 * Creates the test's accounts through the admin's API for the sample department whose name contains
 * `department`: a 填报人 belongs to it, a 财政审核人 to its region (examples/seeds/samples.json).
 */
export async function addAccounts(
  server: TestServer,
  department: string,
  accounts: TestAccount[],
): Promise<{
  admin: Awaited<ReturnType<typeof apiSession>>;
  department: { id: number; name: string; region: string };
}> {
  const admin = await apiSession(server.url, 'admin', server.adminPassword);
  const departments = await admin<Array<{ id: number; name: string; region: string }>>(
    'GET',
    '/api/departments',
  );
  const found = departments.find((d) => d.name.includes(department));
  if (!found) throw new Error(`示例数据里没有名称含「${department}」的部门`);
  for (const a of accounts) {
    await admin('POST', '/api/users', {
      ...a,
      ...(a.role === 'filler' ? { departmentId: found.id } : { region: found.region }),
    });
  }
  return { admin, department: found };
}
