import { describe, expect, it } from 'vitest';
import departmentFormulas from '../scoring/fixtures/department-formulas.json' with { type: 'json' };
import legacyDepartmentFormulas from '../scoring/fixtures/legacy-department-formulas.json' with { type: 'json' };
import legacyOptional from '../scoring/fixtures/legacy-optional-project.json' with { type: 'json' };
import legacySuining from '../scoring/fixtures/legacy-suining-district-department-2024.json' with { type: 'json' };
import legacyZhengzhou from '../scoring/fixtures/legacy-zhengzhou-shangjie-department-2021.json' with { type: 'json' };
import optional from '../scoring/fixtures/optional-project.json' with { type: 'json' };
import { BUILTIN_FRAMEWORK_FILES } from './builtin.ts';
import { parseFramework } from './parse.ts';
import type { Framework } from './schema.ts';

/**
 * What a framework computes: each rule's kind and formulas, without its worked examples. The 时限指标
 * rule came after the old format, so no old file has it.
 */
const formulas = (f: Framework) =>
  f.rules
    .filter((r) => r.kind !== 'deadline')
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      ...('formula' in r ? { formula: r.formula } : {}),
      ...('met' in r ? { met: r.met } : {}),
      ...('notScoredWithout' in r ? { notScoredWithout: r.notScoredWithout } : {}),
    }));

/**
 * A framework version stored before rules were formulas (in the database, beside the evaluations
 * submitted under it) still loads, and means exactly what the shipped formula version means.
 */
describe('framework files with the old rule kinds', () => {
  const pairs: Array<[string, unknown, unknown]> = [
    ['遂宁 2024 指标体系', legacySuining, BUILTIN_FRAMEWORK_FILES['suining-district-department-2024.json']],
    [
      '上街 2021 部门整体',
      legacyZhengzhou,
      BUILTIN_FRAMEWORK_FILES['zhengzhou-shangjie-department-2021.json'],
    ],
    ['optional kinds', legacyOptional, optional],
    ['部门整体公式', legacyDepartmentFormulas, departmentFormulas],
  ];
  for (const [name, old, current] of pairs) {
    it(`${name}: the old file reads as the same formulas`, () => {
      expect(formulas(parseFramework(old, 'old.json'))).toEqual(
        formulas(parseFramework(current, 'new.json')),
      );
    });
  }
  it('declares 执行进度 inputs as percentages and 是/否 answers as text', () => {
    const f = parseFramework(legacySuining, 'old.json');
    expect(f.inputs.find((i) => i.name === '6月执行进度')?.type).toBe('percent');
    expect(f.inputs.find((i) => i.name === '绩效信息随决算公开')?.type).toBe('text');
  });
});
