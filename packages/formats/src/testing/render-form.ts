import { mapColumns } from '../text/tables/columns.ts';
import type { FormDescription } from '../text/tables/forms.ts';

/** One indicator row as written into a rendered form. */
export interface WrittenIndicator {
  level1: string;
  level2: string;
  name: string;
  direction: string;
  target: string;
  unit: string;
  actual: string;
  weight: string;
  score: string;
  reason: string;
}

export interface WrittenForm {
  title: string;
  budget?: {
    label: string;
    initialBudget: string;
    adjustedBudget: string;
    executed: string;
    executionRate: string;
  };
  indicators: WrittenIndicator[];
  weightTotal: string;
  scoreTotal: string;
}

/** The layouts copies of these forms come in (issue 8): each is a way a copy loses its grid. */
export type LayoutClass = 'tab-rows' | 'pipe-markdown' | 'pipe-web-copy' | 'space-runs' | 'cell-stream';

// Rows taken from real tables of the corpus (026, 008, 038, 018): names, targets and results as printed.
const SAMPLES = [
  { name: '野生动物收容所', direction: '≥', value: '200', unit: '平方米', actual: '204.46' },
  { name: '钢结构圈养围栏', direction: '≥', value: '120', unit: '米', actual: '121.5' },
  { name: '项目竣工验收率', direction: '=', value: '100', unit: '%', actual: '100' },
  { name: '美丽宜居自然村庄验收通过率', direction: '≥', value: '95', unit: '%', actual: '100' },
  { name: '务工人员年人均增收', direction: '≥', value: '8400', unit: '元', actual: '8400' },
  { name: '受益农户数', direction: '≥', value: '5000', unit: '户', actual: '5000' },
  { name: '群众对政府工作满意度', direction: '≥', value: '90', unit: '%', actual: '95' },
];

/** A form filled with real rows: two indicators under the first 二级 of each 一级. */
export function fillForm(form: FormDescription): WrittenForm {
  const fields = mapColumns('indicators', form.indicators.header);
  const has = (f: string) => [...fields.values()].includes(f);
  const indicators: WrittenIndicator[] = [];
  let k = 0;
  for (const l1 of form.indicators.level1) {
    const l2 = l1.level2?.[0] ?? '';
    for (let j = 0; j < 2 && k < SAMPLES.length; j++, k++) {
      const s = SAMPLES[k]!;
      const split = has('direction') && has('unit');
      const weight = String(10 + (k % 3) * 5);
      indicators.push({
        level1: l1.label,
        level2: has('level2') ? l2 : '',
        name: s.name,
        direction: split ? s.direction : '',
        target: !has('target') ? '' : split ? s.value : `${s.direction}${s.value}${s.unit}`,
        unit: split ? s.unit : '',
        actual: !has('actual') ? '' : split ? s.actual : `${s.actual}${s.unit}`,
        weight: has('weight') ? weight : '',
        score: has('statedScore') ? String(Number(weight) - (k % 2)) : '',
        reason: !has('deviationReason') ? '' : k % 2 ? '宣传不到位，下年加强' : '无',
      });
    }
  }
  const sum = (f: (i: WrittenIndicator) => string) =>
    String(indicators.reduce((a, i) => a + Number(f(i) || 0), 0));
  const written: WrittenForm = {
    title: `${form.titles[0]!}（2023年度）`,
    indicators,
    weightTotal: has('weight') ? sum((i) => i.weight) : '',
    scoreTotal: has('statedScore') ? sum((i) => i.score) : '',
  };
  if (form.budget?.rows?.length) {
    written.budget = {
      label: form.budget.rows[0]!,
      initialBudget: '100.00',
      adjustedBudget: '120.00',
      executed: '108.00',
      executionRate: '90.00%',
    };
  }
  return written;
}

const BUDGET_VALUE: Record<string, (b: NonNullable<WrittenForm['budget']>) => string> = {
  initialBudget: (b) => b.initialBudget,
  adjustedBudget: (b) => b.adjustedBudget,
  executed: (b) => b.executed,
  executionRate: (b) => b.executionRate,
};

