import type { Finding } from '@jixiao/core';

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
