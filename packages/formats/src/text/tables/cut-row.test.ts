import { describe, expect, it } from 'vitest';
import { fillForm, renderForm } from '../../testing/render-form.ts';
import { readText } from '../read-text.ts';
import { describedForms, type FormDescription } from './forms.ts';

/**
 * A web copy of a form that ends inside its last 一级's first row, right after the 分值 cell (corpus
 * 042). Only forms whose row prints 一级, 二级, 三级, 指标性质, 指标值, 度量单位, 完成值, 分值 and then the
 * score can be cut so (指标性质/度量单位 where the form has them).
 */
function cutCopy(form: FormDescription) {
  const data = fillForm(form);
  const last = data.indicators.findIndex((i) => i.level1 === data.indicators.at(-1)!.level1);
  const cut = data.indicators[last]!;
  const lines = renderForm(form, data, 'pipe-web-copy').split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${cut.level1} | `));
  const kept = [
    cut.level1,
    cut.level2,
    cut.name,
    cut.direction,
    cut.target,
    cut.unit,
    cut.actual,
    cut.weight,
  ];
  const head = kept.filter(Boolean).join(' | ');
  if (
    ![cut.level1, cut.level2, cut.name, cut.target, cut.actual, cut.weight].every(Boolean) ||
    !cut.score ||
    at < 0 ||
    !lines[at]!.startsWith(`${head} | ${cut.score} `)
  )
    return undefined;
  // Only forms whose whole web copy reads back (the others are known gaps of layouts.test.ts).
  const whole = readText(lines.join('\n'), 'x.txt').evaluations.flatMap((e) => e.indicators);
  const row = whole.find((i) => i.name === cut.name);
  if (row?.weight?.raw !== cut.weight || row.statedScore?.raw !== cut.score || row.actual?.raw !== cut.actual)
    return undefined;
  return { cut, text: [...lines.slice(0, at), `${head} |`].join('\n') };
}

describe('a copy that ends inside an indicator row', () => {
  const forms = describedForms().filter((f) => cutCopy(f));
  it('is tried on several described forms', () => expect(forms.length).toBeGreaterThanOrEqual(2));
  it.each(forms.map((f) => [f.id, f] as const))(
    '%s: the cut row keeps its cells in the header order, the score left empty, with a warning',
    (_id, form) => {
      const { cut, text } = cutCopy(form)!;
      const doc = readText(text, 'x.txt');
      const got = doc.evaluations.flatMap((e) => e.indicators).at(-1)!;
      expect([
        got.name,
        got.target?.raw,
        got.actual?.raw,
        got.weight?.raw,
        got.statedScore?.value ?? null,
      ]).toEqual([cut.name, cut.target, cut.actual, cut.weight, null]);
      // Said: the row as cut (row-cut-off), or its cells placed by content (cells-placed), on its line.
      const line = text.split('\n').length;
      expect(
        doc.issues.filter(
          (i) => /^(row-cut-off|cells-placed)$/.test(i.code ?? '') && i.source?.line === line,
        ),
      ).toHaveLength(1);
    },
  );
});
