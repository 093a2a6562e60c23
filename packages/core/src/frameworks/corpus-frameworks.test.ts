import { describe, expect, it } from 'vitest';
import { newEvaluation } from '../model/build.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { parseStated } from '../numbers/parse.ts';
import { row } from '../scoring/fixtures/seed-shapes.ts';
import { scoreEvaluation } from '../scoring/score.ts';
import { auditDocument } from '../audit/audit.ts';
import type { EvaluationDocument } from '../model/evaluation.ts';
import { builtinRegistry } from './builtin.ts';
import { parseFramework } from './parse.ts';

/**
 * Forms of ../shared/corpus/ scored under the frameworks written for them, chosen from what the
 * form prints. Figures copied from the documents (018: 通城县塘湖镇 2020 部门整体支出绩效自评表,
 * http://www.zgtc.gov.cn/…/t20210825_2381407.shtml; 008: 金寨县茶谷和美丽乡村建设服务中心 2023).
 */
function tanghu(): Evaluation {
  return newEvaluation({
    id: 'tanghu',
    title: '部门整体支出绩效自评表',
    kind: 'department',
    year: 2020,
    formSignature: [
      '单位名称',
      '预算执行情况(万元)(20分)',
      '预算数(A)',
      '执行数(B)',
      '执行率(B/A)',
      '得分(20分*执行率)',
      '年度目标1:(80分)',
      '年初目标值(A)',
      '实际完成值(B)',
    ],
    budget: [
      {
        id: 'total',
        label: '部门整体支出总额',
        role: 'total',
        adjustedBudget: parseStated('864.2'),
        executionRate: parseStated('100%'),
        weight: parseStated('20'),
        statedScore: parseStated('20'),
      },
    ],
    indicators: [
      row('产出指标', '数量指标', '办结信访案件', '168起', '168起', '10', '10'),
      row('产出指标', '数量指标', '拆除活人墓、豪华墓', '32座', '32座', '20', '20'),
      row('产出指标', '时效指标', '解决群众问题时间', '≤2天', '2天', '10', '10'),
      row('效益指标', '社会效益指标', '改善人居环境', '有效改善', '有效改善', '10', '10'),
      row('效益指标', '社会效益指标', '提升出行效率', '有效提升', '部分达成预期指标', '10', '6'),
      row('满意度指标', '满意度指标', '群众对政府工作满意度', '≥90%', '95%', '20', '20'),
    ],
    statedTotal: parseStated('100'),
  });
}

describe('the 20/80 form (湖北; 云南 units use the same table)', () => {
  const reg = builtinRegistry();
  it('is chosen from the form’s own header 得分(20分*执行率), not the national 10-point budget, and says why', () => {
    const r = scoreEvaluation(tanghu(), reg);
    expect(r.frameworkId).toBe('project-20-80-2020');
    expect(r.explanation.inputs['评分框架识别依据']).toContain('表中写明「20分×执行率」');
    expect(r.explanation.inputs['评分框架识别依据']).toContain('预算执行分值为 20 分');
  });
  it('scores 预算执行 as 20 × 执行率, each step shown', () => {
    const be = scoreEvaluation(tanghu(), reg).budgetExecution!;
    expect(be.computed).toBe('20.00');
    expect(be.explanation.formula).toBe('20 × min(100%, 100%) = 20');
    expect(be.explanation.steps?.at(-1)).toEqual({
      formula: '分值 × min(执行率, 100%)',
      shown: '20 × min(100%, 100%)',
      result: '20',
    });
  });
  it('a 定性 row that 部分达成 is allowed [50%, 80%) of its 分值 (5–7.99 of 10), the form’s own middle tier', () => {
    const r = scoreEvaluation(tanghu(), reg);
    const partial = r.indicators.find((s) => s.explanation.inputs['完成值'] === '部分达成预期指标')!;
    expect(partial.allowedRange).toEqual(['5.00', '7.99']);
    expect(r.computedTotal).toBe('96.00');
  });
});

