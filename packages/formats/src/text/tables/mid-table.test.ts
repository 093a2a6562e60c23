import { describe, expect, it } from 'vitest';
import { fillForm, renderForm } from '../../testing/render-form.ts';
import { readText } from '../read-text.ts';
import { describedForms, level1OfLevel2 } from './forms.ts';

/**
 * A page that starts mid-table (corpus 039): the copy begins with indicator rows, the first of them
 * without its merged 一级 cell, and the form's title comes only later (the next project's table).
 * Written from each described project form that prints 一级/二级 labels, as a web copy with pipes
 * (the 决策/管理/绩效 form prints each level's points in a cell of its own: not cut this way here).
 */
const forms = describedForms().filter(
  (f) =>
    f.kind === 'project' && f.indicators.level1.every((l) => l.level2?.length) && !f.indicators.levelWeights,
);
/** As in layouts.test.ts: fifteen columns with several empty, too many placements tie. */
const KNOWN_GAPS = new Set(['xinjiang-project-2023']);

function midTableCopy(id: string) {
  const form = forms.find((f) => f.id === id)!;
  const written = fillForm(form);
  const lines = renderForm(form, written, 'pipe-web-copy').split('\n');
  const first = written.indicators[0]!;
  const at = lines.findIndex((l) => l.startsWith(`${first.level1} | ${first.level2} |`));
  // The rows from the first indicator on, its 一级 cell lost; then the form's title (the next table).
  const rows = [lines[at]!.slice(`${first.level1} | `.length), ...lines.slice(at + 1)];
  return { form, written, text: `${rows.join('\n')}\n${lines[0]}\n`, first };
}

describe('a table that starts mid-page takes its columns and 一级 labels from the form', () => {
  it('knows the 一级 of a 二级 only when every described form agrees', () => {
    expect(level1OfLevel2('成本指标')).toBe('产出指标');
    expect(level1OfLevel2('服务对象满意度指标')).toBe('满意度指标');
    expect(level1OfLevel2('不是指标')).toBeUndefined();
  });

  it.each(forms.map((f) => f.id).filter((id) => !KNOWN_GAPS.has(id)))('%s', (id) => {
    const { form, written, text, first } = midTableCopy(id);
    const doc = readText(text, 'mid.txt');
    const e = doc.evaluations.find((x) => x.indicators.length)!;
    expect(e.kind).toBe('project');
    expect(e.indicators.map((i) => i.name)).toEqual(written.indicators.map((i) => i.name));
    expect(e.indicators[0]).toMatchObject({ level1: first.level1, level2: first.level2 });
    const codes = doc.issues.map((i) => i.code);
    expect(codes).toContain('table-starts-mid');
    expect(codes).not.toContain('form-unknown');
    const filled = doc.issues.find((i) => i.code === 'level1-from-form');
    expect(filled?.source?.line).toBe(1);
    expect(filled?.message).toContain(`「${first.level2}」属于「${first.level1}」`);
    expect(form.kind).toBe('project');
  });
});
