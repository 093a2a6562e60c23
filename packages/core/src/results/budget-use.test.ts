import { describe, expect, it } from 'vitest';
import { D } from '../numbers/decimal.ts';
import { BudgetUseRuleError, budgetUseOf, builtinBudgetUseRule, parseBudgetUseRule } from './budget-use.ts';
import { carryKeyOf } from './carry-over.ts';
import rule from '../../budget-use/grade-budget.json' with { type: 'json' };

const r = builtinBudgetUseRule();
const basis = '本年调整后预算';

describe('结果应用规则：等级与下年度预算挂钩', () => {
  it('the shipped rule has the five grades with their actions and cuts, each citing its clause', () => {
    expect(r.grades.map((g) => [g.grade, g.action, g.cut ?? null, g.mayCancel])).toEqual([
      ['优', 'priority', null, false],
      ['良', 'keep', null, false],
      ['中', 'cut', ['5', '10'], false],
      ['低', 'cut', ['20', '30'], false],
      ['差', 'cut', ['50', '50'], true],
    ]);
    for (const g of r.grades) expect(r.citations[g.cite]?.clause).toContain(g.words);
  });

  it('中 on 120 万元: cut 6.00–12.00, suggested 108.00–114.00, in decimals', () => {
    const u = budgetUseOf(r, '中', '120', basis);
    expect([u.reductionLow, u.reductionHigh, u.suggestedLow, u.suggestedHigh]).toEqual([
      '6.00',
      '12.00',
      '108.00',
      '114.00',
    ]);
    expect(new D(u.suggestedLow!).plus(u.reductionHigh!).eq(u.budget!)).toBe(true);
    expect(u.words).toBe(
      '等级「中」：压减 5%–10%，以本年调整后预算 120.00 万元计，压减 6.00–12.00 万元，建议安排 108.00–114.00 万元。',
    );
    expect(u.citation?.title).toBe('评价结果等级与预算安排挂钩');
  });

  it('低 on 1,045.55 万元 rounds half up: 209.11–313.67 cut', () => {
    const u = budgetUseOf(r, '低', new D('1045.55'), basis);
    expect([u.reductionLow, u.reductionHigh, u.suggestedLow, u.suggestedHigh]).toEqual([
      '209.11',
      '313.67',
      '731.88',
      '836.44',
    ]);
    expect(u.words).toContain('以本年调整后预算 1,045.55 万元计');
  });

  it('差 halves the budget or cancels it; 优 and 良 keep the base', () => {
    const bad = budgetUseOf(r, '差', '80', basis);
    expect(bad.words).toBe(
      '等级「差」：压减 50% 或取消，以本年调整后预算 80.00 万元计，压减 40.00 万元，建议安排 40.00 万元，或不再安排。',
    );
    expect(bad.mayCancel).toBe(true);
    const best = budgetUseOf(r, '优秀', '80', basis);
    expect([best.ruleGrade, best.actionName, best.suggestedLow, best.suggestedHigh]).toEqual([
      '优',
      '优先保障',
      '80.00',
      '80.00',
    ]);
    expect(best.words).toBe('等级「优」：优先保障，以本年调整后预算 80.00 万元为基数，不作压减。');
    expect(budgetUseOf(r, '良', '80', basis).actionName).toBe('保持');
  });

  it('no grade, an unknown grade or no budget give no figure, and say why', () => {
    expect(budgetUseOf(r, null, '80', basis)).toMatchObject({ action: 'none', suggestedLow: null });
    expect(budgetUseOf(r, null, '80', basis).words).toBe(
      '尚无等级（未计分或总分无法判定），不给出预算安排建议。',
    );
    expect(budgetUseOf(r, '合格', '80', basis).words).toBe(
      '等级「合格」不在《绩效评价结果与下年度预算安排挂钩（按等级）》中，不给出预算安排建议。',
    );
    const noBudget = budgetUseOf(r, '中', null, basis);
    expect([noBudget.action, noBudget.suggestedLow]).toEqual(['cut', null]);
    expect(noBudget.words).toBe('等级「中」：压减 5%–10%；没有本年调整后预算，不能算出建议安排的金额。');
  });

  it('a rule file that does not hold is refused with the file and the field', () => {
    const bad = structuredClone(rule) as { grades: Array<{ cut?: string[]; cite: string }> };
    bad.grades[3]!.cut = ['30', '20'];
    expect(() => parseBudgetUseRule(bad, 'x.json')).toThrow(
      '结果应用规则 x.json 的「grades.3.cut」不对：「低」的压减比例下限 30% 高于上限 20%',
    );
    const noCite = structuredClone(rule) as { grades: Array<{ cite: string }> };
    noCite.grades[0]!.cite = 'nowhere';
    expect(() => parseBudgetUseRule(noCite, 'x.json')).toThrow(BudgetUseRuleError);
    expect(() => parseBudgetUseRule({ id: 'x' }, 'x.json')).toThrow(/结果应用规则 x\.json 的「version」不对/);
  });
});

describe('同一项目跨年度', () => {
  it('matches a project by its name without spaces, a 部门整体 by its department', () => {
    expect(carryKeyOf({ kind: 'project', projectName: ' 普法 宣传 ' })).toBe('普法宣传');
    expect(carryKeyOf({ kind: 'department', projectName: undefined })).toBe('部门整体支出');
    expect(carryKeyOf({ kind: 'project', projectName: '' })).toBeNull();
  });
});