/** The form's grid: header rows and data rows, merged cells written once (blank below). */
function grid(form: FormDescription, data: WrittenForm): { rows: string[][]; merged: boolean[][] } {
  const rows: string[][] = [];
  const merged: boolean[][] = [];
  const push = (cells: string[], m: boolean[] = cells.map(() => false)) => {
    rows.push(cells);
    merged.push(m);
  };
  push([data.title]);
  if (form.budget && data.budget) {
    const header = form.budget.header;
    push(header);
    const fields = mapColumns('budget', header);
    const b = data.budget;
    push(header.map((_, col) => (col === 0 ? b.label : (BUDGET_VALUE[fields.get(col) ?? '']?.(b) ?? ''))));
  }
  const header = form.indicators.header;
  push(header);
  const fields = mapColumns('indicators', header);
  let prev: WrittenIndicator | undefined;
  for (const ind of data.indicators) {
    const cells: string[] = [];
    const m: boolean[] = [];
    header.forEach((_, col) => {
      const f = fields.get(col);
      const sameL1 = prev?.level1 === ind.level1;
      const sameL2 = sameL1 && prev?.level2 === ind.level2;
      const points = (same: (x: WrittenIndicator) => boolean) =>
        String(data.indicators.filter(same).reduce((a, x) => a + Number(x.weight || 0), 0));
      const value: Record<string, string> = {
        level1: sameL1 ? '' : ind.level1,
        level1Points: sameL1 ? '' : points((x) => x.level1 === ind.level1),
        level2: sameL2 ? '' : ind.level2,
        level2Points: sameL2 ? '' : points((x) => x.level1 === ind.level1 && x.level2 === ind.level2),
        name: ind.name,
        direction: ind.direction,
        target: ind.target,
        unit: ind.unit,
        actual: ind.actual,
        weight: ind.weight,
        statedScore: ind.score,
        deviationReason: ind.reason,
      };
      const text = f ? (value[f] ?? '') : '';
      cells.push(text);
      m.push(f === undefined || (/^level1/.test(f) && sameL1) || (/^level2/.test(f) && sameL2));
    });
    push(cells, m);
    prev = ind;
  }
  const footer = header.map((_, col) => {
    const f = fields.get(col);
    if (col === 0) return form.footer ?? '合计';
    if (f === 'weight') return data.weightTotal;
    if (f === 'statedScore') return data.scoreTotal;
    return '';
  });
  push(footer);
  return { rows, merged };
}

/** The filled form written out as a copy of the given layout class would show it. */
export function renderForm(form: FormDescription, data: WrittenForm, layout: LayoutClass): string {
  const { rows } = grid(form, data);
  switch (layout) {
    case 'tab-rows':
      return rows.map((r) => r.join('\t')).join('\n');
    case 'pipe-markdown':
      return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
    case 'pipe-web-copy':
      // An HTML table copied from a web page: merged cells are not repeated, empty cells collapse,
      // and every row is padded with a run of "|".
      return rows
        .map((r) => {
          const kept = r.filter((c) => c !== '');
          return `${kept.join(' | ')} | ${'|'.repeat(Math.max(1, 8 - kept.length))}`;
        })
        .join('\n');
    case 'space-runs':
      // A fixed-width copy (PDF text, a console print): cells apart by runs of spaces, blanks missing.
      return rows.map((r) => r.filter((c) => c !== '').join('    ')).join('\n');
    case 'cell-stream': {
      // A Word table as text: one cell per line, blank lines between, no row ends; the header's
      // leading group label (绩效指标) spans the rows and is written once, above.
      const header = form.indicators.header;
      const at = rows.findIndex((r) => r === rows.find((x) => x.join() === header.join()));
      const lead = /^(一级指标|三级指标)$/.test(header[0]!) ? 0 : 1;
      const out: string[] = [data.title, ''];
      rows.slice(at).forEach((r, i) => {
        const isFooter = at + i === rows.length - 1;
        r.forEach((c, col) => {
          if (col < lead && !isFooter) return;
          if (c !== '') out.push(c, '');
        });
      });
      return out.join('\n');
    }
  }
}
