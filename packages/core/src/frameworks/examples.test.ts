import { describe, expect, it } from 'vitest';
import { runExample } from '../scoring/formula/examples.ts';
import { isFormulaRule } from '../scoring/formula/rules.ts';
import { round } from '../numbers/decimal.ts';
import { BUILTIN_FRAMEWORK_FILES } from './builtin.ts';
import { parseFramework } from './parse.ts';

/** Every formula of every shipped framework carries a worked example from a real document, and it holds. */
describe('worked examples of every shipped framework', () => {
  for (const [file, json] of Object.entries(BUILTIN_FRAMEWORK_FILES)) {
    const f = parseFramework(json, file);
    for (const rule of f.rules.filter(isFormulaRule)) {
      it(`${f.name}：${rule.title ?? ('criterion' in rule ? rule.criterion : rule.id)}`, () => {
        expect(rule.examples.length, `${file} ${rule.id} has no worked example`).toBeGreaterThan(0);
        for (const ex of rule.examples) {
          expect(ex.source.length).toBeGreaterThan(4);
          const r = runExample(f, rule, ex);
          const got = r.ok ? round(r.score, f.decimals).toFixed(f.decimals) : '无法判定';
          expect(got, `${ex.source}: ${r.ok ? r.formula : r.missing.join('、')}`).toBe(
            ex.expect === '无法判定' ? ex.expect : Number(ex.expect).toFixed(f.decimals),
          );
          if (r.ok) expect(r.steps.length + r.formula.length).toBeGreaterThan(0);
        }
      });
    }
  }
});
