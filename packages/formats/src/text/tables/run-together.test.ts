import { describe, expect, it } from 'vitest';
import { fillForm } from '../../testing/render-form.ts';
import { readText } from '../read-text.ts';
import { mapColumns } from './columns.ts';
import { describedForms, type FormDescription } from './forms.ts';
import { fusedBudget, interleavedBudget, parseRunRows, repairFigure } from './run-together.ts';

const read = (text: string) => {
  const doc = readText(text, 'x.txt');
  const e = doc.evaluations.find((x) => x.indicators.length);
  const rows = (e?.indicators ?? []).map((i) => [
    i.name,
    i.target?.raw ?? '',
    i.actual?.raw ?? '',
    i.weight?.raw ?? '',
    i.statedScore?.raw ?? '',
  ]);
  return { doc, e, rows };
};

describe('a table whose cells were run together without separators', () => {
  it('is cut at the form’s labels, and fused digits are split so that the row adds up', () => {
    // 湖北 form: no 分值 column; "6620" under 目标值 | 完成值 | 得分 is 6 | 6 | 20.
    const { doc, e, rows } = read(
      '2020年度渔船补贴项目自评表单位名称:农业科二级指标三级指标年初目标值(A)实际完成值(B)得分' +
        '数量指标补贴渔船数6620质量指标渔船补贴发放率100%100%10时效指标12月底之前完成100%100%10总分40\n',
    );
    expect(rows).toEqual([
      ['补贴渔船数', '6', '6', '', '20'],
      ['渔船补贴发放率', '100%', '100%', '', '10'],
      ['12月底之前完成', '100%', '100%', '', '10'],
    ]);
    expect(e!.title).toBe('2020年度渔船补贴项目自评表');
    expect(e!.statedTotal?.value).toBe('40');
    // The 一级 the copy left out comes from the form (数量指标 is an 产出指标).
    expect(e!.indicators[0]!.level1).toBe('产出指标');
    expect(doc.issues.find((i) => i.code === 'cells-fused')?.message).toMatch(
      /^第 1 行起的表格各格连写在一起/,
    );
  });

  it('a 一级 label scrambled by OCR between rows is dropped, not read as an indicator', () => {
    const { rows } = read(
      '二级指标三级指标年初目标值(A)实际完成值(B)得分出标产指数量指标补贴渔船数6620益标效指意指斥满度打' +
        '服务对象满意度退捕渔民满意度90%90%40总分60\n',
    );
    expect(rows.map((r) => r[0])).toEqual(['补贴渔船数', '退捕渔民满意度']);
  });

  it('reads 分值 before the values (宁夏 form), the 指标N the form prints, and a total in the title', () => {
    const { e, rows } = read(
      '某项目绩效目标自评表(2022年度)项目总得分96分项目名称某项目\n' +
        '绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施' +
        '产出指标(40分)数量指标指标1免费发放原原种8550万粒550万粒8指标2企业自行采购8200万粒200万粒8' +
        '成本指标指标1种薯采购价格不高于市场价8是是8' +
        '效益指标(40分)可持续影响指标持续完善种薯繁育体系8是基本达到7加强技术指导\n',
    );
    expect(rows).toEqual([
      ['免费发放原原种', '550万粒', '550万粒', '8', '8'],
      ['企业自行采购', '200万粒', '200万粒', '8', '8'],
      ['种薯采购价格不高于市场价', '是', '是', '8', '8'],
      ['持续完善种薯繁育体系', '是', '基本达到', '8', '7'],
    ]);
    expect(e!.indicators[3]!.deviationReason).toBe('加强技术指导');
    expect(e!.statedTotal?.value).toBe('96');
    expect(e!.categoryScores.map((c) => [c.level1, c.weight?.raw])).toEqual([
      ['产出指标', '40'],
      ['效益指标', '40'],
    ]);
  });

  it('reads the 决策/管理/绩效 form, whose 一级 and 二级 labels carry their own points', () => {
    const { e, rows } = read(
      '项目绩效自评表\n一级指标分值二级指标分值三级指标分值得分项目决策20项目目标4目标内容44决策过程8决策依据33' +
        '决策程序55项目管理25资金到位5到位率32.5到位时效22合计16.5\n',
    );
    expect(rows).toEqual([
      ['目标内容', '', '', '4', '4'],
      ['决策依据', '', '', '3', '3'],
      ['决策程序', '', '', '5', '5'],
      ['到位率', '', '', '3', '2.5'],
      ['到位时效', '', '', '2', '2'],
    ]);
    expect(e!.categoryScores.map((c) => [c.level1, c.weight?.raw])).toEqual([
      ['项目决策', '20'],
      ['项目管理', '25'],
    ]);
    expect(e!.indicators.map((i) => i.level2)).toEqual([
      '项目目标',
      '决策过程',
      '决策过程',
      '资金到位',
      '资金到位',
    ]);
  });

  it('repairs the signs an OCR copy damaged, and says so', () => {
    const { doc, rows } = read(
      '绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分' +
        '效益指标(40分)经济效益指标指标1亩均收入增幅8工5%工5%8社会效益指标指标1群众认知度8250%250%8' +
        '指标2合格率8290$290%8\n',
    );
    expect(rows).toEqual([
      ['亩均收入增幅', '≥5%', '≥5%', '8', '8'],
      ['群众认知度', '≥50%', '≥50%', '8', '8'],
      ['合格率', '≥90%', '≥90%', '8', '8'],
    ]);
    const fused = doc.issues.find((i) => i.code === 'cells-fused')!.message;
    expect(fused).toContain('指标「群众认知度」的「≥50%」是按识别错误的符号改读的');
  });

  it('leaves blank, and says so, figures it cannot cut reliably', () => {
    const { doc, rows } = read(
      '绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分' +
        '产出指标(40分)数量指标指标1发放种薯8550万粒550万粒8指标2繁育基地8000亩\n8535.5亩质量指标指标1合格率8100%100%8\n',
    );
    expect(rows[1]).toEqual(['繁育基地', '', '', '', '']);
    expect(doc.issues.find((i) => i.code === 'cells-fused')!.message).toContain(
      '指标「繁育基地」的数字连在一起，无法可靠拆开，未读取',
    );
  });

  it('reads a flattened line with 指标N: before each name, its names and figures printed as separate runs', () => {
    const { rows } = read(
      '某县项目支出绩效自评表 (2021年度) 一级 指标 二级指标 三级指标 年度 指标值 实际 完成值 分值 得分 ' +
        '指标1:建立预防接种证 221人 221人 2 2 指标2:疫苗接种率 100.00% 97.30% 2 1.9 ' +
        '指标3:事件报告 数 指标4:家庭医生签约 14例 14例 2 2 24694人 22584人 2 1.7 质量指标 指标1:提升\n',
    );
    expect(rows).toEqual([
      ['建立预防接种证', '221人', '221人', '2', '2'],
      ['疫苗接种率', '100.00%', '97.30%', '2', '1.9'],
      ['事件报告数', '14例', '14例', '2', '2'],
      ['家庭医生签约', '24694人', '22584人', '2', '1.7'],
      // Cut off by the end of the copy: the name alone.
      ['提升', '', '', '', ''],
    ]);
  });

  it('prose that names the header labels, or a header with no rows under it, is not a table', () => {
    expect(read('一级指标二级指标三级指标分值得分，是本表的栏目。\n').rows).toEqual([]);
    expect(read('绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分\n').doc.evaluations).toEqual(
      [],
    );
  });

  it('a very long run of fused figures is read in time, and a table past its limit says where it stopped', () => {
    const head = '绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(40分)数量指标';
    const t0 = performance.now();
    const { rows } = read(
      `${head}${'指标1发放种薯8550万粒550万粒8'.repeat(100)}${'1234567890'.repeat(2000)}\n`,
    );
    expect(rows.length).toBe(101);
    expect(performance.now() - t0).toBeLessThan(5000);
    const { doc } = read(`${head}${'指标1发放种薯8550万粒550万粒8'.repeat(2000)}\n`);
    expect(doc.issues.find((i) => i.code === 'cells-fused')!.message).toContain(
      '表格过长，只读取了前 30000 个字符',
    );
  }, 60_000);
});

