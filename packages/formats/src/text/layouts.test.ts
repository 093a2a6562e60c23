import { describe, expect, it } from 'vitest';
import { fillForm, renderForm, type LayoutClass } from '../testing/render-form.ts';
import { describedForms } from './tables/forms.ts';
import { readText } from './read-text.ts';

// Every described form, filled with real rows, written as each layout class a copy comes in, and
// read back: the reader is tested by what it reads of what was written, not by special cases.
const LAYOUTS: LayoutClass[] = ['tab-rows', 'pipe-markdown', 'pipe-web-copy', 'space-runs', 'cell-stream'];
const forms = describedForms().filter((f) => !f.indicators.subHeader);
/**
 * What the reader does not read back yet, said here rather than hidden: these are still read
 * without a crash, and the test fails when one starts to read back (so the list stays true).
 */
const KNOWN_GAPS: Record<string, string> = {
  'hebei-project/pipe-web-copy':
    '单项指标得分/权重占比/折算得分 are three numbers in a row: an empty one cannot be placed',
  'hebei-project/cell-stream': 'the same three numbers, with the row ends lost as well',
  'xinjiang-project-2023/pipe-web-copy': 'fifteen columns with several empty: too many placements tie',
  'xinjiang-project-2023/cell-stream': 'the same, with the row ends lost as well',
  'department-tasks/pipe-web-copy':
    'the 年度主要任务 block before the indicators is not placed by content yet',
  'department-tasks/cell-stream': 'the 年度主要任务 block before the indicators is not placed by content yet',
  'hebei-project/space-runs':
    '单项指标得分/权重占比/折算得分 are three numbers in a row: an empty one cannot be placed',
  'xinjiang-project-2023/space-runs': 'fifteen columns with several empty: too many placements tie',
  'department-tasks/space-runs': 'the 年度主要任务 block before the indicators is not placed by content yet',
};
const cases = forms.flatMap((form) => LAYOUTS.map((layout) => [form.id, layout, form] as const));

describe('each described form in each layout reads back to what was written', () => {
  it.each(cases)('%s as %s', (id, layout, form) => {
    const written = fillForm(form);
    const text = renderForm(form, written, layout);
    const doc = readText(text, 'form.txt');
    const e = doc.evaluations.find((x) => x.indicators.length)!;
    const got = (e?.indicators ?? []).map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      target: i.target?.raw ?? '',
      actual: i.actual?.raw ?? '',
      weight: i.weight?.raw ?? '',
      score: i.statedScore?.raw ?? '',
    }));
    const want = written.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      target: i.target,
      actual: i.actual,
      weight: i.weight,
      score: i.score,
    }));
    if (KNOWN_GAPS[`${id}/${layout}`]) {
      expect(got, '这一组合已能读回：请从 KNOWN_GAPS 中删去').not.toEqual(want);
      return;
    }
    expect(e, text).toBeDefined();
    expect(got).toEqual(want);
    // The footer's stated totals: the weight total and the total score as written.
    if (written.weightTotal) expect(e.statedWeightTotal?.raw).toBe(written.weightTotal);
    if (written.scoreTotal) expect(e.statedTotal?.raw).toBe(written.scoreTotal);
    expect(e.cutOff).toBeUndefined();
    if (written.budget && layout !== 'cell-stream') {
      const total = e.budget.find((l) => l.role === 'total')!;
      expect([total.adjustedBudget?.raw, total.executed?.raw, total.executionRate?.raw]).toEqual([
        written.budget.adjustedBudget,
        written.budget.executed,
        written.budget.executionRate,
      ]);
    }
  });
});
