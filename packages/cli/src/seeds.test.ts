// The seeds' real mistakes, found end to end: file → reader → framework detection → scoring → audit.
// Each expectation names a mistake a finance reviewer would point at, with the figures read off by hand.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditDocument,
  scoreEvaluation,
  type DocumentAudit,
  type Finding,
  type FrameworkRegistry,
} from '@jixiao/core';
import { loadBuiltinRegistry, readText } from '@jixiao/formats';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
let registry: FrameworkRegistry;
beforeAll(async () => {
  registry = await loadBuiltinRegistry();
});

function audit(name: string): DocumentAudit {
  const file = join(root, 'examples/seeds', name);
  const doc = readText(readFileSync(file, 'utf8'), file);
  return auditDocument(doc, (e) => scoreEvaluation(e, registry, { related: doc.evaluations }));
}
const all = (a: DocumentAudit): Finding[] => a.results.flatMap((r) => r.findings);
const having = (a: DocumentAudit, code: string, text: string, severity?: string) =>
  all(a).filter(
    (f) =>
      f.code === code &&
      `${f.message}${JSON.stringify(f.evidence)}`.includes(text) &&
      (!severity || f.severity === severity),
  );

describe('seed 000 (金安区 项目支出绩效自评汇总表)', () => {
  it('finds projects that spent nothing and still scored 84–90', () => {
    const a = audit('000_424dabb8b7582373.txt');
    const anomalies = all(a).filter((f) => f.code === 'budget-execution-anomaly');
    expect(anomalies).toHaveLength(1); // one finding for the table, listing every such project
    const rows = anomalies[0]!.evidence.rows as Array<{ name: string; executionRate: string }>;
    expect(rows.map((r) => r.name)).toEqual([
      '社区矫正',
      '法治宣传及法治文化建设(含法治乡村建设)',
      '区政府行政复议案件专项经费',
      '区政府行政应诉工作经费',
      '依法治区办工作经费及法治区督查经费',
      '城乡困难群体法律援助',
    ]);
  });
  it('finds rates under 90% with the 偏差 column blank', () => {
    const a = audit('000_424dabb8b7582373.txt');
    const [f] = having(a, 'missing-deviation-reason', '区政府法律顾问专项经费');
    expect(f!.message).toContain('人民调解');
  });
  it('keeps rounding noise out: 70.47% for 24.81 / 35.20 is within what rounded amounts allow, an info note only', () => {
    const a = audit('000_424dabb8b7582373.txt');
    expect(having(a, 'ratio-mismatch', '人民调解').map((f) => f.severity)).toEqual(['info']);
  });
});

describe('seed 001 (上街区 部门整体绩效自评表)', () => {
  it('finds the tasks adding to 105.34, not the 95.64 of 项目支出', () => {
    expect(having(audit('001_5414547721c2c4a3.txt'), 'sum-mismatch', '105.34', 'error')).toHaveLength(1);
  });
  it('finds 法律援助 spending 39.46 of a 10.00 budget', () => {
    expect(
      having(audit('001_5414547721c2c4a3.txt'), 'budget-execution-anomaly', '法律援助', 'error'),
    ).toHaveLength(1);
  });
  it('finds 预算调整率 2.27% where 年初 = 全年', () => {
    expect(having(audit('001_5414547721c2c4a3.txt'), 'cross-table-mismatch', '预算调整率')).toHaveLength(1);
  });
  it('finds 政府采购执行率 scored 1 where the note gives 50/90 × 2 = 1.11', () => {
    const f = having(audit('001_5414547721c2c4a3.txt'), 'rule-deviation', '政府采购执行率');
    expect(
      f.filter((x) => x.location.indicator === '政府采购执行率').map((x) => x.evidence.computed),
    ).toEqual(['1.11']);
  });
  it('finds the prose claiming every target met while 政府采购执行率 was not', () => {
    const [f] = having(audit('001_5414547721c2c4a3.txt'), 'narrative-conflict', '各项绩效目标');
    expect(f!.message).toContain('政府采购执行率');
  });
  it('grades 99 as 优, as stated', () => {
    expect(all(audit('001_5414547721c2c4a3.txt')).filter((f) => f.code === 'grade-mismatch')).toEqual([]);
  });
});

