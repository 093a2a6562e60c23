import * as echarts from 'echarts';
import { D, type BudgetLine, type EvaluationResult, type Stated } from '@jixiao/core';
import { loadReportLayout, type ReportLayout } from './layout.ts';
import { evaluationLabel, mainBudgetLine } from './fields.ts';
import { cleanText } from './text.ts';

export interface ReportChart {
  /** `budget-by-project`, or `<kind>:<evaluation id>` for charts about one evaluation. */
  id: string;
  title: string;
  svg: string;
  /** Size in CSS pixels, for placing it as an image. */
  width: number;
  height: number;
}

/** The chart kinds, as named in the layout's chart blocks. */
export type ChartKind =
  'budget-by-project' | 'budget-lines' | 'structure-nature' | 'structure-personnel' | 'score-by-level1';

const WIDTH = 640;
const HEIGHT = 360;
const FONT = 'Microsoft YaHei, SimHei, WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, sans-serif';
const COLORS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de'];

/**
 * Charts draw, they do not account: a float is fine for a bar's length, while every figure a
 * reader copies comes from the tables, which stay decimal.
 */
function num(value: Stated | string | null | undefined): number | null {
  const v = typeof value === 'string' || value === null || value === undefined ? value : value.value;
  if (v === null || v === undefined || v === '') return null;
  return Number(D(v).toFixed(2));
}

interface Drawn {
  svg: string;
  height: number;
}

/**
 * Labels lose echarts' white outline (its default text border, which no label option turns off here):
 * chromium prints stroked text as unnamed Type 3 outlines instead of the embedded font, and the printed
 * labels sit on white or on a bar anyway.
 */
function withoutTextOutline(svg: string): string {
  return svg.replace(/<text\b[^>]*>/g, (tag) =>
    tag.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, ''),
  );
}

function svgOf(option: echarts.EChartsCoreOption, height = HEIGHT): Drawn {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: FONT }, ...option });
  const svg = withoutTextOutline(chart.renderToSVGString());
  chart.dispose();
  return { svg, height };
}

/** Horizontal bars (long Chinese names read better on the left than slanted under the axis). */
function budgetBars(
  names: string[],
  budget: Array<number | null>,
  executed: Array<number | null>,
  budgetName = '全年预算数',
): Drawn {
  const height = Math.max(HEIGHT, 90 + names.length * 34);
  return svgOf(
    {
      legend: { data: [budgetName, '执行数'], top: 4 },
      grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: '万元' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names,
        axisLabel: { width: 190, overflow: 'truncate' },
      },
      series: [
        {
          name: budgetName,
          type: 'bar',
          data: budget,
          label: { show: true, position: 'right', fontSize: 10 },
        },
        {
          name: '执行数',
          type: 'bar',
          data: executed,
          label: { show: true, position: 'right', fontSize: 10 },
        },
      ],
    },
    height,
  );
}

function pie(parts: Array<{ name: string; value: number }>, caption: string): Drawn {
  return svgOf({
    legend: { bottom: 4 },
    title: { text: caption, left: 'center', top: 4, textStyle: { fontSize: 12, fontWeight: 'normal' } },
    series: [
      {
        type: 'pie',
        radius: ['0%', '58%'],
        center: ['50%', '52%'],
        data: parts,
        label: { formatter: '{b}\n{c} 万元（{d}%）' },
      },
    ],
  });
}

function budgetByProject(results: EvaluationResult[]): Drawn | null {
  const summaryRows = results.flatMap((r) => r.evaluation.summaryRows);
  if (summaryRows.length >= 2) {
    return budgetBars(
      summaryRows.map((row) => cleanText(row.name)),
      summaryRows.map((row) => num(row.adjustedBudget)),
      summaryRows.map((row) => num(row.executed)),
    );
  }
  const projects = results
    .filter((r) => r.evaluation.kind === 'project')
    .map((r) => ({ r, line: mainBudgetLine(r.evaluation.budget) }))
    .filter((p) => p.line && num(p.line.adjustedBudget) !== null && num(p.line.executed) !== null);
  if (projects.length < 2) return null;
  return budgetBars(
    projects.map((p) => evaluationLabel(p.r)),
    projects.map((p) => num(p.line?.adjustedBudget)),
    projects.map((p) => num(p.line?.executed)),
  );
}

