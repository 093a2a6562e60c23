import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../frameworks/builtin.ts';
import { scoreEvaluation } from '../../scoring/score.ts';
import { ctx, evaluation, indicator, line } from '../test-kit.ts';
import { printedWeights } from '../../frameworks/printed.ts';
import { checkPrintedWeights } from './printed-weights.ts';

const reg = builtinRegistry();

/** 043 原州区 马铃薯种薯 (2022): 「产出指标(40分)」 over six rows of 8 points. */
const yuanzhou = (weights: string[]) =>
  evaluation({
    title: '马铃薯(原原)种薯繁育示范推广项目绩效目标自评表',
    formSignature: ['产出指标(40分)', '效益指标(40分)', '满意度指标(20分)'],
    indicators: weights.map((w, k) =>
      indicator({ name: `指标${k + 1}`, level1: '产出指标', target: '≥1', actual: '1', weight: w, score: w }),
    ),
  });

describe('the points a form prints in its headers', () => {
  it('reads 「预算执行情况(万元)(20分)」, 「年度目标1:(80分)」 and 「绩效指标（90分）」, and nothing else', () => {
    expect(
      printedWeights([
        '预算执行情况(万元)(20分)',
        '年度目标1:(80分)',
        '绩效指标（90分）',
        '预算数(A)',
        '得分(20分*执行率)',
      ]).map((p) => [p.name, p.points.toFixed()]),
    ).toEqual([
      ['预算执行情况', '20'],
      ['年度目标1', '80'],
      ['绩效指标', '90'],
    ]);
  });

  it('a 一级 printed as 40 points over rows of 48 (043: six 产出 rows × 8) is a warning naming both', () => {
    const e = yuanzhou(['8', '8', '8', '8', '8', '8']);
    const found = checkPrintedWeights(ctx(e, scoreEvaluation(e, reg)));
    expect(found.map((f) => f.message)).toEqual([
      '表头写明「产出指标(40分)」，其下 6 个三级指标分值合计 48 分。',
    ]);
    expect(found[0]!.severity).toBe('warning');
  });

  it('says nothing when the rows add up to what the header prints', () => {
    const e = yuanzhou(['8', '8', '8', '8', '8']);
    expect(checkPrintedWeights(ctx(e, scoreEvaluation(e, reg)))).toEqual([]);
  });

  it('a 20-point budget header scored at the national 10 (the framework named by hand) is a warning', () => {
    const e = evaluation({
      formSignature: ['预算执行情况(万元)(20分)', '预算数(A)', '执行数(B)'],
      budget: [
        line(
          { id: 't', label: '年度财政资金总额', role: 'total' },
          { adjustedBudget: '100', executed: '86' },
        ),
      ],
    });
    const sc = scoreEvaluation(e, reg, { frameworkId: 'mof-project-2020' });
    expect(checkPrintedWeights(ctx(e, sc)).map((f) => f.message)).toEqual([
      '表头写明「预算执行情况(万元)(20分)」，预算执行却按评分框架「财政部项目支出绩效自评（财预〔2020〕10号）」 10 分计分；请核对表头与分值，或改用表头所示的评分框架。',
    ]);
    // Chosen from the form itself, the same table is scored at 20 and nothing is said.
    expect(checkPrintedWeights(ctx(e, scoreEvaluation(e, reg)))).toEqual([]);
  });

  it('a cut-off table’s rows are not added up against its header', () => {
    const e = yuanzhou(['8', '8', '8', '8', '8', '8']);
    e.cutOff = '表格在第 6 行后截断';
    expect(checkPrintedWeights(ctx(e, scoreEvaluation(e, reg)))).toEqual([]);
  });
});
