import { beforeAll, describe, expect, it } from 'vitest';
import {
  newEvaluation,
  parseStated,
  scoreEvaluation,
  type DocumentAudit,
  type EvaluationResult,
  type FrameworkRegistry,
} from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import {
  buildReportContent,
  type ReportApplication,
  type ReportBlock,
  type ReportRectification,
} from './content.ts';
import { loadReportLayout } from './layout.ts';
import { renderReportHtml, writeReportHtml } from './html.ts';
import { writeReportDocx } from './docx.ts';
import { withoutSignatures } from '../testing/unsigned.ts';
import { auditSeeds, zipEntry } from './test-support.ts';

let seeds = new Map<string, DocumentAudit>();
let registry: FrameworkRegistry;
beforeAll(async () => {
  seeds = new Map((await auditSeeds()).map((s) => [s.name, s.audit]));
  registry = await loadBuiltinRegistry();
});

const headings = (blocks: ReportBlock[]) =>
  blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
const tables = (blocks: ReportBlock[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));

const HOSTILE = "<script>alert(1)</script> =cmd|' /C calc'!A0 \u0001\u0007\u001b 结束";

function hostileResult(): EvaluationResult {
  const evaluation = newEvaluation({
    id: 'eval-1',
    title: `<img src=x onerror=alert(1)>自评表`,
    kind: 'department',
    year: 2024,
    organization: '某某局<b>',
    goal: HOSTILE,
    problems: '第一行\r\n第二行\u0000',
  });
  return { evaluation, score: scoreEvaluation(evaluation, registry), findings: [] };
}

