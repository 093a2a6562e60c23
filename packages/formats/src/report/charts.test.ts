import { beforeAll, describe, expect, it } from 'vitest';
import { newEvaluation, parseStated, type DocumentAudit, type EvaluationResult } from '@jixiao/core';
import { renderCharts } from './charts.ts';
import { auditSeeds } from './test-support.ts';

let seeds = new Map<string, DocumentAudit>();
beforeAll(async () => {
  seeds = new Map((await auditSeeds()).map((s) => [s.name, s.audit]));
});

const ids = (name: string) => renderCharts(seeds.get(name)!.results).map((c) => c.id);

describe('renderCharts', () => {
  it('seed 001: budget by task, 基本/项目 pie on executed figures, score by 一级', () => {
    const charts = renderCharts(seeds.get('001')!.results);
    expect(charts.map((c) => c.id)).toEqual([
      'budget-lines:eval-1',
      'structure-nature:eval-1',
      'score-by-level1:eval-1',
    ]);
    const [bars, pie, scores] = charts;
    expect(bars!.svg.startsWith('<svg')).toBe(true);
    expect(bars!.svg).toContain('社区矫正');
    expect(bars!.svg).toContain('39.46'); // 法律援助 executed, four times its budget of 10.00
    expect(pie!.svg).toContain('621.88'); // 基本支出 executed
    expect(pie!.svg).toContain('95.64'); // 项目支出 executed
    expect(scores!.svg).toContain('投入管理指标');
  });

  it('seed 000: the 汇总表 gives one bar chart over its eight projects, nothing else', () => {
    const charts = renderCharts(seeds.get('000')!.results);
    expect(charts.map((c) => c.id)).toEqual(['budget-by-project']);
    expect(charts[0]!.svg).toContain('城乡困难群体法律援助');
    expect(charts[0]!.svg).toContain('49.5');
    expect(charts[0]!.height).toBeGreaterThan(360); // eight rows need more room than the default
  });

  it('seed 003: projects side by side, no structure pie where no 基本/项目 split exists', () => {
    const list = ids('003');
    expect(list[0]).toBe('budget-by-project');
    expect(list.some((id) => id.startsWith('structure-'))).toBe(false);
    expect(renderCharts(seeds.get('003')!.results)[0]!.svg).toContain('社区矫正办公经费');
    // The 部门整体 table: none of its three 一级 subtotals could be recomputed — no empty 重算得分 series.
    const scores = renderCharts(seeds.get('003')!.results).find((c) => c.id === 'score-by-level1:eval-1')!;
    expect(scores.svg).toContain('自评得分');
    expect(scores.svg).not.toContain('重算得分');
  });

  it('seed 004: budget by task (no rates stated), no score chart when no 一级 subtotals exist', () => {
    expect(ids('004')).toEqual(['budget-lines:eval-1']);
  });

  it('draws nothing for an evaluation without figures, and never lets a label become markup', () => {
    const bare = newEvaluation({ id: 'e', title: 't', kind: 'department' });
    const result = {
      evaluation: bare,
      score: { categories: [] },
      findings: [],
    } as unknown as EvaluationResult;
    expect(renderCharts([result])).toEqual([]);
    const hostile = newEvaluation({
      id: 'h',
      title: 't',
      kind: 'department',
      budget: [
        {
          id: 'a',
          label: '<script>alert(1)</script>',
          role: 'task',
          adjustedBudget: parseStated('1.00'),
          executed: parseStated('1'),
        },
        {
          id: 'b',
          label: '="cmd"|x',
          role: 'task',
          adjustedBudget: parseStated('2.00'),
          executed: parseStated('1'),
        },
      ],
    });
    const svg = renderCharts([{ ...result, evaluation: hostile }])[0]!.svg;
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });
});