describe('a framework no shipped file knows, written here from a corpus form, scores it without a code change', () => {
  // 008.txt 金寨县 部门整体支出绩效自评表(2023年度): 全年预算数 329.77, 全年执行数 338.31, 执行率 102.59%, 分值 10.
  const anhui = {
    id: 'test-department-10-90',
    version: '2023.1',
    name: '部门整体支出绩效自评表（预算执行 10 分，执行率超过 100% 的按 100% 计）',
    kind: 'department',
    citations: {
      form: {
        title: '金寨县茶谷和美丽乡村建设服务中心 部门整体支出绩效自评表(2023年度)',
        clause: '全年预算数、全年执行数、分值 10、执行率、得分',
        source: 'corpus/008.txt',
      },
    },
    detection: { kinds: ['department'], priority: 30, notes: [{ text: '茶谷', says: '测试用标志' }] },
    rules: [
      {
        id: 'budget',
        kind: 'budget-execution',
        weight: 10,
        cite: 'form',
        formula: 'round(min(执行率, 100%) × 分值, 1)',
        examples: [
          { inputs: { 执行率: '102.59%' }, expect: '10', source: '008.txt：338.31 ÷ 329.77 = 102.59%' },
        ],
      },
    ],
  };
  it('is accepted, chosen by its note, and scores 338.31 ÷ 329.77 at full marks', () => {
    const reg = builtinRegistry();
    reg.add(parseFramework(anhui, 'anhui.json'));
    const e = newEvaluation({
      id: 'jinzhai',
      title: '部门整体支出绩效自评表(2023年度) 金寨县茶谷和美丽乡村建设服务中心',
      kind: 'department',
      formSignature: ['全年预算数', '全年执行数', '分值', '执行率', '得分'],
      budget: [
        {
          id: 't',
          label: '年度资金总额',
          role: 'total',
          adjustedBudget: parseStated('329.77'),
          executed: parseStated('338.31'),
          weight: parseStated('10'),
        },
      ],
    });
    const r = scoreEvaluation(e, reg);
    expect(r.frameworkId).toBe('test-department-10-90');
    expect(r.budgetExecution?.computed).toBe('10.00');
    expect(r.budgetExecution?.explanation.formula).toBe('round(min(102.59%, 100%) × 10, 1) = 10');
  });
  it('is refused with the file, the rule and the column when its formula names an unknown input', () => {
    const bad = JSON.parse(JSON.stringify(anhui)) as typeof anhui;
    bad.rules[0]!.formula = 'min(执行律, 100%) × 分值';
    expect(() => parseFramework(bad, 'anhui.json')).toThrow(
      '评分框架 anhui.json：rules[0].formula 规则「budget」的公式「min(执行律, 100%) × 分值」第 5 列：未知的输入「执行律」',
    );
  });
});

