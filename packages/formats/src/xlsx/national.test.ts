// The national 项目支出绩效自评表 (财预〔2020〕10号 附件2): a project scored under that framework is
// written in it, and the form read back gives the same figures, scores and findings.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation, EvaluationResult, FrameworkRegistry, Stated } from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readDocx } from '../docx/read-docx.ts';
import { readDocumentFile } from '../read-file.ts';
import { writeReportDocx } from '../report/docx.ts';
import { corpusDir } from '../testing/corpus.ts';
import { cellText } from './cells.ts';
import { resultDigest } from './digest.ts';
import { readXlsx } from './read.ts';
import { auditWith, seedFiles } from './seed-results.ts';
import { writeEvaluationXlsx, writeWorkbookXlsx } from './write.ts';

let registry: FrameworkRegistry;

beforeAll(async () => {
  registry = await loadBuiltinRegistry();
});

/** A figure as a reviewer compares it across forms: the number (a percent as percent), else the text. */
const fig = (s: Stated | undefined) =>
  !s || s.raw === '' ? '' : s.value === null ? s.raw : `${s.value}${s.percent ? '%' : ''}`;

/**
 * What the national form prints of an evaluation. Its 年度指标值 holds the 指标性质's sign and the unit
 * ("≥200平方米"), so an indicator is compared by the target's number and its unit wherever it was written.
 */
function printed(e: Evaluation): unknown {
  return {
    // The year is compared on its own: reading takes it from a title ("2020年度…") that states it.
    project: [e.projectName, e.projectCode, e.organization, e.implementingUnit],
    cutOff: e.cutOff,
    goal: [e.goal ?? '', e.goalAchieved ?? ''],
    total: fig(e.statedTotal),
    budget: e.budget.map((b) => [
      b.label,
      b.role,
      ...[b.initialBudget, b.adjustedBudget, b.executed, b.executionRate, b.weight, b.statedScore].map(fig),
      b.reason ?? '',
    ]),
    indicators: e.indicators.map((i) => {
      const unit = i.unit ?? i.target?.unit ?? '';
      const percent = unit === '%' || Boolean(i.target?.percent);
      const number = (s: Stated | undefined) => (s?.value == null ? (s?.raw ?? '') : s.value);
      return [
        i.level1,
        i.level2,
        i.name,
        i.direction,
        number(i.target),
        percent ? '%' : unit,
        number(i.actual),
        fig(i.weight),
        fig(i.statedScore),
        i.deviationReason ?? '',
      ];
    }),
  };
}

async function sheetTexts(xlsx: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.worksheets[0]!.eachRow((row) =>
    row.eachCell((c) => {
      if (!c.isMerged || c.master.address === c.address) texts.push(cellText(c));
    }),
  );
  return texts;
}

async function roundTrip(r: EvaluationResult) {
  const xlsx = await writeEvaluationXlsx(r);
  const doc = await readXlsx(xlsx, 'national.xlsx');
  expect(doc.issues).toEqual([]);
  expect(doc.evaluations).toHaveLength(1);
  const back = doc.evaluations[0]!;
  return { xlsx, back, result: auditWith(doc, registry).results[0]! };
}

