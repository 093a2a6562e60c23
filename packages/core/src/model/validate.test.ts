// 自评数据的校验: what a save may store. Every refusal names the place in a user's terms and as JSON.
import { describe, expect, it } from 'vitest';
import { evaluation, indicator, line } from '../audit/test-kit.ts';
import { auditDocument } from '../audit/index.ts';
import { builtinRegistry } from '../frameworks/builtin.ts';
import { scoreEvaluation } from '../scoring/score.ts';
import { newEvaluation } from './build.ts';
import type { Evaluation } from './evaluation.ts';
import { EVALUATION_LIMITS, EvaluationError, parseEvaluation } from './validate.ts';

function sample(): Evaluation {
  return evaluation({
    year: 2023,
    organization: '某区司法局',
    formSignature: ['项目名称', '年初预算数', '指标性质'],
    inputs: { 年初预算数: { raw: '100.00', value: '100', decimals: 2, percent: false } },
    budget: [
      line(
        { id: 'total', label: '年度资金总额', role: 'total' },
        { adjustedBudget: '100.00', executed: '95.5' },
      ),
      line(
        { id: 'source-1', label: '其中：财政资金', role: 'source', partOf: 'total' },
        { executed: '95.5' },
      ),
    ],
    indicators: [
      indicator({ name: '培训人次', target: '≥200人次', actual: '210人次', weight: '10', score: '10' }),
      indicator({ name: '群众满意度', target: '≥90%', actual: '92.5%', weight: '10', score: '10', line: 7 }),
      indicator({ name: '服务质量', direction: 'qualitative', target: '优良', actual: '优', weight: '10' }),
    ],
    statedTotal: { raw: '95', value: '95', decimals: 0, percent: false },
    statedGrade: { raw: '优', source: { file: 't.txt', line: 30 } },
    monitoring: [{ month: 9, target: { raw: '≥80%', value: '80', decimals: 0, percent: true, sign: '≥' } }],
    goal: '全年完成培训 200 人次。',
    goalAchieved: '全年完成培训 210 人次。',
    conclusion: '自评得分 95 分，评价等级为优。',
    resultUse: '结果用于次年预算安排。',
  });
}

/** The sample as a request body carries it: JSON, with one change made at `path`. */
function withChange(change: (e: Record<string, unknown>) => void): unknown {
  const json = JSON.parse(JSON.stringify(sample())) as Record<string, unknown>;
  change(json);
  return json;
}

function refusal(json: unknown): EvaluationError {
  try {
    parseEvaluation(json);
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationError);
    return error as EvaluationError;
  }
  throw new Error('应当拒绝，却通过了校验');
}

const rows = (e: Record<string, unknown>, key: string) => e[key] as Array<Record<string, unknown>>;

