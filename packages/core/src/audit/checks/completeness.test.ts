import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../frameworks/builtin.ts';
import { blankEvaluation } from '../../model/blank.ts';
import type { Evaluation } from '../../model/evaluation.ts';
import { parseStated } from '../../numbers/parse.ts';
import { scoreEvaluation } from '../../scoring/score.ts';
import { auditDocument } from '../audit.ts';

const reg = builtinRegistry();

function errors(e: Evaluation) {
  const audit = auditDocument({ file: '', evaluations: [e], statements: [], issues: [] }, (x) =>
    scoreEvaluation(x, reg),
  );
  return audit.results[0]!.findings.filter((f) => f.code === 'incomplete');
}

/** A 项目支出 form filled in as a 填报人 finishes it. */
function filled(): Evaluation {
  const e = blankEvaluation(reg.get('mof-project-2020')!, { year: 2025, projectName: '法律援助' });
  const money = { adjustedBudget: parseStated('100'), executed: parseStated('95') };
  return {
    ...e,
    goal: '全年办理法律援助案件 500 件。',
    budget: e.budget.map((l) =>
      l.role === 'total' ? { ...l, ...money, statedScore: parseStated('9.5') } : l,
    ),
    indicators: e.indicators.map((i, k) => ({
      ...i,
      name: `指标${k + 1}`,
      direction: '≥',
      target: parseStated('≥500件'),
      actual: parseStated('520件'),
      statedScore: parseStated(i.weight!.raw),
    })),
  };
}

describe('checkCompleteness', () => {
  it('a blank 项目支出 form has an error for each blank kind, in Chinese', () => {
    const e = blankEvaluation(reg.get('mof-project-2020')!, { year: 2025 });
    const found = errors(e);
    expect(found.map((f) => f.evidence.about)).toEqual([
      '项目名称',
      '指标名称',
      '指标值',
      '完成值',
      '得分',
      '年度总体目标',
      '预算执行',
    ]);
    expect(found.every((f) => f.severity === 'error')).toBe(true);
    expect(found.find((f) => f.evidence.about === '得分')!.message).toBe(
      '4 项未填写得分：年度资金总额、第 1 个指标、第 2 个指标、第 3 个指标。',
    );
  });

  it('leaves a table read from a file to the checks that know its form', () => {
    const e = blankEvaluation(reg.get('mof-project-2020')!, { year: 2025 });
    expect(errors(e)).not.toEqual([]);
    e.indicators[0]!.source = { file: '自评报告.txt', line: 12 };
    expect(errors(e)).toEqual([]);
  });

  it('a finished form has none', () => {
    expect(errors(filled())).toEqual([]);
  });

  it('names the row left blank and points at it', () => {
    const e = filled();
    e.indicators[1]!.actual = parseStated('');
    const [f] = errors(e);
    expect(f!.message).toBe('1 项未填写完成值：指标2。');
    expect(f!.location.indicator).toBe('指标2');
  });

  it('skips rows marked 不适用 and a 汇总表', () => {
    const e = filled();
    e.indicators[1] = { ...e.indicators[1]!, actual: parseStated(''), notApplicable: true };
    expect(errors(e)).toEqual([]);
    expect(errors({ ...filled(), kind: 'summary', goal: '' })).toEqual([]);
  });

  it('a goal written as spaces is still blank', () => {
    expect(errors({ ...filled(), goal: '  ' }).map((f) => f.evidence.about)).toEqual(['年度总体目标']);
  });
});
