// Security headers and the session cookie's Secure flag. Neither depends on the database: the embedded one
// serves for both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBuiltinRegistry } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users.ts';
import { embeddedForTest, type TestDatabase } from '../db/test-databases.ts';
import { buildApp } from './app.ts';

const PASSWORD = 'correct-horse-42';

describe('security headers and cookies', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const web = mkdtempSync(join(tmpdir(), 'jixiao-web-'));

  beforeAll(async () => {
    t = await embeddedForTest();
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>jixiao</title>');
    process.env.JIXIAO_TRUST_PROXY = '127.0.0.1';
    app = await buildApp(t.db, await loadBuiltinRegistry(), { webDist: web });
    delete process.env.JIXIAO_TRUST_PROXY;
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
    rmSync(web, { recursive: true, force: true });
  });

  it('sends a CSP, no framing and nosniff on the page and the API alike', async () => {
    for (const url of ['/', '/evaluations/1', '/api/health', '/api/public/reports']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      // jixiao is often served over plain HTTP inside a department's network: never force https.
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('answers a HEAD of a page of the app as its GET does, without a body', async () => {
    for (const url of ['/login', '/evaluations/1']) {
      const get = await app.inject({ method: 'GET', url });
      const head = await app.inject({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(200);
      expect(head.headers['content-type'], url).toBe(get.headers['content-type']);
      expect(head.body, url).toBe('');
    }
    expect((await app.inject({ method: 'HEAD', url: '/api/nothing' })).statusCode).toBe(404);
  });

  it('marks the session cookie Secure when the browser came over HTTPS through a trusted proxy', async () => {
    const login = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
      app.inject({
        method: 'POST',
        url: '/api/login',
        remoteAddress,
        headers,
        payload: { username: 'admin', password: PASSWORD },
      });
    const cookie = (r: Awaited<ReturnType<typeof login>>) => String(r.headers['set-cookie']);
    const viaHttps = await login({ 'x-forwarded-proto': 'https' });
    expect(viaHttps.statusCode).toBe(200);
    expect(cookie(viaHttps)).toMatch(/; Secure/);
    expect(cookie(viaHttps)).toMatch(/; HttpOnly/);
    expect(cookie(viaHttps)).toMatch(/; SameSite=Lax/);
    expect(cookie(await login({}))).not.toMatch(/Secure/);
    // A client that is not the trusted proxy cannot claim https (nor another address).
    expect(cookie(await login({ 'x-forwarded-proto': 'https' }, '203.0.113.9'))).not.toMatch(/Secure/);
  });
});
