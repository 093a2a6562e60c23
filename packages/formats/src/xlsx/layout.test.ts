import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentAudit, FrameworkRegistry } from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readDocumentFile } from '../read-file.ts';
import { modelDigest, resultDigest } from './digest.ts';
import { loadLayouts, type XlsxLayout } from './layout.ts';
import { readXlsx } from './read.ts';
import { auditWith, seedFiles } from './seed-results.ts';
import { writeEvaluationXlsx } from './write.ts';

/** Seed 002's own form (衡阳市雁峰区), as a province would add it: one JSON file, no code. */
const YANFENG = {
  id: 'hengyang-yanfeng-department',
  name: '衡阳市雁峰区司法局整体绩效自评表',
  kind: 'department',
  sheetName: '整体绩效自评表',
  columns: [12, 12, 12, 20, 12, 12, 18, 8, 22],
  landscape: true,
  signature: ['预算部门名称', '年度预算申请', '评扣分标准', '偏差原因分析及改进措施', '总分'],
  sections: [
    { type: 'fields', cells: [{ label: '', field: 'title', labelSpan: 0, valueSpan: 9 }] },
    {
      type: 'fields',
      cells: [{ label: '', field: 'year', labelSpan: 0, valueSpan: 9, template: '（{value}年度）' }],
    },
    { type: 'fields', cells: [{ label: '预算部门名称', field: 'organization', labelSpan: 1, valueSpan: 8 }] },
    {
      type: 'table',
      source: 'budget',
      rolePrefixes: { source: '按收入性质分：', nature: '按支出性质分：' },
      defaultRole: 'other',
      columns: [
        { header: '年度预算申请(万元)', field: 'label', format: 'text', span: 3 },
        { header: '年初预算数(万元)', field: 'initialBudget', format: 'amount' },
        { header: '全年预算数（万元）', field: 'adjustedBudget', format: 'amount' },
        { header: '预算执行数', field: 'executed', format: 'amount' },
        { header: '执行率', field: 'executionRate', format: 'rate' },
        { header: '分值', field: 'weight', format: 'score' },
        { header: '得分', field: 'statedScore', format: 'score' },
      ],
    },
    {
      type: 'fields',
      side: '年度总体目标',
      valuesBelow: true,
      wrap: true,
      cells: [
        { label: '预期目标', field: 'goal', labelSpan: 0, valueSpan: 5 },
        { label: '实际完成情况', field: 'goalAchieved', labelSpan: 0, valueSpan: 3 },
      ],
    },
    {
      type: 'table',
      source: 'indicators',
      side: '绩效指标',
      columns: [
        { header: '一级指标', field: 'level1', format: 'text', group: true },
        { header: '三级指标', field: 'name', format: 'text' },
        { header: '年度指标值', field: 'target', format: 'count' },
        { header: '实际完成值', field: 'actual', format: 'count' },
        { header: '评扣分标准', field: 'criterion', format: 'text' },
        { header: '分值', field: 'weight', format: 'score' },
        { header: '得分', field: 'statedScore', format: 'score' },
        { header: '偏差原因分析及改进措施', field: 'deviationReason', format: 'text' },
      ],
    },
    { type: 'fields', cells: [{ label: '总分', field: 'statedTotal', labelSpan: 1, valueSpan: 8 }] },
  ],
};

let registry: FrameworkRegistry;
let seed002: DocumentAudit;
let withYanfeng: XlsxLayout[];

beforeAll(async () => {
  registry = await loadBuiltinRegistry();
  const file = seedFiles().find((f) => f.includes('002_'))!;
  seed002 = auditWith({ ...(await readDocumentFile(file)), statements: [], claims: [] }, registry);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-layouts-'));
  writeFileSync(join(dir, 'hengyang-yanfeng-department.json'), JSON.stringify(YANFENG));
  withYanfeng = [...loadLayouts(), ...loadLayouts(dir)];
});

describe('xlsx layouts are data', () => {
  it('every built-in layout fills its width in every row, and names a signature', () => {
    const layouts = loadLayouts();
    expect(layouts.map((l) => l.id).sort()).toEqual([
      'department-criteria',
      'department-funds-received',
      'department-self-evaluation',
      'national-project-2020',
      'project-self-evaluation',
      'project-summary',
    ]);
  });

  it('a province adds its form as a file: seed 002 written in its own 雁峰区 form and read back the same', async () => {
    const before = seed002.results[0]!;
    const xlsx = await writeEvaluationXlsx(before, {
      layout: 'hengyang-yanfeng-department',
      layouts: withYanfeng,
    });
    const doc = await readXlsx(xlsx, '雁峰区.xlsx', withYanfeng);
    const e = doc.evaluations[0]!;
    expect(e.formSignature).toEqual(expect.arrayContaining(['预算部门名称', '评扣分标准', '总分']));
    expect(e.statedTotal?.raw).toBe('96.12');
    expect(e.budget[0]).toMatchObject({
      label: '年度资金总额',
      executionRate: { raw: '61.23%' },
      statedScore: { raw: '6.12' },
    });
    expect(modelDigest(e)).toEqual(modelDigest(before.evaluation));
    expect(resultDigest(auditWith(doc, registry).results[0]!)).toEqual(resultDigest(before));
  });

  it('without that file the same workbook still reads, by its headers, through the shared recogniser', async () => {
    const xlsx = await writeEvaluationXlsx(seed002.results[0]!, {
      layout: 'hengyang-yanfeng-department',
      layouts: withYanfeng,
    });
    const doc = await readXlsx(xlsx, '雁峰区.xlsx');
    expect(doc.evaluations).toHaveLength(1);
    const e = doc.evaluations[0]!;
    expect(e.title).toBe('雁峰区司法局整体绩效自评表');
    expect(e.budget.map((b) => b.adjustedBudget?.raw)).toContain('674.85');
    expect(e.budget[0]!.adjustedBudget!.source).toMatchObject({
      file: '雁峰区.xlsx',
      sheet: '整体绩效自评表',
    });
  });

  it('a layout whose cells do not fill the form is refused with the file and the section named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-layouts-'));
    const broken = { ...YANFENG, columns: [10, 10, 10] };
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    expect(() => loadLayouts(dir)).toThrow(/broken\.json.*sections\[0\] 占 9 列，表宽 3 列/);
  });
});
