import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  auditDocument,
  scoreEvaluation,
  type DocumentAudit,
  type EvaluationDocument,
  type Finding,
  type FrameworkRegistry,
} from '@jixiao/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { ReadError } from '../read-error.ts';
import { readHtml } from './read-html.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/html');
const read = (name: string) => readHtml(readFileSync(join(fixtures, name), 'utf8'), name);

let registry: FrameworkRegistry;
beforeAll(async () => {
  registry = await loadBuiltinRegistry();
});
const audit = (doc: EvaluationDocument): DocumentAudit =>
  auditDocument(doc, (e) => scoreEvaluation(e, registry, { related: doc.evaluations }));
const findings = (a: DocumentAudit): Finding[] => a.results.flatMap((r) => r.findings);

describe('a published 项目支出绩效自评表 page (seed 003 法律援助, rowspan/colspan as a site publishes it)', () => {
  const doc = read('project-003-legal-aid.html');
  const ev = doc.evaluations[0]!;

  it('reads one project evaluation, not the tables written by its scripts', () => {
    expect(doc.evaluations).toHaveLength(1);
    expect(ev.kind).toBe('project');
    expect(ev.title).toBe('部门预算项目支出绩效自评表（2023年度）');
    expect(ev.year).toBe(2023);
    expect(ev.projectName).toBe('法律援助');
    expect(ev.projectCode).toBe('51090423T000008168286-2023');
    expect(ev.organization).toBe('遂宁市安居区司法局');
    expect(JSON.stringify(doc)).not.toContain('注入的项目');
    expect(JSON.stringify(doc)).not.toContain('noscript');
  });

  it('reads the 预算执行情况 block under its merged caption', () => {
    const total = ev.budget.find((b) => b.role === 'total')!;
    expect(total.label).toBe('总额');
    expect([total.initialBudget?.raw, total.adjustedBudget?.raw, total.executed?.raw]).toEqual([
      '5.00',
      '4.90',
      '4.90',
    ]);
    expect(total.executionRate?.value).toBe('100');
    expect(ev.budget.map((b) => b.label)).toEqual([
      '总额',
      '财政资金',
      '财政专户管理资金',
      '单位资金',
      '其他资金',
    ]);
    // The 原因 cell spans five rows and holds the form's printed instructions: not a reason.
    expect(total.reason).toBeUndefined();
  });

  it('carries 一级/二级 down their rowspans, as the text exports leave them blank', () => {
    expect(ev.indicators).toHaveLength(9);
    const byName = (n: string) => ev.indicators.find((i) => i.name === n)!;
    expect(byName('法律援助案件')).toMatchObject({ level1: '产出指标', level2: '数量指标' });
    expect(byName('法律援助案件质量投诉')).toMatchObject({ level1: '产出指标', level2: '质量指标' });
    expect(byName('保障和改善民生服务')).toMatchObject({ level1: '效益指标', level2: '可持续影响指标' });
    // A <br> inside a cell wraps the text; Chinese joins without a space.
    expect(byName('为群众挽回经济损失，维护群众合法权益').direction).toBe('qualitative');
    expect(byName('法律援助人次').statedScore?.value).toBe('101');
    expect(byName('法律援助人次').weight?.value).toBe('10');
    expect(byName('援助案件补贴').target?.raw).toBe('800');
    expect(ev.statedWeightTotal?.value).toBe('100');
    expect(ev.statedTotal?.value).toBe('100');
    expect(ev.statedGrade?.raw).toBe('良好');
  });

  it('keeps provenance: table, row, column and the source line', () => {
    const score = ev.indicators.find((i) => i.name === '法律援助人次')!.statedScore!.source!;
    expect(score).toEqual({
      file: 'project-003-legal-aid.html',
      line: 36,
      table: '部门预算项目支出绩效自评表（2023年度）',
      row: 14,
      column: '得分',
    });
  });

  it('gives the same findings as seed 003 gives for its 法律援助 table', () => {
    const all = findings(audit(doc));
    const codes = (code: string) => all.filter((f) => f.code === code);
    expect(codes('score-exceeds-weight').map((f) => f.message)).toEqual([
      expect.stringContaining('法律援助人次'),
    ]);
    expect(codes('sum-mismatch')[0]!.message).toContain('191');
    expect(codes('grade-mismatch')[0]!.message).toContain('良好');
    expect(codes('scored-without-actual')[0]!.message).toContain('6 个定量指标');
    expect(
      codes('indicator-quality')
        .map((f) => f.message)
        .join(),
    ).toContain('援助案件补贴');
  });
});