describe('a budget row run together with its header', () => {
  it('is cut where 执行数 ÷ 预算数 gives the printed 执行率 and the score stays within its points', () => {
    const { doc, e } = read(
      '项目自评表预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额1.561.56120' +
        '二级指标三级指标年初目标值(A)实际完成值(B)得分数量指标补贴渔船数6620质量指标发放率100%100%10总分50\n',
    );
    const total = e!.budget.find((l) => l.role === 'total')!;
    expect([total.label, total.adjustedBudget?.raw, total.executed?.raw, total.executionRate?.raw]).toEqual([
      '年度财政资金总额',
      '1.56',
      '1.56',
      '100%',
    ]);
    expect(total.statedScore?.raw).toBe('20');
    expect(doc.issues.find((i) => i.code === 'cells-fused')!.message).toContain(
      '「年度财政资金总额」的执行率写作比值 1，按 100% 读取',
    );
  });

  it('with figures no cut makes agree, nothing is guessed', () => {
    expect(fusedBudget('预算数(A)执行数(B)执行率(B/A)得分年度资金总额1.561.2390%9')).toBeUndefined();
    expect(fusedBudget('预算数(A)执行数(B)执行率(B/A)得分年度资金总额100.0080.0080%8')?.row).toEqual([
      '年度资金总额',
      '100.00',
      '80.00',
      '80%',
      '8',
    ]);
  });
});