describe('report content from the data and the layout', () => {
  it('has the six sections in the layout order, and the appendix only on request', () => {
    const audit = seeds.get('001')!;
    const published = buildReportContent(audit);
    expect(headings(published.blocks)).toEqual([
      '一、基本情况',
      '二、预算执行情况',
      '三、绩效目标完成情况',
      '四、偏差原因与存在问题',
      '五、改进措施',
      '六、结果应用',
    ]);
    expect(published.internal).toBe(false);
    const internal = buildReportContent(audit, { includeFindings: true });
    expect(headings(internal.blocks).at(-1)).toBe('附件：审核发现（内部使用）');
    const findings = tables(internal.blocks).at(-1)!;
    expect(findings.header).toEqual(['序号', '级别', '类型', '说明', '位置', '依据']);
    expect(findings.rows.map((r) => r[2]!.text)).toContain('合计与明细不符');
  });

  it('seed 001: the indicator table merges 一级 cells, ends in the 合计 with stated 99.00 and (internally) recomputed 99.11 — scores in two decimals', () => {
    const published = tables(buildReportContent(seeds.get('001')!).blocks).find(
      (t) => t.caption === '绩效指标完成情况表',
    )!;
    // The published table is the department's: its stated scores, no recomputation column.
    expect(published.header).not.toContain('重算得分');
    expect(published.rows.at(-1)!.map((c) => c.text)).toEqual(['合计', '', '', '', '', '100.00', '99.00']);
    const indicators = tables(buildReportContent(seeds.get('001')!, { includeFindings: true }).blocks).find(
      (t) => t.caption === '绩效指标完成情况表',
    )!;
    const first = indicators.rows.find((r) => r[0]!.text === '投入管理指标')!;
    expect(first[0]!.rowSpan).toBeGreaterThan(1);
    const total = indicators.rows.at(-1)!;
    expect(total.map((c) => c.text)).toEqual(['合计', '', '', '', '', '100.00', '99.00', '99.11']);
    // 政府采购执行率: target ≥90%, actual 50%, stated 1 of 2 — the rule gives 50 ÷ 90 × 2 = 1.11.
    const row = indicators.rows.find((r) => r[2]!.text === '政府采购执行率')!;
    expect(row.slice(3).map((c) => c.text)).toEqual(['≥90%', '50.00%', '2.00', '1.00', '1.11']);
  });

  it('a single project of seed 003 is reported on its own, titled by the project, without sub-headings', () => {
    const project = seeds.get('003')!.results.find((r) => r.evaluation.projectName === '社区矫正办公经费')!;
    const content = buildReportContent([project]);
    expect(content.title).toBe('2023年度社区矫正办公经费项目支出绩效自评报告');
    expect(content.blocks.some((b) => b.kind === 'heading' && b.level === 2)).toBe(false);
    const budget = tables(content.blocks).find((t) => t.caption.startsWith('预算执行情况表'))!;
    expect(budget.rows[0]!.map((c) => c.text)).toEqual(['总额', '0.00', '37.88', '37.88', '100.00%']);
  });

  it('seed 003: the organization is named once, not again for each of its five projects', () => {
    const texts = buildReportContent(seeds.get('003')!).blocks.flatMap((b) =>
      b.kind === 'paragraph' ? [b.text] : [],
    );
    expect(texts.filter((t) => t.startsWith('单位名称：遂宁市安居区司法局'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('项目名称：'))).toHaveLength(5);
  });

  it('seed 002: the score sentence has no blank marks where an optional note is empty', () => {
    const paragraphs = (internal: boolean) =>
      buildReportContent(seeds.get('002')!, { includeFindings: internal }).blocks.flatMap((b) =>
        b.kind === 'paragraph' ? [b.text] : [],
      );
    expect(paragraphs(false)).toContain('自评得分 96.12 分，自评等级「优」。');
    expect(paragraphs(true)).toContain('（内部审核）按评分规则重算得分 96.12 分，评价等级「优」。');
  });

  it('seed 002: execution of 61.23% is named as a deviation, never "各项指标均已完成，预算执行无较大偏差"', () => {
    const content = buildReportContent(seeds.get('002')!);
    const text = JSON.stringify(content.blocks);
    expect(text).not.toContain('预算执行无较大偏差');
    const list = content.blocks.find((b) => b.kind === 'list');
    expect(list && list.kind === 'list' ? list.items.join('\n') : '').toContain('61.23%');
  });

  it('seed 003: a project whose 完成值 are all blank says so, and does not claim its targets met', () => {
    const project = seeds
      .get('003')!
      .results.find(
        (r) => r.evaluation.kind === 'project' && r.evaluation.indicators.some((i) => !i.actual?.raw),
      )!;
    const content = buildReportContent([project]);
    const text = JSON.stringify(content.blocks);
    expect(text).not.toContain('各项指标均已完成');
    expect(text).toMatch(/\d+ 项指标未填报完成值/);
  });

  it('the published report carries no recomputation, no audit wording and no framework id', () => {
    for (const [name, audit] of seeds) {
      const text = JSON.stringify(buildReportContent(audit).blocks);
      for (const internal of ['重算', '暂不评定', '内部审核', audit.results[0]!.score.frameworkId]) {
        expect(text.includes(internal), `${name}: ${internal}`).toBe(false);
      }
    }
  });

  it('seed 000: the 汇总表 rows keep 是否有较大偏差 and the rate is recomputed (24.81 ÷ 35.20 = 70.48%)', () => {
    const content = buildReportContent(seeds.get('000')!);
    const summary = tables(content.blocks).find((t) => t.caption.startsWith('项目支出绩效自评汇总表'))!;
    expect(summary.rows).toHaveLength(8);
    expect(summary.rows[0]!.map((c) => c.text)).toEqual([
      '1',
      '人民调解',
      '35.20',
      '24.81',
      '70.48%',
      '93.85',
      '',
    ]);
    expect(summary.rows[7]![6]!.text).toBe('压缩项目经费，未足额拨付');
    // Σ 全年预算数 170.80, Σ 执行数 58.81 (24.81 + 18 + 16), 58.81 ÷ 170.80 = 34.43%; scores 84 to 97.7.
    const texts = content.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(texts).toContain(
      '纳入汇总的 8 个项目全年预算数合计 170.80 万元，执行数合计 58.81 万元，总体执行率 34.43%。',
    );
    expect(
      texts.some((t) =>
        t.startsWith('汇总表所列 8 个项目的自评得分在 84.00 分至 97.70 分之间，其中 5 个项目'),
      ),
    ).toBe(true);
    expect(texts.some((t) => t.includes('计分依据'))).toBe(false);
    const list = content.blocks.find((b) => b.kind === 'list');
    expect(list && list.kind === 'list' && list.items.some((i) => i.startsWith('人民调解'))).toBe(true);
  });

  it('seed 004: 139 indicators set and 131 met (94.24%), execution checkpoints 9月 ≥80% against 75.89%', () => {
    const list = tables(buildReportContent(seeds.get('004')!).blocks);
    const counts = list.find((t) => t.caption === '绩效指标完成情况统计')!;
    expect(counts.rows.at(-1)!.map((c) => c.text)).toEqual(['合计', '139条', '131条', '94.24%']);
    expect(counts.rows[0]!.map((c) => c.text)).toEqual(['数量指标', '56条', '55条', '98.21%']);
    const monitoring = list.find((t) => t.caption === '预算执行进度监控情况')!;
    expect(monitoring.rows[0]!.slice(0, 3).map((c) => c.text)).toEqual(['9月', '>=80%', '75.89%']);
  });

  it("seed 004: the headline is the department's own 总支出 2,661.83 万元 and 92.28%, the 项目收支表's 898.33 only as its projects", () => {
    const paragraphs = buildReportContent(seeds.get('004')!).blocks.flatMap((b) =>
      b.kind === 'paragraph' ? [b.text] : [],
    );
    const at = paragraphs.findIndex((p) => p.startsWith('部门全年总支出'));
    expect(paragraphs[at]).toBe('部门全年总支出 2,661.83 万元，预算执行率 92.28%（自评报告正文第 105 行）。');
    // The 项目收支表's 898.33 is 实际到位资金, not a budget: said so, with the rate core computes from it.
    expect(paragraphs[at + 1]).toBe(
      '其中表列项目实际到位资金 898.33 万元，实际支出 883.84 万元，到位资金执行率 98.39%。',
    );
    expect(paragraphs.some((p) => p.startsWith('全年预算数 898.33'))).toBe(false);
  });

  it('a project report quotes no department figure from the prose, and results alone report the table', () => {
    const project = buildReportContent(
      seeds
        .get('003')!
        .results.filter((r) => r.evaluation.kind === 'project')
        .slice(0, 1),
    );
    const text = project.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])).join('\n');
    expect(text).not.toContain('部门全年总支出');
    const department = seeds.get('004')!.results.filter((r) => r.evaluation.kind === 'department');
    const alone = buildReportContent(department).blocks.flatMap((b) =>
      b.kind === 'paragraph' ? [b.text] : [],
    );
    expect(alone).toContain('实际到位资金 898.33 万元，实际支出 883.84 万元，到位资金执行率 98.39%。');
    expect(alone.some((p) => p.startsWith('全年预算数 898.33'))).toBe(false);
  });

  it('a layout file, not code, decides headings and columns', () => {
    const standard = loadReportLayout();
    const custom = structuredClone(standard);
    custom.sections[0]!.heading = '一、部门概况';
    custom.tables.budget!.columns = custom.tables.budget!.columns.filter((c) => c.field !== 'initialBudget');
    custom.tables.budget!.caption = '资金情况表（万元）';
    const content = buildReportContent(seeds.get('001')!, { layout: custom });
    expect(headings(content.blocks)[0]).toBe('一、部门概况');
    const budget = tables(content.blocks).find((t) => t.caption === '资金情况表（万元）')!;
    expect(budget.header).toEqual(['项目', '全年预算数', '执行数', '执行率']);
    expect(budget.rows.find((r) => r[0]!.text === '部门预算总额')!.map((c) => c.text)).toEqual([
      '部门预算总额',
      '701.61',
      '717.52',
      '102.27%',
    ]);
  });

  it('a table of 5 000 indicators prints 2 000 rows (the 合计 kept) and says how many it left out, in bounded time', () => {
    const evaluation = newEvaluation({
      id: 'eval-1',
      title: '大表',
      kind: 'project',
      year: 2024,
      projectName: '压力测试',
      indicators: Array.from({ length: 5000 }, (_, i) => ({
        id: `i${i}`,
        level1: '产出指标',
        level2: '数量指标',
        name: `指标${i + 1}`,
        direction: '≥' as const,
        target: parseStated('10'),
        actual: parseStated('10'),
        weight: parseStated('0.01'),
        statedScore: parseStated('0.01'),
      })),
    });
    const start = Date.now();
    const content = buildReportContent([
      { evaluation, score: scoreEvaluation(evaluation, registry), findings: [] },
    ]);
    const html = renderReportHtml(content);
    expect(Date.now() - start).toBeLessThan(10_000);
    const table = tables(content.blocks).find((t) => t.caption === '绩效指标完成情况表')!;
    expect(table.rows).toHaveLength(2000);
    expect(table.rows.at(-1)![0]!.text).toBe('合计');
    // 5 000 indicators + the 合计 row = 5 001 rows; 1 999 + 合计 printed.
    expect(html).toContain('（本表另有 3001 行未列出，详见自评表。）');
  });

  it('HTML: text from the document is escaped, never markup, and control characters are gone', () => {
    const html = writeReportHtml([hostileResult()]);
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('=cmd|&#39; /C calc&#39;!A0');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(html).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(html).toContain("default-src 'none'");
  });

  it('DOCX: the same text is literal Word text, the XML free of control characters', async () => {
    // No figures, hence no charts: this runs without chromium.
    const docx = await writeReportDocx([hostileResult()], { includeFindings: true });
    const xml = await zipEntry(docx, 'word/document.xml');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('=cmd|');
    expect(xml).toContain('第一行');
    expect(xml).toContain('未发现问题。');
    expect(xml).not.toContain('<w:fldSimple'); // nothing a word processor would evaluate
  });
});

