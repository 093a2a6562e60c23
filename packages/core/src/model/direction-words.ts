import type { IndicatorDirection } from './evaluation.ts';

/** How forms write 指标性质: a sign (half- or full-width, ≧ ≦ > <) or its word. */
const DIRECTION_WORDS: Array<[RegExp, IndicatorDirection]> = [
  [/^定性/, 'qualitative'],
  [/^(≥|>=|＞＝|≧|>|＞|正向)/, '≥'],
  [/^(≤|<=|＜＝|≦|<|＜|反向)/, '≤'],
  [/^(=|＝|等于)/, '='],
];

/** 指标性质 from a form's cell ("正向", "≥", "定性指标"), or null when the text names none. */
export function directionFromWords(text: string): IndicatorDirection | null {
  for (const [re, d] of DIRECTION_WORDS) if (re.test(text.trim())) return d;
  return null;
}