describe('a published page with the 项目支出绩效自评汇总表 (seed 000), inside a layout table', () => {
  const doc = read('summary-000-jinan.html');

  it('reads the 汇总表 nested in the page layout, titled by the caption above it', () => {
    expect(doc.evaluations).toHaveLength(1);
    const ev = doc.evaluations[0]!;
    expect(ev.kind).toBe('summary');
    expect(ev.title).toBe('项目支出绩效自评汇总表');
    expect(ev.summaryRows.map((r) => r.name)).toHaveLength(8);
    expect(ev.summaryRows[0]).toMatchObject({ index: 1, name: '人民调解', deviation: '' });
    expect(ev.summaryRows[0]!.executionRate?.raw).toBe('70.47%');
    expect(ev.summaryRows[2]!.deviation).toBe('压缩项目经费，未拨付经费');
    expect(ev.summaryRows[7]!.adjustedBudget?.value).toBe('49.5');
    expect(ev.summaryRows[7]!.source).toMatchObject({ line: 40, row: 9, column: '项目名称' });
  });

  it('reads the prose around it, one paragraph at a time, with its lines', () => {
    const s = doc.statements.find((x) => x.value.raw.startsWith('1689.97'));
    expect(s?.source?.line).toBe(17);
    expect(doc.statements.some((x) => x.value.raw === '94.32分' || x.value.value === '94.32')).toBe(true);
  });

  it('gives the same findings as seed 000: idle projects at full marks, blank 偏差 under 90%', () => {
    const all = findings(audit(doc));
    const idle = all.filter((f) => f.code === 'budget-execution-anomaly');
    expect(idle).toHaveLength(1);
    const rows = idle[0]!.evidence.rows as Array<{ name: string }>;
    expect(rows.map((r) => r.name)).toEqual([
      '社区矫正',
      '法治宣传及法治文化建设(含法治乡村建设)',
      '区政府行政复议案件专项经费',
      '区政府行政应诉工作经费',
      '依法治区办工作经费及法治区督查经费',
      '城乡困难群体法律援助',
    ]);
    const blank = all.filter((f) => f.code === 'missing-deviation-reason');
    expect(blank[0]!.message).toContain('人民调解');
  });
});

describe('grids: merged cells expanded as the text exports write them', () => {
  const table = (rows: string) =>
    readHtml(`<p>部门整体绩效自评表</p><table>${rows}</table>`, 't.html').evaluations[0]!;
  const header =
    '<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>实际完成值</th><th>分值</th><th>得分</th></tr>';

  it('puts a rowspan’s text in its first row and blanks below, so the level carries down', () => {
    const ev = table(
      `${header}<tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>甲</td><td>1</td><td>1</td><td>5</td><td>5</td></tr>` +
        '<tr><td>乙</td><td>2</td><td>2</td><td>5</td><td>5</td></tr>' +
        '<tr><td>时效指标</td><td>丙</td><td>3</td><td>3</td><td>5</td><td>4</td></tr>',
    );
    expect(ev.indicators.map((i) => [i.level1, i.level2, i.name, i.statedScore?.raw])).toEqual([
      ['产出指标', '数量指标', '甲', '5'],
      ['产出指标', '数量指标', '乙', '5'],
      ['产出指标', '时效指标', '丙', '4'],
    ]);
  });

  it('clamps absurd spans: rowspan past the end, rowspan=0, colspan of a million', () => {
    const ev = table(
      `${header}<tr><td rowspan="999999">产出指标</td><td rowspan="0">数量指标</td><td>甲</td><td>1</td><td>1</td><td>5</td><td colspan="1000000">5</td></tr>` +
        '<tr><td>乙</td><td>2</td><td>2</td><td>5</td><td>5</td></tr>',
    );
    expect(ev.indicators.map((i) => [i.level1, i.level2, i.name, i.weight?.raw])).toEqual([
      ['产出指标', '数量指标', '甲', '5'],
      ['产出指标', '数量指标', '乙', '5'],
    ]);
  });

  it('decodes entities and reads the innermost table of a layout table', () => {
    const doc = readHtml(
      '<table><tr><td>导航</td><td><p>部门整体绩效自评表</p><table>' +
        header +
        '<tr><td>满意度指标</td><td>满意度</td><td>群众&#28385;意度&nbsp;</td><td>&ge;95%</td><td>98%</td><td>10</td><td>10</td></tr>' +
        '</table></td></tr></table>',
      'nested.html',
    );
    expect(doc.evaluations).toHaveLength(1);
    const ind = doc.evaluations[0]!.indicators[0]!;
    expect(ind.name).toBe('群众满意度');
    expect(ind.target?.sign).toBe('≥');
    expect(ind.direction).toBe('≥');
  });
});