// The 宁夏 form's budget block as an OCR copy prints it (corpus 043): the total's 预算数 beside its
// label, the other figures after the row labels, on lines of their own.
const NINGXIA_HEAD = [
  '马铃薯种薯繁育示范推广项目绩效目标自评表(2022年度)项目总得分99分项目名称马铃薯种薯繁育示范推广项目',
  '资金情况(万元)年度资金总额全年预算数(A)300全年执行数(B)执行率(B/A)其中中央补助自治区补助300万元',
  '259.45万元',
  '86.5%市县资金年度总体目标采购马铃薯原原种425万粒绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施产出指标(40分)数量指标指标1免费发放原原种8550万粒550万粒8指标2企业自行采购8200万粒200万粒8',
];

describe('a budget block whose labels and figures are interleaved', () => {
  it('takes the three figures that agree with 执行数 ÷ 预算数 = 执行率 as the first row’s, and says so', () => {
    const doc = readText(`${NINGXIA_HEAD.join('\n')}\n`, 'nx.txt');
    const e = doc.evaluations.find((x) => x.indicators.length)!;
    const total = e.budget.find((l) => l.role === 'total')!;
    expect(total.label).toBe('年度资金总额');
    expect([total.adjustedBudget?.value, total.executed?.value, total.executionRate?.value]).toEqual([
      '300',
      '259.45',
      '86.5',
    ]);
    expect(e.indicators.map((i) => i.name)).toEqual(['免费发放原原种', '企业自行采购']);
    expect(doc.issues.find((i) => i.code === 'cells-fused')!.message).toContain(
      '「年度资金总额」的数字与栏目名称交错，按 259.45万元 ÷ 300 ≈ 86.5%',
    );
  });

  it('guesses nothing when no run of figures agrees, or the first 预算数 is not among them', () => {
    const head = '资金情况(万元)年度资金总额全年预算数(A)300全年执行数(B)执行率(B/A)其中中央补助自治区补助';
    expect(interleavedBudget(`${head}300万元200万元86.5%市县资金年度总体目标`)).toBeUndefined();
    expect(interleavedBudget(`${head}400万元346万元86.5%市县资金年度总体目标`)).toBeUndefined();
    // Figures of the goal after the block are not the block's.
    expect(interleavedBudget(`${head}市县资金年度总体目标300万元259.45万元86.5%`)).toBeUndefined();
  });
});