describe('a five-grade scale with what each grade means for the budget, as data', () => {
  const band = (label: string, min: number, text?: string, cut?: [string, string], mayCancel = false) => ({
    label,
    min,
    ...(text ? { consequence: { text, ...(cut ? { budgetCut: cut } : {}), mayCancel } } : {}),
  });
  const fiveGrades = {
    id: 'test-five-grades',
    version: '1',
    name: '五级评价（优/良/中/低/差）',
    kind: 'project',
    citations: {
      g: {
        title: '评价结果等级与预算挂钩',
        clause: '中 压减5%-10%，低 压减20%-30%，差 压减50%或取消',
        source: 'issue',
      },
    },
    grades: {
      cite: 'g',
      bands: [
        band('优', 90),
        band('良', 80),
        band('中', 70, '下年度预算压减 5%–10%', ['5', '10']),
        band('低', 60, '下年度预算压减 20%–30%', ['20', '30']),
        band('差', 0, '下年度预算压减 50% 或取消', ['50', '50'], true),
      ],
    },
    detection: { kinds: ['project'], all: ['测试专用五级'], priority: 50 },
    rules: [
      {
        id: 'ge',
        kind: 'indicator',
        direction: '≥',
        cite: 'g',
        formula: 'min(分值, 完成值 ÷ 指标值 × 分值)',
        met: '完成值 >= 指标值',
        examples: [{ inputs: { 指标值: '100', 完成值: '75', 分值: '100' }, expect: '75', source: '示例' }],
      },
    ],
  };
  it('a total of 75 is 中, and the result says what 中 means for next year’s budget', () => {
    const reg = builtinRegistry();
    reg.add(parseFramework(fiveGrades, 'five.json'));
    const e = newEvaluation({
      id: 'x',
      title: '测试专用五级',
      kind: 'project',
      indicators: [row('产出指标', '数量指标', 'a', '≥100', '75', '100', '75')],
    });
    const r = scoreEvaluation(e, reg);
    expect([r.computedTotal, r.computedGrade, r.gradeConsequence]).toEqual([
      '75.00',
      '中',
      '下年度预算压减 5%–10%',
    ]);
  });
  it('a budget cut whose lower bound exceeds its upper is refused', () => {
    const bad = JSON.parse(JSON.stringify(fiveGrades)) as typeof fiveGrades;
    bad.grades.bands[3]!.consequence!.budgetCut = ['30', '20'];
    expect(() => parseFramework(bad, 'five.json')).toThrow(
      'grades.bands[3].consequence.budgetCut 「低」的预算压减比例下限 30% 高于上限 20%',
    );
  });
});

/**
 * 008.txt 金寨县茶谷和美丽乡村建设服务中心 部门整体支出绩效自评表(2023年度),
 * https://www.ahjinzhai.gov.cn/public/6624963/37545031.html: its budget line and the eight rows visible.
 */
function jinzhai(): Evaluation {
  return newEvaluation({
    id: 'jinzhai',
    title: '部门整体支出绩效自评表',
    kind: 'department',
    year: 2023,
    formSignature: [
      '部门整体支出绩效自评表',
      '预算资金(万元)',
      '年初预算数',
      '全年预算数',
      '全年执行数',
      '分值',
      '执行率',
      '得分',
      '实际完成值',
      '偏差原因分析及改进措施',
    ],
    budget: [
      {
        id: 't',
        label: '年度资金总额',
        role: 'total',
        initialBudget: parseStated('329.77'),
        adjustedBudget: parseStated('329.77'),
        executed: parseStated('338.31'),
        weight: parseStated('10'),
        executionRate: parseStated('102.59%'),
      },
    ],
    indicators: [
      row('产出指标', '数量指标', '指标1:开展精品示范村建设数量', '≤4', '4', '10', '10'),
      row('产出指标', '数量指标', '指标2:建设美丽宜居自然村庄数量', '≥200', '202', '10', '10'),
      row('产出指标', '数量指标', '指标3:完成农村户用卫生厕所改造数量', '≥2000', '3061', '10', '10'),
      row('产出指标', '数量指标', '指标4:新建省级中心村数量', '≥10', '10', '10', '10'),
      row('产出指标', '质量指标', '指标1:美丽宜居自然村庄验收通过率', '≥95%', '100%', '5', '5'),
      row('产出指标', '质量指标', '指标2:户用卫生厕所改造验收通过率', '≥95%', '100%', '5', '5'),
      row('产出指标', '时效指标', '指标1:完成美丽宜居自然村庄验收时间', '9月前', '7月', '5', '5'),
      row('产出指标', '时效指标', '指标2:完成户用卫生厕所改造验收时间', '11月前', '10月', '5', '5'),
    ],
  });
}

