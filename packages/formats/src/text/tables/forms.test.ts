import { describe, expect, it } from 'vitest';
import { describedForms, identifyForm, mergeHeaderRows } from './forms.ts';
import { sectionOf, mapColumns } from './columns.ts';
import { headerKey } from './vocabulary.ts';
import { readText } from '../read-text.ts';

describe('the described forms', () => {
  const forms = describedForms();
  it('are at least the national, provincial, transfer, old and department families, each with its source', () => {
    expect(forms.length).toBeGreaterThanOrEqual(12);
    for (const f of forms) expect(f.source.length, f.id).toBeGreaterThan(40);
    expect(forms.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'national-project-2020',
        'sichuan-510000-project',
        'hubei-project-20-80',
        'ningxia-project',
        'transfer-regional',
      ]),
    );
  });

  it.each(describedForms().map((f) => [f.id, f] as const))(
    '%s: its header is one vocabulary with the reader',
    (_id, form) => {
      // Every column of the form's indicator header but the leading group label names a field.
      for (const header of [form.indicators.header, ...(form.indicators.variants ?? [])]) {
        const fields = mapColumns('indicators', header);
        const unnamed = header.filter((h, col) => !fields.has(col) && col > 0);
        expect(unnamed, form.id).toEqual([]);
      }
      if (!form.indicators.subHeader) expect(sectionOf(form.indicators.header), form.id).toBe('indicators');
      if (form.budget) expect(sectionOf(form.budget.header), form.id).toBe('budget');
      // A table with this header is recognised as this form (or one with the very same header).
      const found = identifyForm(form.indicators.header, form.titles[0]);
      expect(found?.indicators.header.map(headerKey), form.id).toEqual(form.indicators.header.map(headerKey));
    },
  );

  it('names no form for a header it does not describe', () => {
    expect(identifyForm(['一级指标', '二级指标', '三级指标', '目标', '结果', '打分'])).toBeUndefined();
  });
});

describe('a form that is not described', () => {
  it('still reads by the shared vocabulary, and says it did', () => {
    const text = [
      '某某项目绩效自评表',
      '一级指标 | 二级指标 | 三级指标 | 预期指标值 | 全年实际值 | 参考分值 | 自评分 |',
      '产出指标 | 数量指标 | 培训人次 | ≥100人次 | 120人次 | 20 | 20 |',
      '合计 | | | | | 20 | 20 |',
    ].join('\n');
    const doc = readText(text, 'x.txt');
    const ind = doc.evaluations[0]!.indicators[0]!;
    expect([ind.name, ind.target?.raw, ind.actual?.raw, ind.weight?.raw, ind.statedScore?.raw]).toEqual([
      '培训人次',
      '≥100人次',
      '120人次',
      '20',
      '20',
    ]);
    const issue = doc.issues.find((i) => i.code === 'form-unknown')!;
    expect(issue.message).toBe(
      '表格「某某项目绩效自评表」的栏目与已描述的自评表表样都不相同，已按通用栏目名称读取，请核对各列是否读对',
    );
    expect(issue.source).toMatchObject({ line: 2 });
  });
});

describe('two header rows read as one, by the form', () => {
  // The national form's variant with 指标性质/指标值/度量单位 printed as copies give it: 绩效指标 and
  // 年度指标值 on the first header row, the columns they span on the second.
  const form = describedForms().find((f) => f.id === 'national-project-2020')!;
  const variant = form.indicators.variants![0]!;
  const spans = variant.slice(0, 6);
  const top = ['绩效指标', '年度指标值', ...variant.slice(6)];

  it('gives the variant the rows span, padding cells of a web copy ignored', () => {
    expect(mergeHeaderRows([...top, '', ''], [...spans, ''])).toEqual(variant);
  });

  it('refuses rows that no described form prints', () => {
    expect(mergeHeaderRows(top, ['一级指标', '二级指标', '三级指标', '甲', '乙', '丙'])).toBeUndefined();
  });

  it('reads the indicator rows under both header rows of a pipe-row copy, with target, actual, weight and score', () => {
    const pipe = (cells: string[]) => `| ${cells.join(' | ')} | ||`;
    const text = [
      '2020年度项目支出绩效自评表',
      pipe(top),
      pipe(spans),
      pipe(['产出指标', '数量指标', '野生动物收容所', '≥', '200', '平方米', '204.46', '10.00', '9.00', '']),
      pipe(['质量指标', '项目竣工验收率', '=', '100', '%', '100', '20', '19']),
      pipe(['总分', '', '', '', '', '', '', '30', '28', '']),
    ].join('\n');
    const e = readText(text, 'x.txt').evaluations.find((x) => x.indicators.length)!;
    expect(
      e.indicators.map((i) => [i.name, i.target?.raw, i.actual?.raw, i.weight?.raw, i.statedScore?.raw]),
    ).toEqual([
      ['野生动物收容所', '200', '204.46', '10.00', '9.00'],
      ['项目竣工验收率', '100', '100', '20', '19'],
    ]);
  });
});