describe('seed 002 (雁峰区 整体绩效自评表)', () => {
  it('finds the 61.23% rate against 决算 674.85 of 674.85', () => {
    expect(having(audit('002_2938c48e62223733.txt'), 'narrative-conflict', '61.23%', 'error')).toHaveLength(
      1,
    );
  });
  it('finds 项目支出 占 44.67% where 286.74 / 674.85 = 42.49%', () => {
    expect(having(audit('002_2938c48e62223733.txt'), 'ratio-mismatch', '42.49%', 'error')).toHaveLength(1);
  });
  it('notes 基本支出 spent 388.11 in the text against a 417.88 budget in the table, as info (two measures)', () => {
    const f = having(audit('002_2938c48e62223733.txt'), 'cross-table-mismatch', '388.11');
    expect(f.filter((x) => x.evidence.stated === '388.11万元').map((x) => x.evidence.computed)).toEqual([
      '417.88',
    ]);
  });
  it('calls 417.88 + 256.96 = 674.84 against 674.85 rounding, not an error', () => {
    const f = having(audit('002_2938c48e62223733.txt'), 'sum-mismatch', '674.84');
    expect(f.map((x) => x.severity)).toEqual(['info']);
  });
  it('finds indicators that cannot be measured (完成量 100%, 节约率 100%)', () => {
    const a = audit('002_2938c48e62223733.txt');
    expect(having(a, 'indicator-quality', '完成量')).not.toEqual([]);
    expect(having(a, 'indicator-quality', '节约率')).not.toEqual([]);
  });
});

describe('seed 003 (安居区 部门整体 + 五个项目)', () => {
  it('finds 法律援助人次 scored 101 against a weight of 10, and its 合计 100 against a sum of 191', () => {
    const a = audit('003_cbcf39354c9835b0.txt');
    expect(having(a, 'score-exceeds-weight', '法律援助人次')).toHaveLength(1);
    expect(having(a, 'sum-mismatch', '191')).toHaveLength(1);
  });
  it('finds the department self-score 100 above the maximum of 90', () => {
    expect(having(audit('003_cbcf39354c9835b0.txt'), 'score-exceeds-weight', '≤ 90')).toHaveLength(1);
  });
  it('finds every project scored with blank actuals: one finding per table', () => {
    const f = all(audit('003_cbcf39354c9835b0.txt')).filter((x) => x.code === 'scored-without-actual');
    expect(f).toHaveLength(5);
  });
  it('finds 良好 written beside 100 points', () => {
    expect(
      all(audit('003_cbcf39354c9835b0.txt')).filter((f) => f.code === 'grade-mismatch').length,
    ).toBeGreaterThanOrEqual(5);
  });
  it('finds 列管社区矫正对象 366 in one place and 337 in another', () => {
    expect(having(audit('003_cbcf39354c9835b0.txt'), 'narrative-conflict', '337')).not.toEqual([]);
    expect(having(audit('003_cbcf39354c9835b0.txt'), 'narrative-conflict', '225人')).not.toEqual([]);
  });
  it('finds cost indicators written as floors and 案件 counted in 人', () => {
    const a = audit('003_cbcf39354c9835b0.txt');
    expect(having(a, 'indicator-quality', '援助案件补贴')).not.toEqual([]);
    expect(having(a, 'indicator-quality', '安置帮教走访费用')).not.toEqual([]);
    expect(having(a, 'indicator-quality', '法律援助案件')).not.toEqual([]);
  });
});

describe('seed 004 (红河州 部门整体支出绩效自评报告)', () => {
  it('finds 到位资金 898.33 against rows adding to 899.13', () => {
    expect(having(audit('004_bfa41fd3fc706bb4.txt'), 'sum-mismatch', '899.13', 'error')).toHaveLength(1);
  });
  it('finds 项目支出 1,045.50 here and 1,045.52 there', () => {
    const a = audit('004_bfa41fd3fc706bb4.txt');
    expect([
      ...having(a, 'narrative-conflict', '1,045.5'),
      ...having(a, 'sum-mismatch', '2661.81'),
    ]).not.toEqual([]);
  });
  it('finds unmet 经济效益 and 社会效益 indicators with no explanation', () => {
    const [f] = having(audit('004_bfa41fd3fc706bb4.txt'), 'missing-deviation-reason', '经济效益');
    expect(f!.message).toContain('社会效益');
  });
  it('finds the year-end 92.28% equal to November', () => {
    expect(having(audit('004_bfa41fd3fc706bb4.txt'), 'budget-execution-anomaly', '92.28%')).not.toEqual([]);
  });
});

describe('noise', () => {
  it('no seed drowns its real mistakes: errors stay few per evaluation', () => {
    for (const name of [
      '000_424dabb8b7582373.txt',
      '001_5414547721c2c4a3.txt',
      '002_2938c48e62223733.txt',
      '003_cbcf39354c9835b0.txt',
      '004_bfa41fd3fc706bb4.txt',
    ]) {
      for (const r of audit(name).results) {
        expect(
          r.findings.filter((f) => f.severity === 'error').length,
          `${name} ${r.evaluation.title}`,
        ).toBeLessThan(12);
      }
    }
  });
});
