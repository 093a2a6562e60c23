import { describe, expect, it } from 'vitest';
import { D } from '../../numbers/decimal.ts';
import {
  compileFormula,
  FormulaError,
  runFormula,
  type FormulaRow,
  type Value,
  type ValueType,
} from './index.ts';

const pct = (x: string): Value => ({ kind: 'number', v: new D(x).div(100), percent: true });
const num = (x: string): Value => ({ kind: 'number', v: new D(x), percent: false });
const text = (x: string): Value => ({ kind: 'text', v: x });

const scope = (names: Record<string, ValueType>) => ({ names: new Map(Object.entries(names)) });
const run = (src: string, values: Record<string, Value>, rows: FormulaRow[] = []) => {
  const types = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.kind]));
  const declared: Record<string, ValueType> = {
    ...{ 分值: 'number', 执行率: 'number', 缺: 'number', 自评: 'number', 注销额: 'number' },
    ...types,
  };
  const f = compileFormula(src, scope(declared));
  return runFormula(f, { value: (k) => values[k], rows });
};
const errorOf = (src: string, names: Record<string, ValueType> = { 分值: 'number' }) => {
  try {
    compileFormula(src, scope(names), 'number');
  } catch (e) {
    return e instanceof FormulaError ? { col: e.col, problem: e.problem } : String(e);
  }
  return null;
};

describe('formula language: arithmetic with every step shown', () => {
  it('湖北 预算执行 20 分 = 20 × 执行率: 20 × 86% = 17.2', () => {
    const r = run('20 × 执行率', { 执行率: pct('86') });
    expect(r.ok && r.formula).toBe('20 × 86% = 17.2');
    expect(r.ok && r.value.kind === 'number' && r.value.v.toFixed(2)).toBe('17.20');
  });
  it('ASCII operators mean the same as × ÷ −, and precedence is the usual one', () => {
    const r = run('(1 - 10 * 8.83 / 261.07) * 分值', { 分值: num('10') });
    expect(r.ok && r.formula).toBe('(1 − 10 × 8.83 ÷ 261.07) × 10 = 6.62');
  });
  it('a percentage literal is a fraction: 50 × 80% = 40, and 执行率 ≥ 90% compares as a reviewer reads it', () => {
    expect(run('50 × 80%', {}).ok && (run('50 × 80%', {}) as { formula: string }).formula).toBe(
      '50 × 80% = 40',
    );
    const r = run('if 执行率 >= 90% then 分值 else 0', { 执行率: pct('90'), 分值: num('5') });
    expect(r.ok && r.formula).toBe('90% ≥ 90% → 5');
    expect(r.steps[0]).toEqual({ formula: '执行率 ≥ 90%', shown: '90% ≥ 90%', result: '成立' });
  });
  it('河北 单项指标得分 × 权重占比 = 折算得分: 85 × 30% = 25.5', () => {
    const r = run('单项指标得分 × 权重占比', { 单项指标得分: num('85'), 权重占比: pct('30') });
    expect(r.ok && r.formula).toBe('85 × 30% = 25.5');
  });
  it('tier: 重点支出安排率 90% → 5, 89.99% → 4, 65% → 0', () => {
    const src = 'tier(x, 90%, 5, 80%, 4, 70%, 3, 0)';
    const at = (v: string) => {
      const r = run(src, { x: pct(v) });
      return r.ok && r.value.kind === 'number' ? r.value.v.toFixed() : null;
    };
    expect([at('90'), at('89.99'), at('80'), at('65')]).toEqual(['5', '4', '4', '0']);
  });
  it('band: half-open upper bounds, 10% falls in [10%, 20%)', () => {
    const r = run('band(x, 10%, 10, 20%, 5, 0)', { x: pct('10') });
    expect(r.ok && r.value.kind === 'number' && r.value.v.toFixed()).toBe('5');
    expect(r.steps[0]!.shown).toBe('10% < 20% → 5');
  });
  it('text answers: oneof(公开, "是", "已公开")', () => {
    expect(run('oneof(公开, "是", "已公开")', { 公开: text('已公开') }).ok).toBe(true);
    const r = run('if oneof(公开, "是", "已公开") then 2 else 0', { 公开: text('否') });
    expect(r.ok && r.formula).toBe('0');
  });
  it('count rows of the indicator table by their 二级 name and a condition', () => {
    const row = (name: string, t: string, a?: string): FormulaRow => ({
      name,
      level1: '产出指标',
      level2: '数量指标',
      values: { 指标值: num(t), 完成值: a === undefined ? undefined : num(a), 指标性质: text('≥') },
    });
    const src = 'count("数量指标", 完成值 >= 指标值 and 完成值 <= 指标值 × 130%) ÷ count("数量指标") × 分值';
    const r = run(src, { 分值: num('10') }, [row('a', '100', '100'), row('b', '100', '131')]);
    expect(r.ok && r.formula).toBe('1 ÷ 2 × 10 = 5');
    const blank = run(src, { 分值: num('10') }, [row('a', '100'), row('b', '100', '100')]);
    expect(blank).toMatchObject({ ok: false, missing: ['a的完成值'] });
  });
});