describe('the form’s head and signature fields in the report', () => {
  const paragraphs = (blocks: ReportBlock[]) =>
    blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

  it('prints 实施单位, 年度目标完成情况, 项目实施内容 and the signatures where the evaluation has them', () => {
    const r = seeds.get('003')!.results.find((x) => x.evaluation.projectName === '案件代理')!;
    const signed: EvaluationResult = {
      ...r,
      evaluation: {
        ...r.evaluation,
        implementingUnit: '遂宁市安居区法律援助中心',
        goalAchieved: '全年代理政府案件 30 件。',
        implementation: '聘请律师事务所代理诉讼和非诉案件。',
        projectLead: '顾震',
        financeLead: '杨光辉',
        preparer: '张三',
        phone: '0825-1234567',
        filledDate: '2024年3月15日',
      },
    };
    const text = paragraphs(buildReportContent([signed]).blocks);
    expect(text).toEqual(
      expect.arrayContaining([
        '实施单位：遂宁市安居区法律援助中心。',
        '年度目标完成情况：全年代理政府案件 30 件。',
        '项目实施内容：聘请律师事务所代理诉讼和非诉案件。',
        '项目负责人：顾震',
        '财务负责人：杨光辉',
        '填报人：张三',
        '联系电话：0825-1234567',
        '填报日期：2024年3月15日',
      ]),
    );
    // Without them, no empty line: nothing says 填报人： with no one after it.
    const bare: EvaluationResult = { ...r, evaluation: withoutSignatures(r.evaluation) };
    const plain = paragraphs(buildReportContent([bare]).blocks).join('\n');
    expect(plain).not.toMatch(/实施单位：|项目负责人：|填报人：|联系电话：|填报日期：/);
  });
});

