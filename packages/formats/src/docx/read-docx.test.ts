import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  auditDocument,
  scoreEvaluation,
  type EvaluationDocument,
  type Finding,
  type FrameworkRegistry,
} from '@jixiao/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { ReadError } from '../read-error.ts';
import { readDocx } from './read-docx.ts';
import { makeZip } from '../testing/zip.ts';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/docx/dept-001-shangjie.docx');
const bytes = readFileSync(fixture);

let registry: FrameworkRegistry;
let doc: EvaluationDocument;
beforeAll(async () => {
  registry = await loadBuiltinRegistry();
  doc = await readDocx(bytes, 'dept-001.docx');
});
const findings = (d: EvaluationDocument): Finding[] =>
  auditDocument(d, (e) => scoreEvaluation(e, registry, { related: d.evaluations })).results.flatMap(
    (r) => r.findings,
  );

describe('a Word 部门整体绩效自评报告 in the layout of seed 001, with its 附件 自评表', () => {
  it('reads the 自评表 under the caption paragraphs above it', () => {
    expect(doc.evaluations).toHaveLength(1);
    const ev = doc.evaluations[0]!;
    expect(ev.kind).toBe('department');
    expect(ev.title).toBe('部门整体绩效自评表');
    expect(ev.year).toBe(2021);
    expect(ev.organization).toBe('郑州市上街区司法局机关');
    expect(ev.statedTotal?.value).toBe('99');
    expect(ev.statedGrade?.raw).toBe('优');
    expect(ev.source).toEqual({ file: 'dept-001.docx', paragraph: 22, table: '部门整体绩效自评表' });
  });

  it('reads the budget block and the tasks under their vertically merged captions', () => {
    const ev = doc.evaluations[0]!;
    const line = (label: string) => ev.budget.find((b) => b.label === label)!;
    expect(line('部门预算总额')).toMatchObject({ role: 'total' });
    expect(line('部门预算总额').executed?.raw).toBe('717.52');
    expect(line('项目支出').executed?.raw).toBe('95.64');
    expect(line('法律援助')).toMatchObject({ role: 'task' });
    expect(line('法律援助').executed?.raw).toBe('39.46');
    expect(ev.budget.filter((b) => b.role === 'task')).toHaveLength(6);
  });

  it('carries 一级/二级 down their vertical merges: 30 indicators in 3 一级', () => {
    const ev = doc.evaluations[0]!;
    expect(ev.indicators).toHaveLength(30);
    const count = (l1: string) => ev.indicators.filter((i) => i.level1 === l1).length;
    expect([count('投入管理指标'), count('产出指标'), count('效益指标')]).toEqual([19, 6, 5]);
    const ind = ev.indicators.find((i) => i.name === '专职律师担任村（居）法律顾问比例')!;
    expect(ind.level2).toBe('履职目标和主要任务完成情况');
    // Word cells have no lines: table, row and column locate them.
    expect(ind.statedScore?.source).toEqual({
      file: 'dept-001.docx',
      table: '部门整体绩效自评表',
      row: 42,
      column: '得分',
    });
  });

  it('reads the prose paragraph by paragraph, located by paragraph number', () => {
    const s = doc.statements.find((x) => x.value.raw.startsWith('701.61'));
    expect(s?.source).toMatchObject({ paragraph: 16 });
    expect(s?.source?.line).toBeUndefined();
  });

  it('gives the same findings as seed 001', () => {
    const all = findings(doc);
    const having = (code: string, text: string) =>
      all.filter((f) => f.code === code && f.message.includes(text));
    expect(having('sum-mismatch', '105.34')).toHaveLength(1);
    expect(having('budget-execution-anomaly', '法律援助')).toHaveLength(1);
    expect(having('cross-table-mismatch', '预算调整率')).toHaveLength(1);
    expect(having('rule-deviation', '政府采购执行率')).toHaveLength(1);
  });
});

describe('a Word 项目支出 report whose 附表 is seed 003’s 案件代理 form, cut in two at a page break', () => {
  const file = join(dirname(fixture), 'project-003-case-agency.docx');
  let project: EvaluationDocument;
  beforeAll(async () => {
    project = await readDocx(readFileSync(file), 'project-003.docx');
  });

  it('reads one form from the two Word tables, titled by its first row', () => {
    expect(project.evaluations).toHaveLength(1);
    const ev = project.evaluations[0]!;
    expect(ev).toMatchObject({
      kind: 'project',
      title: '部门预算项目支出绩效自评表（2023年度）',
      year: 2023,
    });
    expect(ev.projectName).toBe('案件代理');
    expect(ev.budget.find((b) => b.role === 'total')?.adjustedBudget?.raw).toBe('2.40');
    expect(ev.indicators.map((i) => i.level1)).toEqual([
      '产出指标',
      '产出指标',
      '产出指标',
      '效益指标',
      '效益指标',
      '满意度指标',
      '成本指标',
      '成本指标',
    ]);
    // The second table's rows keep counting from the first's.
    expect(ev.indicators[4]!.source?.row).toBe(17);
    expect(ev.statedTotal?.value).toBe('100');
    expect(ev.statedWeightTotal?.value).toBe('100');
  });

  it('does not take the form’s printed instructions for a reason, and says so', () => {
    expect(project.evaluations[0]!.budget[0]!.reason).toBeUndefined();
    expect(project.issues.map((i) => i.message).filter((m) => m.includes('「原因」'))).toEqual([
      expect.stringMatching(
        /^第 1 个表格「部门预算项目支出绩效自评表（2023年度）」第 7 行：「原因」栏里是表格的填写说明/,
      ),
    ]);
  });

  it('gives the same findings as seed 003 gives for its 案件代理 table', () => {
    const codes = findings(project).map((f) => f.code);
    expect(codes).toContain('scored-without-actual');
    expect(codes).toContain('grade-mismatch');
    const blank = findings(project).find((f) => f.code === 'scored-without-actual')!;
    expect(blank.message).toContain('6 个定量指标完成值为空');
  });
});

