import { builtinRegistry, parseStated, type Indicator } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import {
  indicatorCategories,
  isCriterion,
  insertIndicator,
  isEntered,
  level2Suggestions,
  mergeSpans,
  newIndicatorRow,
  nextIndicatorId,
  renameLevel2,
} from './indicators.ts';

const row = (id: string, level1: string, level2: string, name = id): Indicator => ({
  id,
  level1,
  level2,
  name,
  direction: '≥',
});
const order = ['产出指标', '效益指标', '满意度指标', '成本指标'];
const rows = [
  row('a', '产出指标', '数量指标'),
  row('b', '产出指标', '数量指标'),
  row('c', '产出指标', '质量指标'),
  row('d', '满意度指标', '服务对象满意度指标'),
];
const ids = (r: Indicator[]) => r.map((x) => x.id).join(',');

describe('indicator rows in the editor', () => {
  it('inserts after its 一级/二级 group, else after its 一级, else by the framework order', () => {
    expect(ids(insertIndicator(rows, row('x', '产出指标', '数量指标'), order))).toBe('a,b,x,c,d');
    expect(ids(insertIndicator(rows, row('x', '产出指标', '时效指标'), order))).toBe('a,b,c,x,d');
    expect(ids(insertIndicator(rows, row('x', '效益', '社会效益指标'), order))).toBe('a,b,c,x,d');
    expect(ids(insertIndicator(rows, row('x', '成本指标', ''), order))).toBe('a,b,c,d,x');
    expect(ids(insertIndicator(rows, row('x', '其他', ''), order))).toBe('a,b,c,d,x');
    expect(ids(insertIndicator([], row('x', '产出指标', ''), order))).toBe('x');
  });

  it('merges equal consecutive 一级 and 二级 cells', () => {
    expect(mergeSpans(rows, (r) => r.level1)).toEqual([3, 0, 0, 1]);
    expect(mergeSpans(rows, (r) => `${r.level1}/${r.level2}`)).toEqual([2, 0, 1, 1]);
    expect(mergeSpans([], (r) => r.level1)).toEqual([]);
  });

  it('renames a merged 二级 group only', () => {
    expect(renameLevel2(rows, 0, 2, '数量').map((r) => r.level2)).toEqual([
      '数量',
      '数量',
      '质量指标',
      '服务对象满意度指标',
    ]);
  });

  it('gives new rows fresh ids and parsed cells', () => {
    expect(nextIndicatorId([row('row-5', '', ''), row('x', '', '')])).toBe('row-3');
    expect(nextIndicatorId([row('row-3', '', ''), row('row-4', '', '')])).toBe('row-5');
    const r = newIndicatorRow(rows, {
      level1: '产出指标',
      level2: ' 数量指标 ',
      name: '培训人次',
      direction: '≥',
      target: '≥100',
      unit: '人次',
      weight: '10',
    });
    expect(r).toMatchObject({ level2: '数量指标', name: '培训人次', unit: '人次' });
    expect(r.target?.value).toBe('100');
    expect(r.weight?.value).toBe('10');
    expect(r.actual?.raw).toBe('');
    expect(isEntered(r)).toBe(true);
    expect(isEntered({ ...r, source: { line: 3 } })).toBe(false);
    expect(parseStated(r.target?.raw).sign).toBe('≥');
  });

  it("suggests the framework's 二级 first, then the table's, then the usual ones", () => {
    const reg = builtinRegistry();
    const criteria = reg.get('suining-district-department-2024');
    expect(level2Suggestions(criteria, [], '部门预算管理')).toEqual(['预算编制', '预算执行', '完成结果']);
    expect(level2Suggestions(reg.get('mof-project-2020'), rows, '产出')).toEqual([
      '数量指标',
      '质量指标',
      '时效指标',
      '成本指标',
    ]);
    expect(indicatorCategories(reg.get('mof-project-2020'))).toEqual(['产出指标', '效益指标', '满意度指标']);
    expect(indicatorCategories(undefined)).toEqual([]);
    expect(isCriterion(criteria, row('x', '部门预算管理', '完成结果', '违规记录'))).toBe(true);
    expect(isCriterion(criteria, row('x', '产出指标', '', '培训人次'))).toBe(false);
    expect(isCriterion(undefined, row('x', '', '', '违规记录'))).toBe(false);
  });
});