describe('the cuts of a row’s fused text', () => {
  it('splits digits by what the columns can hold: a score is at most its weight, targets and results alike', () => {
    const { rows } = parseRunRows('免费发放8550万粒550万粒8', ['weight', 'value', 'value', 'score'], {
      cap: 40,
    });
    expect(rows.map((r) => [r.name, ...r.cells])).toEqual([['免费发放', '8', '550万粒', '550万粒', '8']]);
  });

  it('several rows of one 二级 run together are told apart at the next name', () => {
    const { rows } = parseRunRows('办结信访案件168起168起10拆除墓地32座32座20', ['value', 'value', 'score']);
    expect(rows.map((r) => [r.name, ...r.cells])).toEqual([
      ['办结信访案件', '168起', '168起', '10'],
      ['拆除墓地', '32座', '32座', '20'],
    ]);
  });

  it('an OCR sign is repaired only where the row shows it', () => {
    expect(repairFigure('290%', '服务对象满意度')).toEqual({ text: '≥90%', repaired: true });
    // A growth rate can pass 100%: 250% stays.
    expect(repairFigure('250%', '收入增长率')).toEqual({ text: '250%', repaired: false });
    expect(repairFigure('250%', '完成数量')).toEqual({ text: '250%', repaired: false });
    expect(repairFigure('W10次', '投诉次数')).toEqual({ text: '≤10次', repaired: true });
    expect(repairFigure('95$', '合格率')).toEqual({ text: '95%', repaired: true });
  });
});

/**
 * A described form filled and copied with every separator lost (labels, names and cells run
 * together), or flattened onto one line with a space between cells (merged cells written once).
 */
function runTogether(form: FormDescription, gap = '') {
  const data = fillForm(form);
  const header = form.indicators.header;
  const fields = mapColumns('indicators', header);
  const nameAt = [...fields].find(([, f]) => f === 'name')![0];
  let prev: (typeof data.indicators)[number] | undefined;
  const rows = data.indicators.map((i) => {
    const l1 = prev?.level1 === i.level1 ? '' : i.level1;
    const l2 = prev?.level1 === i.level1 && prev?.level2 === i.level2 ? '' : i.level2;
    prev = i;
    const value: Record<string, string> = {
      target: i.target,
      actual: i.actual,
      weight: i.weight,
      statedScore: i.score,
      direction: i.direction,
      unit: i.unit,
      deviationReason: i.reason ? '无' : '',
    };
    const cells = header.slice(nameAt + 1).map((_, k) => value[fields.get(nameAt + 1 + k) ?? ''] ?? '');
    return [l1, l2, i.name, ...cells].filter(Boolean).join(gap);
  });
  const footer = data.scoreTotal ? `${form.footer ?? '合计'}${gap}${data.scoreTotal}` : '';
  return { data, text: `${data.title}\n${[header.join(gap), ...rows, footer].join(gap)}\n` };
}

describe('every described project form, copied with its separators lost, reads back', () => {
  const forms = describedForms().filter((f) => {
    const fields = [...mapColumns('indicators', f.indicators.header).values()];
    return (
      f.kind === 'project' &&
      fields.includes('name') &&
      fields.includes('statedScore') &&
      // 指标性质 and 度量单位 in their own columns, and 河北's 单项指标得分 × 权重占比, are not written by this copy.
      !fields.includes('direction') &&
      !fields.includes('itemScore') &&
      fields.filter((x) => x === 'weight' || x === 'statedScore' || x === 'target' || x === 'actual')
        .length >= 3
    );
  });
  it('covers the project forms without a separate 指标性质 column', () => {
    expect(forms.map((f) => f.id).sort()).toContain('national-project-2020');
    expect(forms.length).toBeGreaterThanOrEqual(4);
  });
  it.each(
    forms.flatMap((f) => [
      [`${f.id}, run together`, f, ''] as const,
      [`${f.id}, flattened with spaces`, f, ' '] as const,
    ]),
  )('%s', (_id, form, gap) => {
    const { data, text } = runTogether(form, gap);
    const { e, rows } = read(text);
    expect(rows, text).toEqual(data.indicators.map((i) => [i.name, i.target, i.actual, i.weight, i.score]));
    expect(e!.statedTotal?.value, text).toBe(data.scoreTotal);
  });
});
