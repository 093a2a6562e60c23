import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

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
      `未找到 Chromium（${path}）：生成 PDF 需要它（xlsx 和 docx 不需要）。请安装 Debian 软件包 chromium（apt-get install chromium），或用环境变量 JIXIAO_CHROMIUM 指定其路径。`,
    );
  }
  try {
    return await chromium.launch({ executablePath: path, args: ARGS });
  } catch (e) {
    throw new ReportError(`无法启动 Chromium（${path}）：${(e as Error).message.split('\n')[0]}`);
  }
}

let shared: Browser | null = null;
/** Pages kept open on the shared browser, one per purpose: a context costs more than a report. */
const pages = new Map<PagePurpose, Page>();
/** Reports share a page one after the other: the tail of each purpose's queue. */
const queues = new Map<PagePurpose, Promise<unknown>>();

/**
 * Keeps one chromium open for many reports (a test file, a batch export): launching costs far
 * more than rendering. Without it each report launches and closes its own.
 */
export async function openReportBrowser(): Promise<void> {
  if (!shared?.isConnected()) {
    pages.clear();
    shared = await launch();
  }
}

export async function closeReportBrowser(): Promise<void> {
  const b = shared;
  shared = null;
  pages.clear();
  queues.clear();
  await b?.close();
}

/** print: the report page for the PDF (Word's chart images are rendered in process, see png.ts). */
export type PagePurpose = 'print';

/**
 * No JavaScript and no network in either: the HTML holds text from documents, escaped, and
 * nothing in it may run or fetch anything.
 */
const CONTEXTS: Record<PagePurpose, BrowserContextOptions> = {
  print: { javaScriptEnabled: false, offline: true },
};

async function newPage(browser: Browser, purpose: PagePurpose): Promise<Page> {
  const context = await browser.newContext(CONTEXTS[purpose]);
  return context.newPage();
}

/** Runs `fn` with a page of the shared browser when one is open, else of a browser of its own, closed after. */
export async function withPage<T>(purpose: PagePurpose, fn: (page: Page) => Promise<T>): Promise<T> {
  const browser = shared;
  if (browser?.isConnected()) {
    const turn = (queues.get(purpose) ?? Promise.resolve()).then(async () => {
      let page = pages.get(purpose);
      if (!page || page.isClosed()) {
        page = await newPage(browser, purpose);
        pages.set(purpose, page);
      }
      return fn(page);
    });
    queues.set(
      purpose,
      turn.catch(() => undefined),
    );
    return turn;
  }
  const own = await launch();
  try {
    return await fn(await newPage(own, purpose));
  } finally {
    await own.close();
  }
}