describe('seed 003’s 法律援助 form saved as Word by LibreOffice (another producer’s merged cells)', () => {
  it('reads the same form as the HTML page it was saved from, and finds the same mistakes', async () => {
    const file = join(dirname(fixture), 'project-003-legal-aid.libreoffice.docx');
    const lo = await readDocx(readFileSync(file), 'legal-aid.docx');
    expect(lo.evaluations).toHaveLength(1);
    const ev = lo.evaluations[0]!;
    expect(ev.projectName).toBe('法律援助');
    expect(ev.indicators.map((i) => `${i.level1}/${i.level2}/${i.name}`).slice(0, 4)).toEqual([
      '产出指标/数量指标/法律援助人次',
      '产出指标/数量指标/法律援助案件',
      '产出指标/质量指标/法律援助败诉率',
      '产出指标/质量指标/法律援助案件质量投诉',
    ]);
    const codes = findings(lo).map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['score-exceeds-weight', 'sum-mismatch', 'grade-mismatch']));
  });
});

describe('Word numbered lists', () => {
  it('get back their outline markers, so a numbered item names its project', async () => {
    const { AlignmentType, Document, LevelFormat, Packer, Paragraph } = await import('docx');
    const levels = [
      { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.START },
      { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.START },
    ];
    const item = (text: string, level: number) =>
      new Paragraph({ text, numbering: { reference: 'cn', level } });
    const report = new Document({
      numbering: { config: [{ reference: 'cn', levels }] },
      sections: [
        {
          children: [
            item('项目自评结果及分析', 0),
            item('人民调解项目绩效自评概述：项目自评得分 93.85 分。', 1),
            item('社区矫正项目绩效自评概述：项目自评得分 93.25 分。', 1),
          ],
        },
      ],
    });
    const read = await readDocx(await Packer.toBuffer(report), 'list.docx');
    expect(read.statements.map((x) => [x.about, x.value.raw, x.source?.paragraph])).toEqual([
      ['人民调解', '93.85分', 2],
      ['社区矫正', '93.25分', 3],
    ]);
  });
});

describe('hostile Word files', () => {
  const refuse = async (data: Buffer, message: RegExp) => {
    const started = Date.now();
    const error = await readDocx(data, 'bad.docx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect((error as ReadError).message).toMatch(message);
    expect(Date.now() - started).toBeLessThan(5000);
  };

  it('refuses a zip bomb by its compression ratio before inflating it', async () => {
    const bomb = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(60 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    await refuse(bomb, /压缩比达 \d+ 倍，疑似“压缩炸弹”/);
  });

  it('refuses a part whose declared size lies (inflating it would exceed what it claims)', async () => {
    const liar = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x20), declaredSize: 1000 },
    ]);
    await refuse(liar, /已损坏/);
  });

  it('refuses a package whose declared total is over 100 MB', async () => {
    const parts = Array.from({ length: 120 }, (_, i) => ({
      name: `word/media/image${i}.bin`,
      data: Buffer.from('x'),
      declaredSize: 1024 * 1024,
    }));
    await refuse(makeZip(parts), /解压后超过 100 MB/);
  });

  it('refuses a broken zip: a real .docx cut in half', async () => {
    await refuse(bytes.subarray(0, Math.floor(bytes.length / 2)), /已损坏/);
  });

  it('names what a wrongly named file really is', async () => {
    await refuse(Buffer.alloc(0), /是空文件/);
    await refuse(Buffer.from('部门整体绩效自评表\n自评得分\t99\n', 'utf8'), /是文本文件，不是 Word 文档/);
    await refuse(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /Word 97-2003/);
    await refuse(Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), /是 PDF 文件/);
    await refuse(makeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]), /是 Excel 工作簿/);
    await refuse(makeZip([{ name: 'hello.txt', data: Buffer.from('hi') }]), /缺少 word\/document\.xml/);
    await refuse(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]),
      /不是 Word 文档/,
    );
  });

  it('reads a report carrying 16 MB of photos: the photos are not read', async () => {
    const { Document, ImageRun, Packer, Paragraph } = await import('docx');
    const photo = Buffer.alloc(16 * 1024 * 1024);
    for (let i = 0; i < photo.length; i += 4) photo.writeUInt32LE((i * 2654435761) >>> 0, i);
    const report = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: '本项目自评得分 96 分。' }),
            new Paragraph({
              children: [
                new ImageRun({ type: 'png', data: photo, transformation: { width: 100, height: 100 } }),
              ],
            }),
          ],
        },
      ],
    });
    const read = await readDocx(await Packer.toBuffer(report), 'photos.docx');
    expect(read.issues.filter((x) => x.severity === 'error')).toEqual([]);
    expect(read.statements.map((x) => x.value.raw)).toContain('96分');
  }, 30_000);

  it('reads markup typed into a Word paragraph as text, never as a table or a script', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const typed = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: '<table><tr><td>项目名称</td><td>注入的项目</td></tr></table>' }),
            new Paragraph({ text: '<script>globalThis.pwned = true</script>自评得分 96 分。' }),
          ],
        },
      ],
    });
    const read = await readDocx(await Packer.toBuffer(typed), 'typed.docx');
    expect(read.evaluations.some((e) => e.projectName === '注入的项目')).toBe(false);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(read.statements.map((s) => s.text).join()).toContain('<script>');
  });
});
