import { describeSource, type Finding } from '@jixiao/core';

/** The tab of the 自评 page that holds the row a finding points at. */
export function tabOf(f: Finding): 'indicators' | 'budget' | null {
  return f.location.indicator ? 'indicators' : f.location.budgetLine ? 'budget' : null;
}

/**
 * 定位 — scrolls the table row a finding points at into view, flashes it and focuses its first
 * input. Rows carry data-indicator / data-budget-line / data-budget-label (IndicatorTable, BudgetTable).
 */
export function showRow(f: Finding): void {
  const name = f.location.indicator;
  const line = CSS.escape(f.location.budgetLine ?? '');
  const selector = name
    ? `[data-indicator="${CSS.escape(name)}"]`
    : `[data-budget-line="${line}"], [data-budget-label="${line}"]`;
  const row = document.querySelector<HTMLElement>(selector);
  if (!row) return;
  row.scrollIntoView({ block: 'center', behavior: 'smooth' });
  row.classList.add('row-located');
  window.setTimeout(() => row.classList.remove('row-located'), 2000);
  row.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
}

/** Where a finding points, in Chinese: the indicator or budget line, then the source position. */
export function findingPlace(f: Finding): string {
  const what = f.location.indicator
    ? `指标「${f.location.indicator}」`
    : f.location.budgetLine
      ? `预算行「${f.location.budgetLine}」`
      : '';
  const where = describeSource(f.location);
  // A row typed in the editor has no source in a file: naming the row, or the field, is the whole location.
  const known = where !== '位置未知';
  const field = typeof f.evidence.about === 'string' && f.evidence.about ? `「${f.evidence.about}」栏` : '';
  return [what || (known ? '' : field), known ? where : ''].filter(Boolean).join(' · ') || '整张自评表';
}