describe('the national 项目支出绩效自评表 (财预〔2020〕10号 附件2)', () => {
  for (const [file, place] of [
    ['026.txt', '云南临沧'],
    ['042.txt', '云南丽江'],
  ] as const) {
    it(`corpus ${file} (${place}), a national form read from text: written in the same form, read back the same`, async () => {
      const doc = await readDocumentFile(join(corpusDir, file));
      const audit = auditWith({ ...doc, statements: [], claims: [] }, registry);
      const r = audit.results.find((x) => x.evaluation.indicators.length > 0)!;
      expect(r.score.frameworkId).toBe('mof-project-2020');
      const { xlsx, back, result } = await roundTrip(r);
      const texts = await sheetTexts(xlsx);
      for (const label of [
        '项目资金（万元）',
        '年度总体目标',
        '预期目标',
        '实际完成情况',
        '年度指标值',
        '偏差原因分析及改进措施',
        '总分',
      ])
        expect(texts).toContain(label);
      expect(texts).not.toContain('指标性质');
      expect(back.formSignature).toEqual(expect.arrayContaining(['预期目标', '实际完成值']));
      expect(printed(back)).toEqual(printed(r.evaluation));
      expect(back.year).toBe(r.evaluation.year ?? 2020);
      expect(resultDigest(result)).toEqual(resultDigest(r));
      // The table was cut off in the source: the form says so, and its 总分 is left blank, not summed.
      expect(r.evaluation.cutOff).toBeDefined();
      expect(texts.some((t) => t.includes('原表不完整'))).toBe(true);
      expect(back.statedTotal).toBeUndefined();
    });
  }

  it('corpus 026: the 年度指标值 carries its sign and unit as the form prints them ("≥200平方米")', async () => {
    const doc = await readDocumentFile(join(corpusDir, '026.txt'));
    const r = auditWith({ ...doc, statements: [], claims: [] }, registry).results.find(
      (x) => x.evaluation.indicators.length > 0,
    )!;
    const texts = await sheetTexts(await writeEvaluationXlsx(r));
    expect(texts).toEqual(
      expect.arrayContaining(['≥200平方米', '204.46平方米', '年度资金总额', '当年财政拨款']),
    );
  });

  it('seed 003’s projects scored under 财预〔2020〕10号: 指标性质 and 度量单位 go into the 指标值, and come back', async () => {
    const seed = seedFiles().find((f) => f.includes('003_'))!;
    const doc = await readDocumentFile(seed);
    const projects = doc.evaluations
      .filter((e) => e.kind === 'project')
      .map((e) => ({ ...e, frameworkId: 'mof-project-2020' }));
    expect(projects).toHaveLength(5);
    // A department writes why a line fell short beside it: the form has no column for it, and keeps it.
    const withReasons = projects.map((e, k) =>
      k === 0
        ? {
            ...e,
            budget: e.budget.map((b, n) =>
              n === 0 ? { ...b, reason: '部分案件结案在次年，代理费用未在当年支付' } : b,
            ),
          }
        : e,
    );
    const audit = auditWith({ ...doc, evaluations: withReasons, statements: [], claims: [] }, registry);
    for (const r of audit.results) {
      expect(r.score.frameworkId).toBe('mof-project-2020');
      const { xlsx, back, result } = await roundTrip(r);
      expect(back.frameworkId).toBe('mof-project-2020');
      expect(printed(back)).toEqual(printed(r.evaluation));
      expect(resultDigest(result)).toEqual(resultDigest(r));
      // Every 定性 indicator keeps its 度量单位 (seed 003 prints 其他), said in words after the 指标值.
      expect(back.indicators.filter((i) => i.direction === 'qualitative').map((i) => i.unit)).toEqual(
        r.evaluation.indicators.filter((i) => i.direction === 'qualitative').map((i) => i.unit ?? ''),
      );
      if (r.evaluation.projectName === '普法宣传')
        expect(await sheetTexts(xlsx)).toContain('优良（单位：其他）');
      if (r.evaluation.projectName === withReasons[0]!.projectName) {
        expect(back.budget[0]!.reason).toBe('部分案件结案在次年，代理费用未在当年支付');
        expect(await sheetTexts(xlsx)).toEqual(
          expect.arrayContaining(['资金偏差原因', '偏差原因分析及改进措施']),
        );
      } else expect(await sheetTexts(xlsx)).not.toContain('资金偏差原因');
      if (r.evaluation.projectName === '案件代理') {
        expect(await sheetTexts(xlsx)).toContain('＝2万元');
        expect(back.indicators.find((i) => i.name === '非诉案件代理费/件')).toMatchObject({
          direction: '=',
          unit: '万元',
        });
      }
    }
    // The Word report attaches the same forms (one layout drives both): read back, they keep the same.
    const word = await readDocx(await writeReportDocx(audit), 'report.docx');
    const forms = word.evaluations.filter((e) => e.kind === 'project');
    expect(forms.map(printed)).toEqual(audit.results.map((r) => printed(r.evaluation)));
    // A workbook of several such projects puts each in the national form, one sheet each.
    const book = await readXlsx(await writeWorkbookXlsx(audit.results), 'book.xlsx');
    expect(book.evaluations.map((e) => e.formSignature.includes('预期目标'))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('a 偏差原因 under a label the 项目资金 rows do not have is reported with its row, the rest read', async () => {
    const seed = seedFiles().find((f) => f.includes('003_'))!;
    const doc = await readDocumentFile(seed);
    const e = doc.evaluations.find((x) => x.kind === 'project')!;
    const withReason = {
      ...e,
      frameworkId: 'mof-project-2020',
      budget: e.budget.map((b, n) => (n === 0 ? { ...b, reason: '当年未结案' } : b)),
    };
    const r = auditWith({ ...doc, evaluations: [withReason], statements: [], claims: [] }, registry)
      .results[0]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeEvaluationXlsx(r)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let at = 0;
    ws.eachRow((row, n) => {
      // The row under the table's header (资金 | 偏差原因分析及改进措施).
      if (row.getCell(1).text === '资金偏差原因' && row.getCell(2).text === '资金') at = n + 1;
    });
    expect(at).toBeGreaterThan(0);
    ws.getCell(at, 2).value = '不存在的资金';
    const back = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'edited.xlsx');
    expect(back.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(
        new RegExp(`第 ${at} 行的偏差原因写在「不存在的资金」下，项目资金表中没有这一行`),
      ),
    ]);
    expect(back.evaluations[0]!.budget.some((b) => b.reason)).toBe(false);
    expect(back.evaluations[0]!.indicators).toHaveLength(e.indicators.length);
  });

  it('a project under another framework keeps its own form (seed 003’s 四川 form with 指标性质 and 权重)', async () => {
    const seed = seedFiles().find((f) => f.includes('003_'))!;
    const doc = await readDocumentFile(seed);
    const r = auditWith({ ...doc, statements: [], claims: [] }, registry).results.find(
      (x) => x.evaluation.kind === 'project',
    )!;
    expect(r.score.frameworkId).toBe('project-10-90');
    const texts = await sheetTexts(await writeEvaluationXlsx(r));
    expect(texts).toContain('指标性质');
    expect(texts).not.toContain('预期目标');
  });
});
