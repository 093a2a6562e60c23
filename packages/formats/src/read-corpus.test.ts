import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDocument, scoreEvaluation } from '@jixiao/core';
import { loadBuiltinRegistry } from './frameworks/load.ts';
import { readDocumentBytes } from './read-file.ts';
import { corpusDir, corpusFiles, expectedCorpus, rowRead } from './testing/corpus.ts';

const expected = expectedCorpus();
const read = (file: string) => readDocumentBytes(readFileSync(join(corpusDir, file)), file);

describe('the corpus of real published reports', () => {
  it('reads every document without a crash, and no message names an exception or an internal id', async () => {
    for (const file of corpusFiles()) {
      const doc = await read(file);
      expect(
        doc.issues.filter((i) => i.code === 'table-unreadable'),
        file,
      ).toEqual([]);
      for (const issue of doc.issues) {
        expect(issue.message, file).not.toMatch(/Cannot read|undefined|TypeError|eval-\d|种子/);
      }
    }
  });

  const readable = Object.entries(expected).filter(([, e]) => e.rows.length && !e.notYet);
  it.each(readable)(
    '%s: every visible indicator row with its names, values, weights and scores',
    async (file, want) => {
      const doc = await read(file);
      const indicators = doc.evaluations.flatMap((e) => e.indicators);
      const missed = want.rows.filter((r) => !rowRead(indicators, r)).map((r) => r.name);
      expect(missed).toEqual([]);
      // Only what the text shows: no extra rows from the lines below the table.
      expect(indicators.length).toBe(want.indicators);
      if (want.statedTotal)
        expect(doc.evaluations.some((e) => e.statedTotal?.value === want.statedTotal)).toBe(true);
      if (want.budget) {
        const total = doc.evaluations.flatMap((e) => e.budget).find((l) => l.role === 'total')!;
        for (const [field, raw] of Object.entries(want.budget)) {
          expect(total[field as keyof typeof want.budget]?.raw, `${file} ${field}`).toBe(raw);
        }
      }
    },
  );

  it('a table cut off by the end of the copy is marked so, and its sums are not errors', async () => {
    const registry = await loadBuiltinRegistry();
    const doc = await read('026.txt');
    const e = doc.evaluations.find((x) => x.indicators.length)!;
    expect(e.cutOff).toMatch(/没有合计或总分行/);
    expect(doc.issues.find((i) => i.code === 'table-cut-off')?.message).toContain('第 28 行');
    const audit = auditDocument(doc, (x) => scoreEvaluation(x, registry));
    const codes = audit.results.flatMap((r) => r.findings.map((f) => f.code));
    expect(codes).not.toContain('weights-invalid');
    expect(codes).not.toContain('sum-mismatch');
  });

  it('says where it placed the cells of a row that lost its empty and merged cells, and how sure it is', async () => {
    const doc = await read('038.txt');
    const placed = doc.issues.filter((i) => i.code === 'cells-placed');
    expect(placed.length).toBeGreaterThan(10);
    expect(placed[0]!.message).toMatch(/^第 \d+ 行：.*已按各格内容放入各列.*（把握约 \d+%）$/);
  });
});

describe('a Word table copied one cell per line (corpus 010, the 决策/管理/绩效 form)', () => {
  it('is cut into rows by its header, with each level’s points', async () => {
    const doc = await read('010.txt');
    const e = doc.evaluations.find((x) => x.indicators.length)!;
    expect(e.categoryScores.map((c) => [c.level1, c.weight?.raw])).toEqual([
      ['项目决策', '20'],
      ['项目管理', '25'],
      ['项目绩效', '55'],
    ]);
    expect(
      e.indicators.slice(0, 3).map((i) => [i.level1, i.level2, i.name, i.weight?.raw, i.statedScore?.raw]),
    ).toEqual([
      ['项目决策', '项目目标', '目标内容', '4', '4'],
      ['项目决策', '决策过程', '决策依据', '3', '3'],
      ['项目决策', '决策过程', '决策程序', '5', '5'],
    ]);
    expect(e.cutOff).toContain('第 261 行');
  });
});

describe('tables whose cells were run together (corpus 032, 043) or flattened out of order (005)', () => {
  it.each(['005.txt', '032.txt', '043.txt'])(
    '%s: at least 80% of the visible rows read as printed, the printed total found',
    async (file) => {
      const want = expected[file]!;
      const doc = await read(file);
      const indicators = doc.evaluations.flatMap((e) => e.indicators);
      const read80 = want.rows.filter((r) => rowRead(indicators, r)).length;
      expect(read80 / want.rows.length).toBeGreaterThanOrEqual(0.8);
      if (want.statedTotal)
        expect(doc.evaluations.some((e) => e.statedTotal?.value === want.statedTotal)).toBe(true);
      // Each guess is said: how the cells were cut, and each sign read back from OCR damage.
      expect(doc.issues.some((i) => i.code === 'cells-fused')).toBe(true);
    },
  );

  it('043: OCR-damaged signs are read back and said, and a row garbled past its name is left blank', async () => {
    const doc = await read('043.txt');
    const e = doc.evaluations.find((x) => x.indicators.length)!;
    const byName = (n: string) => e.indicators.find((i) => i.name === n)!;
    expect(byName('种薯亩均收入较鲜薯亩均收入').target?.raw).toBe('≥5%');
    expect(byName('群众对脱毒种薯和主食化专用品种的认知度').target?.raw).toBe('≥50%');
    expect(byName('一级种薯繁育基地').weight?.value ?? null).toBeNull();
    const fused = doc.issues.find((i) => i.code === 'cells-fused')!.message;
    expect(fused).toContain('指标「一级种薯繁育基地」的数字连在一起，无法可靠拆开，未读取');
    expect(fused).toContain('「≥50%」是按识别错误的符号改读的');
    expect(e.categoryScores.map((c) => [c.level1, c.weight?.raw])).toEqual([
      ['产出指标', '40'],
      ['效益指标', '40'],
      ['满意度指标', '20'],
    ]);
  });
});
