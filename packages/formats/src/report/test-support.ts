// Shared by the report tests and bench/report.ts: the seeds read, scored and audited the way the
// CLI does it, and the external programs the checks read PDFs with.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';
import { auditDocument, scoreEvaluation, type DocumentAudit } from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readDocumentFile } from '../read-file.ts';

export const seedsDir = fileURLToPath(new URL('../../../../examples/seeds/', import.meta.url));

export async function auditSeeds(): Promise<Array<{ name: string; audit: DocumentAudit }>> {
  const registry = await loadBuiltinRegistry();
  const files = readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const out: Array<{ name: string; audit: DocumentAudit }> = [];
  for (const f of files) {
    const document = await readDocumentFile(join(seedsDir, f));
    const audit = auditDocument(document, (e) =>
      scoreEvaluation(e, registry, { related: document.evaluations }),
    );
    out.push({ name: f.slice(0, 3), audit });
  }
  return out;
}

/** Fails loudly (never skips) when a program the test needs is missing: CI installs it. */
export function requireProgram(program: string, debianPackage: string): void {
  const r = spawnSync(program, ['--version'], { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `此测试需要 ${program}（Debian 软件包 ${debianPackage}），但系统中找不到它：apt-get install ${debianPackage}`,
    );
  }
}

function run(program: string, args: string[], timeout = 60_000): string {
  const r = spawnSync(program, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${program} 运行失败：${r.error.message}`);
  if (r.status !== 0) throw new Error(`${program} 退出码 ${r.status}：${r.stderr}`);
  return r.stdout;
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The text of a PDF as pdftotext reads it, and its fonts as pdffonts lists them. */
export function inspectPdf(pdf: Buffer): { text: string; fonts: string; pages: number; tagged: boolean } {
  const { dir, remove } = tempDir('jixiao-pdf-');
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return pdfFile(file);
  } finally {
    remove();
  }
}

export function pdfFile(file: string): { text: string; fonts: string; pages: number; tagged: boolean } {
  const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  const fonts = run('pdffonts', [file]);
  const info = run('pdfinfo', [file]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  return { text, fonts, pages, tagged: /Tagged:\s+yes/.test(info) };
}

/** Converts files with LibreOffice in one run, with a profile of its own (other runs may be going on). */
export function libreofficeToPdf(files: string[], outDir: string): void {
  const profile = tempDir('jixiao-lo-profile-');
  try {
    run(
      'soffice',
      [
        `-env:UserInstallation=file://${profile.dir}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        ...files,
      ],
      120_000,
    );
  } finally {
    profile.remove();
  }
}

/** Text with all white space removed: pdftotext breaks lines inside table cells and titles. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** One entry of a zip (a .docx), as text. */
export function zipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('zip'));
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            file.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      file.on('end', () => reject(new Error(`zip 中没有 ${name}`)));
      file.readEntry();
    });
  });
}
