import { describe, expect, it } from 'vitest';
import { ctx, evaluation, line, s, score, statement } from '../test-kit.ts';
import { checkClaims } from './claims.ts';
import { checkNarrativeConflicts } from './narrative-conflicts.ts';
import { checkNarrativeShares } from './narrative-shares.ts';
import { checkNarrativeSums } from './narrative-sums.ts';
import { checkNarrativeAgainstTables } from './narrative-vs-tables.ts';
import type { EvaluationDocument, NarrativeStatement } from '../../model/evaluation.ts';

const doc = (statements: NarrativeStatement[]): EvaluationDocument => ({
  file: 't.txt',
  evaluations: [],
  statements,
  issues: [],
});
const text = '按支出性质分类，基本支出388.11万元，占本年支出57.51%；项目支出286.74万元，占本年支出44.67%';

describe('shares in the prose', () => {
  it('finds seed 002: 286.74 of 674.85 is 42.49%, not 44.67%', () => {
    const findings = checkNarrativeShares(
      doc([
        statement('本年支出', '674.85万元', text),
        statement('基本支出', '388.11万元', text),
        statement('基本支出占本年支出', '57.51%', text),
        statement('项目支出', '286.74万元', text),
        statement('项目支出占本年支出', '44.67%', text),
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'ratio-mismatch',
      severity: 'error',
      evidence: { computed: '42.49%' },
    });
  });
  it('accepts seed 003: 62.4 of 1163.82 written 5.37%, since 62.4 may be anything from 62.35 to 62.45', () => {
    const t = '支出1163.82万元：公共安全支出982.66万元，占84.43%；住房保障支出62.4万元，占5.37%';
    const findings = checkNarrativeShares(
      doc([
        statement('支出', '1163.82万元', t),
        statement('公共安全支出', '982.66万元', t),
        statement('占', '84.43%', t),
        statement('住房保障支出', '62.4万元', t),
        statement('占', '5.37%', t),
      ]),
    );
    expect(findings).toEqual([]);
  });
  it('calls a one-unit adjustment that makes the shares add to 100% info (尾差调整)', () => {
    const t = '支出3000.00万元：甲1000.00万元，占33.33%；乙1000.00万元，占33.33%；丙1000.00万元，占33.34%';
    const findings = checkNarrativeShares(
      doc([
        statement('支出', '3000.00万元', t),
        statement('甲', '1000.00万元', t),
        statement('占', '33.33%', t),
        statement('乙', '1000.00万元', t),
        statement('占', '33.33%', t),
        statement('丙', '1000.00万元', t),
        statement('占', '33.34%', t),
      ]),
    );
    expect(findings.map((f) => f.severity)).toEqual(['info']);
  });
});

describe('one fact, two values', () => {
  it('finds 列管社区矫正对象 366 here and 337 there (seed 003)', () => {
    const findings = checkNarrativeConflicts(
      doc([
        statement('列管社区矫正对象', '366人', '全年列管社区矫正对象366人', { source: { line: 100 } }),
        statement('列管社区矫正对象', '366人', '全年列管社区矫正对象366人', { source: { line: 200 } }),
        statement('列管社区矫正对象', '337人', '全年列管社区矫正对象337人', { source: { line: 300 } }),
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('366人（第 100 行等 2 处）');
    expect(findings[0]!.message).toContain('337人');
  });
  it('matches 年末在册 240 with 目前在册 225: both the count at the end of the period (seed 003)', () => {
    const findings = checkNarrativeConflicts(
      doc([
        statement('年末在册', '240人', '全年列管社区矫正对象366人，年末在册240人', {
          qualifiers: ['全年', '年末'],
          source: { line: 160 },
        }),
        statement('目前在册', '225人', '全年列管社区矫正对象337人，目前在册225人', {
          qualifiers: ['全年'],
          source: { line: 1596 },
        }),
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('225人');
  });
  it('keeps apart different qualifiers, projects and approximate figures', () => {
    expect(
      checkNarrativeConflicts(
        doc([
          statement('项目支出', '80.00万元', 'x', { qualifiers: ['年初'] }),
          statement('项目支出', '1,045.52万元', 'y'),
          statement('法治宣传活动', '60余场次', 'z'),
          statement('法治宣传活动', '70余场次', 'w'),
          statement('自评得分', '93.85分', 'a', { about: '人民调解' }),
          statement('自评得分', '93.25分', 'b', { about: '社区矫正' }),
        ]),
      ),
    ).toEqual([]);
  });
});

describe('prose against tables', () => {
  it('finds a 基本支出 in the prose that is none of the table line figures', () => {
    const e = evaluation({
      kind: 'department',
      budget: [line({ id: 'n', label: '其中:基本支出：', role: 'nature' }, { adjustedBudget: '417.88' })],
    });
    const [f] = checkNarrativeAgainstTables(ctx(e, score(), [statement('基本支出', '388.11万元', text)]));
    expect(f).toMatchObject({
      code: 'cross-table-mismatch',
      evidence: { stated: '388.11万元', computed: '417.88' },
    });
  });
  it('finds seed 002: rate 61.23% while the prose spends 674.85 of a 674.85 budget', () => {
    const e = evaluation({
      kind: 'department',
      budget: [
        line(
          { id: 't', label: '年度资金总额', role: 'total' },
          { initialBudget: '495.66', adjustedBudget: '674.85', executionRate: '61.23%', statedScore: '6.12' },
        ),
      ],
    });
    const [f] = checkNarrativeAgainstTables(
      ctx(e, score(), [statement('决算数', '674.85万元', '决算数为674.85万元')]),
    );
    expect(f).toMatchObject({ code: 'narrative-conflict', evidence: { computed: '100.00%' } });
  });
  it('holds the prose of a project against its 汇总表 row', () => {
    const e = evaluation({
      kind: 'summary',
      summaryRows: [
        {
          name: '人民调解',
          adjustedBudget: s('35.20'),
          executed: s('24.81'),
          executionRate: s('70.47%'),
          statedScore: s('93.85'),
        },
      ],
    });
    const ok = [
      statement('项目自评得分', '93.85分', 'x', { about: '人民调解' }),
      statement('执行数', '24.81万元', 'y', { about: '人民调解' }),
    ];
    expect(checkNarrativeAgainstTables(ctx(e, score(), ok))).toEqual([]);
    const bad = [statement('项目自评得分', '95.85分', 'x', { about: '人民调解' })];
    expect(checkNarrativeAgainstTables(ctx(e, score(), bad))[0]).toMatchObject({
      code: 'cross-table-mismatch',
    });
  });
});

describe('full marks with problems', () => {
  it('warns when 存在问题 lists problems and the score is full', () => {
    const e = evaluation({ statedTotal: s('100'), problems: '专业人才缺乏，法律服务机构还不健全。' });
    expect(checkClaims(ctx(e))[0]).toMatchObject({ code: 'narrative-conflict', severity: 'warning' });
    expect(checkClaims(ctx(evaluation({ statedTotal: s('100'), problems: '无' })))).toEqual([]);
  });
});

describe('其中 lists in the prose', () => {
  const t = '2024年支出合计2,661.83万元,其中:基本支出1,616.31万元、项目支出1,045.50万元;';
  it('finds seed 004: 1,616.31 + 1,045.50 = 2,661.81, not 2,661.83', () => {
    const findings = checkNarrativeSums(
      doc([
        statement('支出合计', '2,661.83万元', t),
        statement('基本支出', '1,616.31万元', t),
        statement('项目支出', '1,045.50万元', t),
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'sum-mismatch',
      severity: 'warning',
      evidence: { computed: '2661.81' },
    });
  });
  it('reads 万元 printed with one decimal as two-decimal precision (seed 003: 62.4 is 62.40)', () => {
    const t = '住房保障支出100.00万元，其中：住房公积金62.4万元，提租补贴37.55万元。';
    const findings = checkNarrativeSums(
      doc([
        statement('住房保障支出', '100.00万元', t),
        statement('住房公积金', '62.4万元', t),
        statement('提租补贴', '37.55万元', t),
      ]),
    );
    expect(findings.map((f) => f.evidence.computed)).toEqual(['99.95']);
    const exact = '住房保障支出100.00万元，其中：住房公积金62.4万元，提租补贴37.6万元。';
    expect(
      checkNarrativeSums(
        doc([
          statement('住房保障支出', '100.00万元', exact),
          statement('住房公积金', '62.4万元', exact),
          statement('提租补贴', '37.6万元', exact),
        ]),
      ),
    ).toEqual([]);
  });
  it('leaves partial lists and change figures alone', () => {
    const partial = '公务用车购置及运行维护费支出3.41万元,其中：公务用车购置支出0万元。';
    const change =
      '基本支出1,616.31万元,较上年减少31.74万元。(其中:人员经费支出1,421.73万元,较上年减少18.09万元)';
    expect(
      checkNarrativeSums(
        doc([
          statement('公务用车购置及运行维护费支出', '3.41万元', partial),
          statement('公务用车购置支出', '0万元', partial),
          statement('基本支出', '1,616.31万元', change),
          statement('较上年减少', '31.74万元', change),
          statement('人员经费支出', '1,421.73万元', change),
          statement('较上年减少', '18.09万元', change),
        ]),
      ),
    ).toEqual([]);
  });
});

describe('a claim that every target was met', () => {
  it('is held against the indicators the table shows unmet', async () => {
    const { checkClaimsAgainstResults } = await import('./claims.ts');
    const { indicator } = await import('../test-kit.ts');
    const e = evaluation({
      kind: 'department',
      indicators: [
        indicator({ name: '政府采购执行率', target: '≥90%', actual: '50%', weight: '2', score: '1' }),
      ],
    });
    const document = {
      ...doc([]),
      claims: [
        { kind: 'all-targets-met' as const, text: '达到了年初设定的各项绩效目标。', source: { line: 75 } },
      ],
    };
    const withUnmet = {
      evaluation: e,
      score: score({}, [{ indicatorId: '政府采购执行率', met: false }]),
      findings: [],
    };
    const [f] = checkClaimsAgainstResults(document, [withUnmet]);
    expect(f).toMatchObject({ code: 'narrative-conflict', severity: 'warning', location: { line: 75 } });
    expect(f!.message).toContain('政府采购执行率');
    const allMet = { ...withUnmet, score: score({}, [{ indicatorId: '政府采购执行率', met: true }]) };
    expect(checkClaimsAgainstResults(document, [allMet])).toEqual([]);
  });
});

describe('year-on-year changes in the prose', () => {
  it('accepts seed 004: 2,661.83 up 578.14 is up 27.75%, and 1,616.31 down 31.74 is down 1.93%', async () => {
    const { checkNarrativeChanges } = await import('./narrative-changes.ts');
    const t = '总支出2,661.83万元,较上年增加578.14万元,增长27.75%';
    const b = '基本支出1,616.31万元,较上年减少31.74万元,下降1.93%。';
    expect(
      checkNarrativeChanges(
        doc([
          statement('总支出', '2,661.83万元', t),
          statement('总支出较上年增加', '578.14万元', t, { qualifiers: ['较上年'] }),
          statement('总支出增长', '27.75%', t, { qualifiers: ['较上年'] }),
          statement('基本支出', '1,616.31万元', b),
          statement('基本支出较上年减少', '31.74万元', b, { qualifiers: ['较上年'] }),
          statement('基本支出下降', '1.93%', b, { qualifiers: ['较上年'] }),
        ]),
      ),
    ).toEqual([]);
  });
  it('takes the figure named after 较 as the base (seed 004: 较预算支出39.10万元,减少26.25万元,下降67.14%)', async () => {
    const { checkNarrativeChanges } = await import('./narrative-changes.ts');
    const t = '决算支出12.85万元,较预算支出39.10万元,减少26.25万元,下降67.14%';
    expect(
      checkNarrativeChanges(
        doc([
          statement('决算支出', '12.85万元', t),
          statement('较预算支出', '39.10万元', t),
          statement('较预算支出减少', '26.25万元', t),
          statement('较预算支出下降', '67.14%', t),
        ]),
      ),
    ).toEqual([]);
  });
  it('finds a rate that is the change over this year instead of last year', async () => {
    const { checkNarrativeChanges } = await import('./narrative-changes.ts');
    const t = '项目支出1,045.52万元,较上年增加609.88万元,增长58.33%。';
    const [f] = checkNarrativeChanges(
      doc([
        statement('项目支出', '1,045.52万元', t),
        statement('项目支出较上年增加', '609.88万元', t),
        statement('项目支出增长', '58.33%', t),
      ]),
    );
    expect(f).toMatchObject({ code: 'ratio-mismatch', severity: 'error', evidence: { computed: '140.00%' } });
  });
});