describe('parseEvaluation', () => {
  it('accepts an evaluation as readers and the editor make it, before and after a JSON round trip', () => {
    const e = sample();
    expect(parseEvaluation(e)).toEqual(e);
    const json = JSON.parse(JSON.stringify(e));
    expect(parseEvaluation(json)).toEqual(json);
    expect(parseEvaluation(newEvaluation({ id: 'eval-1', title: '', kind: 'summary' }))).toMatchObject({
      kind: 'summary',
    });
  });

  it('keeps the form’s head and signature fields (实施单位, 负责人, 填报人, 电话, 日期, 指标解释), and loads a revision stored before them', () => {
    const signed = withChange((e) => {
      Object.assign(e, {
        implementingUnit: '某区法律援助中心',
        projectLead: '顾震',
        financeLead: '杨光辉',
        preparer: '张三',
        contact: '邹继明',
        phone: '0873—3197023',
        filledDate: '2024年3月15日',
        implementation: '全年办理法律援助案件 526 件。',
      });
      rows(e, 'indicators')[0]!.explanation = '反映培训覆盖面';
    });
    const parsed = parseEvaluation(signed);
    expect([
      parsed.implementingUnit,
      parsed.phone,
      parsed.filledDate,
      parsed.indicators[0]!.explanation,
    ]).toEqual(['某区法律援助中心', '0873—3197023', '2024年3月15日', '反映培训覆盖面']);
    // A revision saved before these fields existed has none of them: it loads as it was.
    const old = withChange(() => {});
    expect(Object.keys(old as object)).not.toContain('implementingUnit');
    expect(parseEvaluation(old)).toEqual(old);
    const wrong = refusal(withChange((e) => (e.phone = 873)));
    expect(wrong.message).toBe('联系电话（phone）应为文本，收到 数字 873');
    const long = refusal(withChange((e) => (rows(e, 'indicators')[1]!.explanation = 'x'.repeat(20_001))));
    expect(long.message).toBe(
      '第 2 个指标（indicators[1]）的 指标解释 过长：共 20001 个字符，最多 20000 个字符',
    );
  });

  it('returns a new object holding only the model', () => {
    const json = withChange(() => {});
    const parsed = parseEvaluation(json);
    expect(parsed).not.toBe(json);
    expect(parsed.indicators[0]).not.toBe((json as Evaluation).indicators[0]);
  });

  it('names a table that is not a list', () => {
    const e = refusal(withChange((e) => (e.indicators = 'x')));
    expect(e.message).toBe('绩效指标（indicators）应为列表，收到 文本 "x"');
    expect(e.path).toBe('indicators');
  });

  it('names the row and field of a value that is not a decimal string', () => {
    const array = refusal(
      withChange(
        (e) =>
          (rows(e, 'indicators')[2]!.weight = { ...Object(rows(e, 'indicators')[2]!.weight), value: [] }),
      ),
    );
    expect(array.message).toBe('第 3 个指标（indicators[2]）的 分值.value 应为数字文本，收到 数组');
    expect(array.path).toBe('indicators[2].weight.value');

    const float = refusal(
      withChange(
        (e) => (rows(e, 'budget')[0]!.executed = { raw: '95.5', value: 95.5, decimals: 1, percent: false }),
      ),
    );
    expect(float.message).toBe('第 1 个预算执行行（budget[0]）的 执行数.value 应为数字文本，收到 数字 95.5');

    for (const bad of ['1,045.50', '1e3', 'NaN', '', ' 1', '+1', '.5', '1.']) {
      const e = refusal(withChange((e) => ((e.statedTotal as Record<string, unknown>).value = bad)));
      expect(e.message, bad).toContain('自评总分（statedTotal.value）应为数字文本');
    }
  });

  it('names a missing required field and a value out of its set', () => {
    const missing = refusal(withChange((e) => delete rows(e, 'budget')[1]!.role));
    expect(missing.message).toBe('第 2 个预算执行行（budget[1]）缺少 类别（role）');
    const wrong = refusal(withChange((e) => (rows(e, 'budget')[1]!.role = 'funds')));
    expect(wrong.message).toBe(
      '第 2 个预算执行行（budget[1]）的 类别 应为 total、source、nature、task、economic、function、other 之一，收到 文本 "funds"',
    );
    expect(refusal(withChange((e) => delete e.title)).message).toBe('自评缺少 标题（title）');
    expect(refusal(withChange((e) => delete (e.statedTotal as Record<string, unknown>).raw)).message).toBe(
      '自评总分（statedTotal）缺少 raw',
    );
    expect(refusal(withChange((e) => (e.kind = 'other'))).message).toMatch(/^评价类型（kind）应为 project、/);
  });

  it('refuses tables, strings and wholes beyond the limits without going through them row by row', () => {
    const many = refusal(withChange((e) => (e.indicators = Array.from({ length: 100_000 }, () => ({})))));
    expect(many.message).toBe(
      `绩效指标（indicators）太多：共 100000 项，最多 ${EVALUATION_LIMITS.rows.indicators} 项`,
    );
    const long = refusal(withChange((e) => (e.title = '表'.repeat(10_000_000))));
    expect(long.message).toBe(`标题（title）过长：共 10000000 个字符，最多 ${EVALUATION_LIMITS.name} 个字符`);
    const reason = refusal(
      withChange((e) => (rows(e, 'indicators')[0]!.deviationReason = '因'.repeat(30_000))),
    );
    expect(reason.message).toMatch(/^第 1 个指标（indicators\[0\]）的 偏差原因 过长：共 30000 个字符/);

    const whole = refusal(
      withChange((e) => {
        const row = rows(e, 'indicators')[0]!;
        e.indicators = Array.from({ length: 1500 }, (_, i) => ({
          ...row,
          id: `i-${i}`,
          deviationReason: '原因'.repeat(2000),
        }));
      }),
    );
    expect(whole.message).toMatch(/^自评数据过大：共 \d+ 个字符，最多 5000000 个字符$/);
  });

  it('refuses __proto__ and other keys the model does not have, wherever they are', () => {
    const root = refusal(
      JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(sample()).slice(1)}`),
    );
    expect(root.message).toBe('自评有不认识的字段「__proto__」');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const inRow = refusal(withChange((e) => (rows(e, 'indicators')[1]!.extra = 1)));
    expect(inRow.message).toBe('第 2 个指标（indicators[1]）有不认识的字段「extra」');

    const input = JSON.parse(
      JSON.stringify(sample()).replace('"inputs":{', '"inputs":{"__proto__":{"raw":"1"},'),
    );
    expect(refusal(input).message).toBe('输入项（inputs）有不允许的名称「__proto__」');

    const source = refusal(
      withChange((e) => ((rows(e, 'indicators')[0]!.source as Record<string, unknown>).url = 'x')),
    );
    expect(source.message).toBe('第 1 个指标（indicators[0]）的 来源位置 有不认识的字段「url」');
  });

  it('refuses what is not an object at all', () => {
    expect(refusal(null).message).toBe('自评应为 JSON 对象，收到 null');
    expect(refusal([sample()]).message).toBe('自评应为 JSON 对象，收到 数组');
    expect(refusal('{"id":1}').message).toBe('自评应为 JSON 对象，收到 文本 "{"id":1}"');
  });

  it('refuses numbers that are not whole or out of range, and text a database cannot hold', () => {
    expect(refusal(withChange((e) => (e.year = 2023.5))).message).toBe(
      '年度（year）应为整数，收到 数字 2023.5',
    );
    expect(refusal(withChange((e) => (e.year = '2023'))).message).toBe(
      '年度（year）应为数字，收到 文本 "2023"',
    );
    expect(refusal(withChange((e) => (rows(e, 'monitoring')[0]!.month = 13))).message).toBe(
      '第 1 个执行进度监控点（monitoring[0]）的 月份 为 数字 13，不能大于 12',
    );
    expect(refusal(withChange((e) => (rows(e, 'indicators')[0]!.notApplicable = 'yes'))).message).toBe(
      '第 1 个指标（indicators[0]）的 不适用 应为是否值（true 或 false），收到 文本 "yes"',
    );
    expect(refusal(withChange((e) => (e.goal = 'a\u0000b'))).message).toBe(
      '年度目标（goal）含有无法保存的字符（NUL 或不成对的代理项）',
    );
    expect(refusal(withChange((e) => (e.goal = '\ud800'))).message).toContain('无法保存的字符');
    expect(parseEvaluation(withChange((e) => (e.goal = '𠀀 emoji 😀'))).goal).toBe('𠀀 emoji 😀');
  });

  it('refuses two rows with one id, and counts the other problems', () => {
    const twice = refusal(withChange((e) => (rows(e, 'indicators')[2]!.id = rows(e, 'indicators')[0]!.id)));
    expect(twice.message).toBe('第 3 个指标（indicators[2]）的 编号 重复：「培训人次」已是第 1 个指标的编号');
    const several = refusal(
      withChange((e) => {
        e.title = 1;
        e.year = 'x';
      }),
    );
    expect(several.count).toBe(2);
    expect(several.message).toBe('标题（title）应为文本，收到 数字 1（另有 1 处问题）');
  });

  it('lets through only what scoring and the audit can take: edge cases score without throwing', () => {
    const registry = builtinRegistry();
    const edges: unknown[] = [
      newEvaluation({ id: 'e', title: '', kind: 'project' }),
      newEvaluation({ id: 'e', title: '', kind: 'department' }),
      newEvaluation({ id: 'e', title: '', kind: 'summary' }),
      withChange((e) => {
        for (const i of rows(e, 'indicators')) {
          i.direction = null;
          i.weight = { raw: '-0', value: '-0', decimals: 0, percent: false };
          i.actual = { raw: '9'.repeat(60), value: '9'.repeat(60), decimals: 0, percent: true };
        }
        rows(e, 'budget')[0]!.partOf = 'nowhere';
      }),
    ];
    for (const json of edges) {
      const e = parseEvaluation(json);
      const doc = { file: 'x.json', evaluations: [e], statements: [], issues: [] };
      expect(() => auditDocument(doc, (x) => scoreEvaluation(x, registry))).not.toThrow();
    }
  });
});