describe('how sites frame their pages', () => {
  it('reads a whole article framed in a one-cell table as prose', () => {
    const doc = readHtml(
      '<table width="900"><tr><td><p>一、部门预算支出情况</p><p>2024 年预算金额 1689.97 万元，执行 1578.95 万元。</p></td></tr></table>',
      'framed.html',
    );
    expect(doc.evaluations).toEqual([]);
    expect(doc.statements.map((s) => s.value.raw)).toContain('1689.97万元');
  });

  it('joins a form a site cut into several tables back into one', () => {
    const header =
      '<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>实际完成值</th><th>分值</th><th>得分</th></tr>';
    const doc = readHtml(
      '<p>部门整体绩效自评表</p>' +
        `<table><tr><td>部门名称</td><td colspan="6">某某局</td></tr>${header}` +
        '<tr><td>产出指标</td><td>数量指标</td><td>甲</td><td>1</td><td>1</td><td>5</td><td>5</td></tr></table>' +
        `<table>${header}<tr><td>效益指标</td><td>满意度</td><td>乙</td><td>≥90%</td><td>95%</td><td>5</td><td>5</td></tr></table>`,
      'split.html',
    );
    expect(doc.evaluations).toHaveLength(1);
    const ev = doc.evaluations[0]!;
    expect(ev.organization).toBe('某某局');
    expect(ev.indicators.map((i) => [i.level1, i.name, i.source?.row])).toEqual([
      ['产出指标', '甲', 3],
      ['效益指标', '乙', 5],
    ]);
  });
});

describe('a page saved from Word ("Save as Web Page")', () => {
  it('reads its list numbers, <o:p> tags and MsoNormalTable like any page', () => {
    const html =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head>' +
      "<body lang=ZH-CN><div class=WordSection1><p class=MsoNormal><![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>" +
      '<span>人民调解项目绩效自评概述：项目自评得分</span><span lang=EN-US> 93.85 </span><span>分。</span><o:p></o:p></p>' +
      '<p class=MsoNormal align=center>项目支出绩效自评汇总表<o:p></o:p></p>' +
      '<table class=MsoNormalTable border=1><tr><td><p class=MsoNormal>序号<o:p></o:p></p></td><td><p>项目名称</p></td><td><p>全年预算数</p></td>' +
      '<td><p>全年执行数</p></td><td><p>预算执行率</p></td><td><p>自评得分</p></td></tr>' +
      '<tr><td><p class=MsoNormal><span lang=EN-US>1<o:p></o:p></span></p></td><td><p>人民调解</p></td><td><p>35.20</p></td><td><p>24.81</p></td><td><p>70.47%</p></td><td><p>93.85</p></td></tr></table></div></body></html>';
    const doc = readHtml(html, 'word.html');
    expect(doc.evaluations[0]!.summaryRows.map((r) => [r.index, r.name, r.executed?.raw])).toEqual([
      [1, '人民调解', '24.81'],
    ]);
    expect(doc.statements.map((x) => [x.about, x.value.raw])).toEqual([['人民调解', '93.85分']]);
    expect(JSON.stringify(doc)).not.toContain('endif');
  });
});

describe('hostile pages', () => {
  it('never runs or reads scripts, event handlers or javascript: links', () => {
    let ran = false;
    (globalThis as Record<string, unknown>).pwned = () => (ran = true);
    const doc = readHtml(
      '<body onload="pwned()"><img src=x onerror="pwned()"><script>pwned(); document.write("自评得分 0 分")</script>' +
        '<p>本项目自评得分 96 分。</p><a href="javascript:pwned()">链接</a><style>p:after{content:"自评得分 1 分"}</style></body>',
      'x.html',
    );
    expect(ran).toBe(false);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('pwned');
    expect(text).not.toContain('自评得分 0 分');
    expect(text).not.toContain('自评得分 1 分');
    delete (globalThis as Record<string, unknown>).pwned;
  });

  it('refuses a 20 MB page of table rows at once, with a Chinese message', () => {
    const row =
      '<tr><td>1</td><td>人民调解</td><td>35.20</td><td>24.81</td><td>70.47%</td><td>93.85</td><td></td></tr>\n';
    const html = `<table>${row.repeat(Math.ceil(20_000_000 / row.length))}</table>`;
    const started = Date.now();
    expect(() => readHtml(html, 'big.html')).toThrow(ReadError);
    expect(() => readHtml(html, 'big.html')).toThrow(/超过 250000 个 HTML 标签/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reads a 20 MB page of prose in bounded time, stopping at a million characters', () => {
    const p =
      '<p>全年预算数 35.2 万元，执行数 24.81 万元，完成预算的 70.47%。我局较好的完成各项的工作任务。</p>\n';
    const html = p.repeat(Math.ceil(20_000_000 / p.length / 3)).replace(/<\/p>\n<p>/g, '');
    const started = Date.now();
    const doc = readHtml(html, 'prose.html');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(doc.issues[0]!.message).toContain('正文超过 1000000 个字符');
  }, 30_000);

  it('stops a table whose spans would make millions of cells, and says so', () => {
    const rows = '<tr><td colspan="100">甲</td><td colspan="100">乙</td></tr>'.repeat(20_000);
    const started = Date.now();
    const doc = readHtml(`<p>部门整体绩效自评表</p><table>${rows}</table>`, 'spans.html');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(doc.issues[0]!.message).toContain('单元格超过 1000000 个');
  }, 30_000);

  it('survives nesting 200 000 elements deep', () => {
    const html = `${'<div>'.repeat(200_000)}<p>自评得分 96 分。</p>${'</div>'.repeat(200_000)}`;
    expect(() => readHtml(html, 'deep.html')).not.toThrow();
  });
});
