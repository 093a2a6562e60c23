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

/**
 * The pages print the report for the PDF (Word's chart images are rendered in process, see png.ts). No
 * JavaScript and no network: the HTML holds text from documents, escaped, and nothing in it may run or
 * fetch anything.
 */
const PRINT_CONTEXT: BrowserContextOptions = { javaScriptEnabled: false, offline: true };

/**
 * One chromium kept open for many reports (a test file, a batch export, the server): launching costs far
 * more than rendering, and one browser per request is what exhausted memory (20 requests, 231 processes).
 * It holds at most `pages` pages; a report beyond them waits for one to come free, so memory is bounded by
 * the pool, not by the number of requests.
 */
interface SharedBrowser {
  pages: number;
  /** Launched on the first report, again after a crash. */
  browser: Promise<Browser> | null;
  idle: Page[];
  /** Pages open now, idle or in use. */
  open: number;
  waiting: Array<(page: Page) => void>;
}

let shared: SharedBrowser | null = null;

/** Default pool size: two reports print at once on a small machine without slowing each other much. */
const DEFAULT_PAGES = 2;

/**
 * Keeps one chromium for the reports that follow, with up to `pages` of them printing at once. `lazy`
 * (the server) launches it with the first report rather than now, so a server that never prints never
 * starts a browser.
 */
export async function openReportBrowser(opts: { pages?: number; lazy?: boolean } = {}): Promise<void> {
  const pages = Math.max(1, opts.pages ?? DEFAULT_PAGES);
  if (!shared) shared = { pages, browser: null, idle: [], open: 0, waiting: [] };
  else shared.pages = pages;
  if (!opts.lazy) await sharedBrowser(shared);
}

export async function closeReportBrowser(): Promise<void> {
  const s = shared;
  shared = null;
  const browser = await s?.browser?.catch(() => null);
  await browser?.close();
}

function sharedBrowser(s: SharedBrowser): Promise<Browser> {
  if (!s.browser) {
    const launching = launch();
    s.browser = launching;
    launching.then(
      (browser) =>
        browser.on('disconnected', () => {
          // A crashed or killed chromium: the next report launches a new one; pages of the old are gone.
          if (s.browser === launching) {
            s.browser = null;
            s.idle = [];
            s.open = 0;
          }
        }),
      () => {
        if (s.browser === launching) s.browser = null;
      },
    );
  }
  return s.browser;
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(PRINT_CONTEXT);
  return context.newPage();
}

async function acquire(s: SharedBrowser): Promise<Page> {
  for (let page = s.idle.pop(); page; page = s.idle.pop()) if (!page.isClosed()) return page;
  if (s.open >= s.pages) return new Promise((resolve) => s.waiting.push(resolve));
  s.open++;
  try {
    return await newPage(await sharedBrowser(s));
  } catch (error) {
    s.open--;
    throw error;
  }
}

function release(s: SharedBrowser, page: Page): void {
  const next = s.waiting.shift();
  if (!page.isClosed() && page.context().browser()?.isConnected()) {
    if (next) next(page);
    else s.idle.push(page);
    return;
  }
  s.open = Math.max(0, s.open - 1);
  // The page died with its report: the one waiting gets a fresh page (and a fresh browser if need be).
  if (next) void acquire(s).then(next, () => s.waiting.unshift(next));
}

/** Runs `fn` with a page of the shared browser when one is kept, else of a browser of its own, closed after. */
export async function withPrintPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const s = shared;
  if (s) {
    const page = await acquire(s);
    try {
      return await fn(page);
    } finally {
      release(s, page);
    }
  }
  const own = await launch();
  try {
    return await fn(await newPage(own));
  } finally {
    await own.close();
  }
}
