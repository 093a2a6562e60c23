import { describe, expect, it } from 'vitest';
import { fillForm } from '../../testing/render-form.ts';
import { readText } from '../read-text.ts';
import { describedForms } from './forms.ts';

// Each described form's indicator rows as a copy that lost every separator prints them: the labels
// and the name run together, a space only after each figure (the tail of a 四川 form in corpus 006).
const fused = (form: ReturnType<typeof describedForms>[number]) => {
  const data = fillForm(form);
  let prev: (typeof data.indicators)[number] | undefined;
  const parts = data.indicators.map((i) => {
    const l1 = prev?.level1 === i.level1 ? '' : i.level1;
    const l2 = prev?.level1 === i.level1 && prev?.level2 === i.level2 ? '' : i.level2;
    prev = i;
    return `${l1}${l2}${i.name}${i.direction || '≥'}${i.target.replace(/^[≥≤=]/, '')}${i.unit} ${i.weight}`;
  });
  const total = data.indicators.reduce((a, i) => a + Number(i.weight), 0);
  return { data, text: `${parts.join(' ')} ${form.footer ?? '合计'}${total} 评价结论完成较好。` };
};

describe('a table whose cells were run together on one line', () => {
  // Forms whose rows carry their own 分值 (the figure that ends each fused row); 湖北 and 云南 20/80
  // score by 一级 and print no per-row weight, and are not read this way yet.
  const forms = describedForms().filter(
    (f) =>
      f.kind === 'project' &&
      f.indicators.level1.every((l) => l.level2?.length) &&
      fillForm(f).indicators.every((i) => i.weight),
  );
  it.each(forms.map((f) => [f.id, f] as const))(
    '%s: names, targets and weights come back, with a warning',
    (_id, form) => {
      const { data, text } = fused(form);
      const doc = readText(`说明\n\n${text}\n`, 'x.txt');
      const e = doc.evaluations.find((x) => x.indicators.length)!;
      expect(e, text).toBeDefined();
      expect(e.indicators.map((i) => [i.level1, i.level2, i.name, i.weight?.raw])).toEqual(
        data.indicators.map((i) => [i.level1, i.level2, i.name, i.weight]),
      );
      expect(e.indicators.map((i) => i.target?.value)).toEqual(
        data.indicators.map((i) => i.target.replace(/[^\d.]/g, '').replace(/^$/, '') || null),
      );
      expect(doc.issues.map((i) => i.code)).toContain('cells-fused');
      expect(doc.issues.find((i) => i.code === 'cells-fused')!.message).toMatch(/^第 3 行：/);
    },
  );

  it('a line of prose that starts with a 一级 label is not a table', () => {
    const doc = readText('说明\n\n产出指标数量指标完成情况较好，群众满意。\n', 'x.txt');
    expect(doc.issues.map((i) => i.code)).not.toContain('cells-fused');
  });
});
