import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Raised when the report cannot be rendered; the message is for the user, in Chinese. */
export class ReportError extends Error {}

/** Debian's chromium; JIXIAO_CHROMIUM points elsewhere. Never a downloaded browser. */
export function chromiumPath(): string {
  return process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium';
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function launch(): Promise<Browser> {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new ReportError(
      `未找到 Chromium（${path}）：生成 PDF 和图表图片需要它。请安装 Debian 软件包 chromium（apt-get install chromium），或用环境变量 JIXIAO_CHROMIUM 指定其路径。`,
    );
  }
  try {
    return await chromium.launch({ executablePath: path, args: ARGS });
  } catch (e) {
    throw new ReportError(`无法启动 Chromium（${path}）：${(e as Error).message.split('\n')[0]}`);
  }
}

let shared: Browser | null = null;

/**
 * Keeps one chromium open for many reports (a test file, a batch export): launching costs far
 * more than rendering. Without it each report launches and closes its own.
 */
export async function openReportBrowser(): Promise<void> {
  if (!shared?.isConnected()) shared = await launch();
}

export async function closeReportBrowser(): Promise<void> {
  const b = shared;
  shared = null;
  await b?.close();
}

/** Runs `fn` with the shared browser when one is open, else with one of its own, always closed after. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  if (shared?.isConnected()) return fn(shared);
  const own = await launch();
  try {
    return await fn(own);
  } finally {
    await own.close();
  }
}
