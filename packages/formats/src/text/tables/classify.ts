/** What a line of the input looks like to the table finder. */
export type LineShape = 'blank' | 'tab-row' | 'cell-line' | 'pipe-row' | 'text';

export function lineShape(text: string): LineShape {
  if (text.replace(/[\s\u3000]/g, '') === '' && !text.includes('\t')) return 'blank';
  const tabs = (text.match(/\t/g) ?? []).length;
  // One tab at the very start: the one-cell-per-line layout (Word tables pasted cell by cell).
  if (tabs === 1 && text.startsWith('\t')) return 'cell-line';
  if (tabs >= 1) return 'tab-row';
  if ((text.match(/\|/g) ?? []).length >= 2) return 'pipe-row';
  return 'text';
}
