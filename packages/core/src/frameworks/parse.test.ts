import { describe, expect, it } from 'vitest';
import mof from '../../frameworks/mof-project-2020.json' with { type: 'json' };
import suining from '../../frameworks/suining-district-department-2024.json' with { type: 'json' };
import { BUILTIN_FRAMEWORK_FILES } from './builtin.ts';
import { FrameworkError } from './error.ts';
import { parseFramework } from './parse.ts';

/** A deep copy to break on purpose. */
function copy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function errorOf(json: unknown, origin = 'seed-001.json'): string {
  try {
    parseFramework(json, origin);
  } catch (e) {
    expect(e).toBeInstanceOf(FrameworkError);
    return (e as Error).message;
  }
  throw new Error('expected a FrameworkError');
}

describe('parseFramework', () => {
  it('loads every shipped framework, with its id and version', () => {
    const ids = Object.entries(BUILTIN_FRAMEWORK_FILES).map(([file, json]) => {
      const f = parseFramework(json, file);
      expect(f.version).not.toBe('');
      return f.id;
    });
    expect(ids.sort()).toEqual([
      'anhui-department-2023',
      'hengyang-yanfeng-department-2024',
      'honghe-department-2024',
      'mof-project-2020',
      'project-10-90',
      'project-20-80-2020',
      'project-40-40-20-2022',
      'project-decision-management-performance',
      'suining-district-department-2024',
      'transfer-regional',
      'zhengzhou-shangjie-department-2021',
    ]);
  });

  it('keeps seed 003 自评准确 as its formula: bands 5 / 10 / 20 %, waiting for the reviewer', () => {
    const f = parseFramework(suining, 'suining.json');
    const rule = f.rules.find((r) => r.id === 'criterion.self-accuracy');
    expect(rule?.kind).toBe('criterion');
    if (rule?.kind !== 'criterion') return;
    expect(rule.formula).toContain('5%, 0, 10%, 4, 20%, 8, 10');
    expect(rule.notScoredWithout).toEqual(['评价组抽查得分']);
    expect(f.maxTotal).toBe('90');
  });

  it('names the file and JSON path of an unknown citation key', () => {
    const bad = copy(mof);
    bad.rules[3]!.cite = 'seed001-note-9';
    expect(errorOf(bad)).toBe('评分框架 seed-001.json：rules[3].cite 引用了不存在的出处「seed001-note-9」');
  });

  it('rejects a criterion filed under an undeclared 一级 category', () => {
    const bad = copy(suining);
    bad.rules[0]!.category = '部门管理';
    expect(errorOf(bad)).toContain('rules[0].category 引用了框架未声明的一级指标「部门管理」');
  });

  it('rejects a formula reading an input that is not declared: file, rule and column', () => {
    const bad = copy(suining);
    const rule = bad.rules.find((r) => r.id === 'criterion.violations') as { formula: string };
    rule.formula = 'max(0, 分值 − 问题个数 × 0.5)';
    expect(errorOf(bad)).toContain(
      'rules[7].formula 规则「违规记录」的公式「max(0, 分值 − 问题个数 × 0.5)」第 13 列：未知的输入「问题个数」',
    );
  });

  it('rejects qualitative tiers that overlap or leave a gap', () => {
    const overlap = copy(mof);
    const tiers = (overlap.rules[4] as { tiers: Array<{ min: string; max: string }> }).tiers;
    tiers[1]!.max = '0.85';
    expect(errorOf(overlap)).toContain('rules[4].tiers[0] 与 rules[4].tiers[1] 重叠');
    const gap = copy(mof);
    (gap.rules[4] as { tiers: Array<{ min: string }> }).tiers[0]!.min = '0.9';
    expect(errorOf(gap)).toContain('留有空档 [0.8, 0.9)');
  });

  it('rejects a 时限指标 rule that leaves late rows to 定性 tiers the framework does not have', () => {
    const bad = copy(mof);
    bad.rules = bad.rules.filter((r: { kind: string }) => r.kind !== 'qualitative-tiers');
    const at = bad.rules.findIndex((r: { kind: string }) => r.kind === 'deadline');
    expect(errorOf(bad)).toContain(
      `rules[${at}].late 规则「时限指标」逾期完成的按定性指标分档酌情计分，但框架没有定性指标分档规则`,
    );
  });

  it('rejects grade bands out of order', () => {
    const bad = copy(mof);
    bad.grades.bands[1]!.min = 95;
    expect(errorOf(bad)).toContain('grades.bands[1] 等级须从高到低排列');
  });

  it('rejects 三级 weights that do not add up to their 二级', () => {
    const bad = copy(suining);
    const rule = bad.rules.find((r) => r.id === 'criterion.violations') as { weight: number };
    rule.weight = 8;
    expect(errorOf(bad)).toContain('三级指标分值合计 18，与二级指标「完成结果」分值 20 不符');
  });

  it('reports a missing field and a wrong kind by path', () => {
    const noCite = copy(mof) as { rules: Array<Record<string, unknown>> };
    delete noCite.rules[1]!.cite;
    expect(errorOf(noCite)).toBe('评分框架 seed-001.json：rules[1].cite 缺少必填项');
    const wrongKind = copy(mof) as { kind: string };
    wrongKind.kind = 'city';
    expect(errorOf(wrongKind)).toContain('kind 取值不在允许范围内');
  });
});

describe('parseFramework strictness', () => {
  it('a misspelt field in a rule is an error, not silently ignored', () => {
    const bad = JSON.parse(JSON.stringify(mof)) as { rules: Array<Record<string, unknown>> };
    bad.rules[0]!['wieght'] = 10;
    expect(() => parseFramework(bad, 'x.json')).toThrow('评分框架 x.json：rules[0] 有未知字段 ["wieght"]');
  });
});

describe('parseFramework weight checks inside rules', () => {
  it('a formula with a syntax error or a type error is refused with its column', () => {
    const bad = JSON.parse(JSON.stringify(suining)) as { rules: Array<{ id: string; formula?: string }> };
    bad.rules.find((r) => r.id === 'criterion.violations')!.formula = 'max(0, 分值 − 违规问题个数 × 0.5';
    expect(() => parseFramework(bad, 's.json')).toThrow('第 25 列：此处应为「)」或「,」，实为公式结尾');
    bad.rules.find((r) => r.id === 'criterion.violations')!.formula = '违规问题个数 > 0';
    expect(() => parseFramework(bad, 's.json')).toThrow('公式的结果应为数值，实为是非判断');
  });
  it('a citations list instead of a map is a type error, not a missing field', () => {
    const bad = JSON.parse(JSON.stringify(mof)) as { citations: unknown };
    bad.citations = [];
    expect(() => parseFramework(bad, 'x.json')).toThrow('评分框架 x.json：citations 类型不对');
  });
});