describe('a missing input is 无法判定, never 0', () => {
  it('names the inputs it lacks', () => {
    expect(run('分值 × 执行率', { 分值: num('20') })).toMatchObject({ ok: false, missing: ['执行率'] });
  });
  it('a branch not taken does not need its inputs', () => {
    const r = run('if 取消额 = 0 then 分值 else 取消额 ÷ 注销额 × 分值', {
      取消额: num('0'),
      分值: num('10'),
    });
    expect(r.ok && r.formula).toBe('0 = 0 → 10');
  });
  it('division by zero is undetermined, naming the divisor', () => {
    expect(run('a ÷ b', { a: num('1'), b: num('0') })).toMatchObject({ ok: false, missing: ['b'] });
  });
  it('false and ? is false; firstof takes the first input that is given', () => {
    expect(run('if 分值 > 100 and 缺 > 0 then 1 else 2', { 分值: num('10') }).ok).toBe(true);
    const r = run('firstof(自评, 总分)', { 总分: num('88') });
    expect(r.ok && r.formula).toBe('88');
  });
});

describe('formulas are checked before they are used', () => {
  it('an unknown input: its column and the names that are known', () => {
    expect(errorOf('20 × 执行律')).toMatchObject({
      col: 6,
      problem: expect.stringContaining('未知的输入「执行律」'),
    });
  });
  it('a syntax error: the column of the fault', () => {
    expect(errorOf('20 × (分值 + 1')).toMatchObject({ col: 13, problem: expect.stringContaining('「)」') });
    expect(errorOf('20 分值')).toMatchObject({ col: 4, problem: expect.stringContaining('多余') });
    expect(errorOf('20 × ')).toMatchObject({ problem: '公式不完整' });
    expect(errorOf('20 # 3')).toMatchObject({ col: 4, problem: '不认识的符号「#」' });
  });
  it('a type error: a comparison where a number is due, and mixing a number with words', () => {
    expect(errorOf('分值 > 3')).toMatchObject({ problem: expect.stringContaining('结果应为数值') });
    expect(errorOf('if 分值 then 1 else 0')).toMatchObject({
      col: 4,
      problem: expect.stringContaining('if 的条件应为是非判断'),
    });
    expect(errorOf('分值 + "是"')).toMatchObject({
      col: 6,
      problem: expect.stringContaining('应为数值，实为文字'),
    });
  });
  it('functions: unknown name, wrong number of arguments', () => {
    expect(errorOf('mean(分值)')).toMatchObject({
      col: 1,
      problem: expect.stringContaining('未知的函数「mean」'),
    });
    expect(errorOf('tier(分值, 1, 2)')).toMatchObject({ problem: expect.stringContaining('界限, 得分') });
  });
  it('Chinese keywords and full-width punctuation read as their English forms', () => {
    const r = run('如果 执行率 ≥ 100% 则 分值 否则 min（分值，执行率 × 分值）', {
      执行率: pct('50'),
      分值: num('20'),
    });
    expect(r.ok && r.formula).toBe('min(20, 50% × 20) = 10');
  });
  it('a name beginning with a digit: 6月执行进度, bare or in 「」', () => {
    const r = run('min(1, 6月执行进度 ÷ 40%) × 3 + 「9月执行进度」 × 0', {
      '6月执行进度': pct('20'),
      '9月执行进度': pct('1'),
    });
    expect(r.ok && r.formula).toBe('min(1, 20% ÷ 40%) × 3 + 1% × 0 = 1.5');
  });
});
