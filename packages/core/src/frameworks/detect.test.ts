import { describe, expect, it } from 'vitest';
import { newEvaluation } from '../model/build.ts';
import {
  row,
  seed000,
  seed001,
  seed002,
  seed003Department,
  seed003Project,
  seed004,
} from '../scoring/fixtures/seed-shapes.ts';
import { builtinRegistry } from './builtin.ts';
import { detectFramework } from './detect.ts';

const reg = builtinRegistry();
const pick = (e: Parameters<typeof detectFramework>[0]) => {
  const d = detectFramework(e, reg);
  return [d.framework.id, d.chosenBy];
};

describe('detectFramework, by declared signatures only', () => {
  it('seed 001 部门整体绩效自评表 with 投入管理指标 → zhengzhou-shangjie-department-2021', () => {
    expect(pick(seed001())).toEqual(['zhengzhou-shangjie-department-2021', 'detected']);
  });
  it('seed 002 评扣分标准 / 偏差原因分析及改进措施 → hengyang-yanfeng-department-2024', () => {
    expect(pick(seed002())).toEqual(['hengyang-yanfeng-department-2024', 'detected']);
  });
  it('seed 003 指标体系 with 指标解释 and 计分标准 → suining-district-department-2024', () => {
    expect(pick(seed003Department())).toEqual(['suining-district-department-2024', 'detected']);
  });
  it('seed 003 project table with 指标性质 and 调整后预算数 → project-10-90, not the national default', () => {
    expect(pick(seed003Project())).toEqual(['project-10-90', 'detected']);
  });
  it('seed 004 counts only, no indicator rows → honghe-department-2024', () => {
    expect(pick(seed004())).toEqual(['honghe-department-2024', 'detected']);
  });
  it('seed 000 汇总表 → project-10-90 as the declared default for summaries', () => {
    expect(pick(seed000())).toEqual(['project-10-90', 'default']);
  });
  it('a project with 产出/效益/满意度 rows and no 指标性质 column → mof-project-2020 detected by its 一级 names', () => {
    const e = newEvaluation({
      id: 'p',
      title: '项目支出绩效自评表',
      kind: 'project',
      indicators: [row('产出指标', '数量指标', 'a', '≥1', '1', '50', '50')],
    });
    expect(pick(e)).toEqual(['mof-project-2020', 'detected']);
  });
  it('a bare project falls back to the national default; a bare department to its declared default', () => {
    expect(pick(newEvaluation({ id: 'p', title: '', kind: 'project' }))).toEqual([
      'mof-project-2020',
      'default',
    ]);
    expect(pick(newEvaluation({ id: 'd', title: '', kind: 'department' }))).toEqual([
      'hengyang-yanfeng-department-2024',
      'default',
    ]);
  });
  it('says what the choice rests on', () => {
    expect(detectFramework(seed003Department(), reg).evidence).toEqual([
      '表头含「指标解释」',
      '表头含「计分标准」',
      '一级指标含「部门预算管理」',
      '一级指标含「绩效结果应用」',
      '一级指标含「自评质量」',
    ]);
    expect(detectFramework(seed004(), reg).evidence).toEqual(['无指标行', '有指标完成条数']);
    expect(detectFramework(seed000(), reg).evidence).toEqual([
      '表中没有可识别评分框架的标志，按汇总评价的默认框架',
    ]);
  });
});

describe('detectFramework from the points a form prints in its headers', () => {
  it('a budget header 「预算执行情况(万元)(20分)」 with no 分值 on the line picks the 20/80 form, and says so', () => {
    const e = newEvaluation({
      id: 'h',
      title: '项目支出绩效自评表',
      kind: 'project',
      formSignature: ['预算执行情况(万元)(20分)', '预算数(A)', '执行数(B)'],
      indicators: [row('产出指标', '数量指标', '发放人数', '≥100', '100', '', '')],
    });
    const d = detectFramework(e, reg);
    expect([d.framework.id, d.chosenBy]).toEqual(['project-20-80-2020', 'detected']);
    expect(d.evidence).toContain('预算执行分值为 20 分');
  });
  it('a 10-point budget header does not (it stays with the national default)', () => {
    const e = newEvaluation({
      id: 'h',
      title: '项目支出绩效自评表',
      kind: 'project',
      formSignature: ['预算执行情况(10分)'],
      indicators: [row('产出指标', '数量指标', '发放人数', '≥100', '100', '', '')],
    });
    expect(detectFramework(e, reg).framework.id).not.toBe('project-20-80-2020');
  });
});