function budgetLines(lines: BudgetLine[]): Drawn | null {
  for (const role of ['task', 'economic', 'function'] as const) {
    const parts = lines.filter((l) => l.role === role && num(l.adjustedBudget) !== null);
    if (parts.length >= 2) {
      return budgetBars(
        parts.map((l) => cleanText(l.label)),
        parts.map((l) => num(l.adjustedBudget)),
        parts.map((l) => num(l.executed)),
      );
    }
    // A form that prints what was received instead of a 全年预算数 (seed 004's 实际到位资金).
    const received = lines.filter((l) => l.role === role && num(l.received) !== null);
    if (received.length >= 2) {
      return budgetBars(
        received.map((l) => cleanText(l.label)),
        received.map((l) => num(l.received)),
        received.map((l) => num(l.executed)),
        '实际到位资金',
      );
    }
  }
  return null;
}

/** A pie over two labelled parts, on executed figures when both have them, else on the budget. */
function structure(lines: BudgetLine[], a: RegExp, b: RegExp): Drawn | null {
  const pa = lines.find((l) => a.test(l.label));
  const pb = lines.find((l) => b.test(l.label));
  if (!pa || !pb) return null;
  const useExecuted = num(pa.executed) !== null && num(pb.executed) !== null;
  const va = useExecuted ? num(pa.executed) : num(pa.adjustedBudget);
  const vb = useExecuted ? num(pb.executed) : num(pb.adjustedBudget);
  if (va === null || vb === null || va + vb <= 0) return null;
  return pie(
    [
      { name: cleanText(pa.label), value: va },
      { name: cleanText(pb.label), value: vb },
    ],
    useExecuted ? '按执行数' : '按全年预算数',
  );
}

function scoreByLevel1(result: EvaluationResult, internal: boolean): Drawn | null {
  const cats = result.score.categories.filter((c) => (num(c.weight) ?? 0) > 0);
  if (cats.length < 2) return null;
  // A series with no value at all is left out: an empty bar would read as a zero.
  const series = [
    { name: '分值', data: cats.map((c) => num(c.weight)) },
    { name: '自评得分', data: cats.map((c) => num(c.stated)) },
    // The recomputation is the reviewer's, not the department's: only in the internal version.
    ...(internal ? [{ name: '重算得分', data: cats.map((c) => num(c.computed)) }] : []),
  ].filter((s) => s.data.some((v) => v !== null));
  return svgOf({
    legend: { data: series.map((s) => s.name), top: 4 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: cats.map((c) => cleanText(c.level1)),
      axisLabel: { interval: 0, width: 90, overflow: 'break' },
    },
    yAxis: { type: 'value', name: '分' },
    series: series.map((s) => ({ ...s, type: 'bar' })),
  });
}

/**
 * 图表 — the charts a reader would rather look at than read, as SVG strings, only those whose
 * data exists: 预算数 vs 执行数 by project (or by budget line), 支出结构 pies, 一级指标 scores.
 */
export function renderCharts(
  results: EvaluationResult[],
  layout: ReportLayout = loadReportLayout(),
  internal = false,
): ReportChart[] {
  const charts: ReportChart[] = [];
  const title = (kind: ChartKind, r?: EvaluationResult) => {
    const base = layout.charts[kind] ?? kind;
    return r && results.length > 1 ? `${evaluationLabel(r)}：${base}` : base;
  };
  const byProject = budgetByProject(results);
  if (byProject)
    charts.push({ id: 'budget-by-project', title: title('budget-by-project'), width: WIDTH, ...byProject });
  for (const r of results) {
    const lines = r.evaluation.budget;
    const add = (kind: ChartKind, drawn: Drawn | null) => {
      if (drawn)
        charts.push({ id: `${kind}:${r.evaluation.id}`, title: title(kind, r), width: WIDTH, ...drawn });
    };
    add('budget-lines', budgetLines(lines));
    add('structure-nature', structure(lines, /基本支出/, /项目支出/));
    add('structure-personnel', structure(lines, /人员经费|人员支出/, /公用经费|公用支出/));
    add('score-by-level1', scoreByLevel1(r, internal));
  }
  return charts;
}