describe('the 安徽 部门整体支出绩效自评表 (008, 金寨县 2023)', () => {
  const reg = builtinRegistry();
  it('is chosen from its header and its 10-point budget line, and says so', () => {
    const r = scoreEvaluation(jinzhai(), reg);
    expect(r.frameworkId).toBe('anhui-department-2023');
    expect(r.explanation.inputs['评分框架识别依据']).toContain('预算执行分值为 10 分');
    expect(r.explanation.inputs['评分框架识别依据']).toContain('表头含「部门整体支出绩效自评表」');
  });
  it('scores each visible row to the points the table prints, the 时效 deadlines included', () => {
    const r = scoreEvaluation(jinzhai(), reg);
    expect(r.indicators.map((s) => s.computed)).toEqual(
      jinzhai().indicators.map((i) => `${i.statedScore!.raw}.00`),
    );
  });
  it('scores the budget line the table leaves blank: 338.31 ÷ 329.77 = 102.59%, capped at 100%, 10 points', () => {
    const be = scoreEvaluation(jinzhai(), reg).budgetExecution!;
    expect(be.computed).toBe('10.00');
    expect(be.stated).toBeNull();
    expect(be.explanation.formula).toBe('min(102.59%, 100%) × 10 = 10');
  });
  it('a 部门整体 table with another budget weight is not taken for it', () => {
    const e = jinzhai();
    e.budget[0]!.weight = parseStated('20');
    expect(scoreEvaluation(e, reg).frameworkId).not.toBe('anhui-department-2023');
  });
});

/** 040.txt / 041.txt 宣城市 转移支付区域(项目)绩效目标自评表: the budget block as printed. */
function xuancheng(year: 2023 | 2024): Evaluation {
  const [a, b, rate] = year === 2023 ? ['148', '46', '31.00%'] : ['390', '390', '100%'];
  return newEvaluation({
    id: `xuancheng-${year}`,
    title:
      year === 2023
        ? '宣城市转移支付区域(项目)绩效目标自评表'
        : '中央财政农业防灾减灾(动物防疫项目)绩效目标自评表',
    kind: 'project',
    year,
    formSignature: [
      '转移支付(项目)名称',
      '中央主管部门',
      '地方主管部门',
      '资金使用单位',
      '资金投入情况(万元)',
      '全年预算数(A)',
      '全年执行数(B)',
      '预算执行率(B/A×100%)',
      '资金管理情况',
    ],
    budget: [
      {
        id: 't',
        label: '年度资金总额',
        role: 'total',
        adjustedBudget: parseStated(a),
        executed: parseStated(b),
        executionRate: parseStated(rate),
      },
    ],
  });
}

describe('the 转移支付区域（项目）绩效目标自评表 (040, 041: 宣城市)', () => {
  const reg = builtinRegistry();
  it('is chosen from its own header words, and gives no total and no grade: the form has no 分值 or 得分', () => {
    const r = scoreEvaluation(xuancheng(2024), reg);
    expect(r.frameworkId).toBe('transfer-regional');
    expect(r.explanation.inputs['评分框架识别依据']).toContain('表头含「资金使用单位」');
    expect([r.computedTotal, r.computedGrade, r.budgetExecution]).toEqual([null, null, undefined]);
    expect(r.explanation.summary).toContain('没有分值和得分');
  });
  it('still checks its figures: 040 states 31.00% for 46 ÷ 148 = 31.08%, and no blank 得分 is asked for', () => {
    const e = xuancheng(2023);
    const doc: EvaluationDocument = { file: '040.txt', evaluations: [e], statements: [], issues: [] };
    const found = auditDocument(doc, (x) => scoreEvaluation(x, reg)).results[0]!.findings;
    expect(found.some((f) => f.code === 'ratio-mismatch' && /31\.08%/.test(f.message))).toBe(true);
    expect(found.filter((f) => f.code === 'unfilled')).toEqual([]);
  });
  it('is not chosen for a 上级转移支付 project scored on the 20/80 form (038 prints 得分(20分*执行率))', () => {
    const e = tanghu();
    e.kind = 'project';
    e.title = '隆阳区2021年中央化肥减量增效示范县项目补助资金（上级转移支付项目）';
    expect(scoreEvaluation(e, reg).frameworkId).toBe('project-20-80-2020');
  });
});
