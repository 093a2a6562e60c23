import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentFile } from '../read-file.ts';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { auditWith, seedFiles } from './seed-results.ts';
import { writeWorkbookXlsx } from './write.ts';

/** A program the test needs; missing, it fails with what to install — it never skips silently. */
function need(program: string, debian: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `此测试需要 ${program}（Debian 软件包 ${debian}），本机没有安装。CI 的 .ci/run 会安装它；本地请运行 apt-get install ${debian}`,
    );
  }
}

/** Key figures a reviewer would look for on each seed's printed 自评表, read off the seeds by hand. */
const EXPECTED: Record<string, string[]> = {
  '000': [
    '项目支出绩效自评汇总表',
    '人民调解',
    '35.20',
    '24.81',
    '70.47%',
    '93.85',
    '170.80',
    '58.81',
    '压缩项目经费，未拨付经费',
  ],
  '001': [
    '部门整体绩效自评表',
    '郑州市上街区司法局机关',
    '701.61',
    '717.52',
    '102.27%',
    '政府采购执行率',
    '394.60%',
  ],
  '002': ['雁峰区司法局整体绩效自评表', '雁峰区司法局', '674.85', '61.23%', '96.12', '群众满意度'],
  '003': [
    '部门预算项目支出绩效自评表（2023年度）',
    '案件代理',
    '法律援助人次',
    '101',
    '合计',
    '2.40',
    '100.00%',
  ],
  '004': ['红河州司法局', '898.33', '883.84', '75.89%', '人民监督员专项业务培训', '139条'],
};

const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-lo-'));
const pdfs = new Map<string, { text: string; pages: number; size: string }>();

beforeAll(async () => {
  need('soffice', 'libreoffice-calc');
  need('pdftotext', 'poppler-utils');
  const registry = await loadBuiltinRegistry();
  const files: string[] = [];
  for (const seed of seedFiles()) {
    const doc = await readDocumentFile(seed);
    const xlsx = await writeWorkbookXlsx(auditWith(doc, registry).results);
    const file = join(dir, `${basename(seed).slice(0, 3)}.xlsx`);
    writeFileSync(file, xlsx);
    files.push(file);
  }
  // A private profile: LibreOffice refuses to start while another test holds the default one.
  const profile = join(dir, 'profile');
  mkdirSync(profile);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...files,
    ],
    { timeout: 120_000, stdio: 'pipe' },
  );
  for (const file of files) {
    const pdf = file.replace(/\.xlsx$/, '.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    pdfs.set(basename(file, '.xlsx'), {
      text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }),
      pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
      size: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)?.[1] ?? '',
    });
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LibreOffice prints each seed’s xlsx on A4 landscape with its title and key figures', () => {
  for (const [seed, figures] of Object.entries(EXPECTED)) {
    it(`seed ${seed}`, () => {
      const pdf = pdfs.get(seed)!;
      expect(pdf.size).toBe('841.89 x 595.304'); // A4 landscape, in points
      expect(pdf.pages).toBeGreaterThanOrEqual(1);
      expect(pdf.pages).toBeLessThanOrEqual(8);
      const text = pdf.text.replace(/[ \t]+/g, ' ');
      for (const figure of figures) expect(text).toContain(figure);
    });
  }
});