describe('六、结果应用 written from the 整改 items and the budget rule', () => {
  const item = (over: Partial<ReportRectification>): ReportRectification => ({
    problem: '预算编制不够科学、准确',
    measure: '细化预算编制',
    owner: '财务科',
    due: '2025-06-30',
    statusName: '已完成',
    done: true,
    overdue: false,
    result: '按项目逐项测算',
    ...over,
  });
  const section = (blocks: ReportBlock[]) => {
    const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === '六、结果应用');
    return blocks.slice(at + 1);
  };

  it("says how many of last year's items were done, each with its measure and status, and this year's and the rule's words", () => {
    const application: ReportApplication = {
      lastYear: {
        year: 2024,
        items: [
          item({}),
          item({
            problem: '法律援助案件补贴未及时到位',
            measure: '',
            statusName: '未开始',
            done: false,
            overdue: true,
            result: '',
          }),
        ],
      },
      thisYear: [
        item({ problem: '满意度调查样本偏少', due: null, owner: '', statusName: '未开始', done: false }),
      ],
      budgetUse: {
        rule: '绩效评价结果与下年度预算安排挂钩（按等级）',
        words:
          '等级「中」：压减 5%–10%，以本年调整后预算 120.00 万元计，压减 6.00–12.00 万元，建议安排 108.00–114.00 万元。',
      },
    };
    const blocks = section(buildReportContent(seeds.get('001')!, { application }).blocks);
    expect(blocks.slice(0, 5)).toEqual([
      {
        kind: 'paragraph',
        text: '2024年度自评和财政复核发现的问题共 2 项：已完成整改 1 项，尚未完成 1 项，其中 1 项已过整改期限。',
      },
      {
        kind: 'list',
        items: [
          '预算编制不够科学、准确——整改措施：细化预算编制；整改进度：已完成，整改结果：按项目逐项测算。',
          '法律援助案件补贴未及时到位——整改措施：未填写；整改进度：未开始。',
        ],
      },
      { kind: 'paragraph', text: '本年度发现的问题 1 项已纳入整改台账：' },
      {
        kind: 'list',
        items: ['满意度调查样本偏少——整改措施：细化预算编制；责任人：未填写；整改期限：未定。'],
      },
      {
        kind: 'paragraph',
        text: '按《绩效评价结果与下年度预算安排挂钩（按等级）》，等级「中」：压减 5%–10%，以本年调整后预算 120.00 万元计，压减 6.00–12.00 万元，建议安排 108.00–114.00 万元。',
      },
    ]);
  });

  it('without the data (the published report) or with no items, says nothing of 整改 counts', () => {
    const plain = section(buildReportContent(seeds.get('001')!).blocks);
    const empty = section(buildReportContent(seeds.get('001')!, { application: { thisYear: [] } }).blocks);
    expect(empty).toEqual(plain);
    expect(JSON.stringify(plain)).not.toContain('已完成整改');
  });
});

