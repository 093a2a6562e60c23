import { describe, expect, it } from 'vitest';
import { builtinRegistry, newEvaluation, parseStated, scoreEvaluation } from '@jixiao/core';
import { formulaLines } from './formula-steps.ts';

describe('the formula steps of the score tree', () => {
  it('shows the budget line of the 20/80 form as 20 × 86% with its step, as the CLI prints it', () => {
    const e = newEvaluation({
      id: 'x',
      title: '项目支出绩效自评表',
      kind: 'project',
      formSignature: ['预算执行情况(万元)(20分)', '得分(20分*执行率)'],
      budget: [
        {
          id: 't',
          label: '年度财政资金总额',
          role: 'total',
          adjustedBudget: parseStated('100'),
          executed: parseStated('86'),
          weight: parseStated('20'),
        },
      ],
    });
    const be = scoreEvaluation(e, builtinRegistry()).budgetExecution!;
    expect(formulaLines(be.explanation)).toEqual({
      formula: '20 × min(86%, 100%) = 17.2',
      steps: ['分值 × min(执行率, 100%)：20 × min(86%, 100%) → 17.2'],
    });
  });
  it('shows nothing for a score without a formula (定性, 酌情), rather than an empty line', () => {
    expect(formulaLines({})).toEqual({ formula: null, steps: [] });
  });
});