describe('figures in the one number format (core numbers/format.ts)', () => {
  it('reads full-width digits as digits and prints 分值 and 得分 with two decimals', () => {
    const r = seeds.get('003')!.results.find((x) => x.evaluation.projectName === '案件代理')!;
    const [first, ...rest] = r.evaluation.indicators;
    const indicator = {
      ...first!,
      target: parseStated('≥１７２６'),
      actual: parseStated('１８００'),
      weight: parseStated('１０'),
      statedScore: parseStated('９．５'),
    };
    const result = { ...r, evaluation: { ...r.evaluation, indicators: [indicator, ...rest] } };
    const list = tables(buildReportContent([result]).blocks);
    const table = list.find((t) => t.rows.some((row) => row.some((c) => c.text === indicator.name)))!;
    const row = table.rows.find((x) => x.some((c) => c.text === indicator.name))!;
    expect(row.map((c) => c.text)).toEqual(expect.arrayContaining(['≥1726', '1800', '10.00', '9.50']));
    const all = list.flatMap((t) => t.rows.flatMap((x) => x.map((c) => c.text))).join('');
    expect(all).not.toMatch(/[\uFF10-\uFF19％]/);
    // 万元 with two decimals, the rate recomputed with two.
    const budget = list.find((t) => t.rows.some((x) => x.some((c) => c.text === '100.00%')))!;
    expect(budget.rows.flat().map((c) => c.text)).toEqual(expect.arrayContaining(['2.40', '3.00']));
  });
});
