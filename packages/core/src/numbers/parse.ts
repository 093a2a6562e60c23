import type { ComparisonSign, Stated } from '../model/stated.ts';
import type { SourceRef } from '../model/source.ts';
import { D } from './decimal.ts';

const SIGNS: Record<string, ComparisonSign> = {
  '≥': '≥',
  '>=': '≥',
  '＞＝': '≥',
  '≧': '≥',
  '≤': '≤',
  '<=': '≤',
  '＜＝': '≤',
  '≦': '≤',
  '=': '=',
  '＝': '=',
  '>': '>',
  '＞': '>',
  '<': '<',
  '＜': '<',
};

// Fullwidth digits and punctuation appear in Word-exported tables; fold them before matching.
function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => {
    const folded = String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    // keep fullwidth comparison signs recognisable by SIGNS below
    return '＞＜＝'.includes(ch) ? ch : folded;
  });
}

const APPROX_BEFORE = /^(近|约|超过|逾|达)/;
const APPROX_AFTER = /^(余|多|左右|以上)/;

/**
 * Reads a cell or phrase into a Stated value. Understands thousands separators ("1,045.50"),
 * percent signs (half- and full-width), comparison signs ("≥95%", ">=80%", "=100%"), a trailing
 * unit ("≥2个", "40000册"), and approximate figures ("60余", "4万余本"). Anything else keeps its
 * text with value null: "cannot be read as a number" is never turned into 0.
 */
export function parseStated(raw: string | undefined | null, source?: SourceRef): Stated {
  const text = (raw ?? '').replace(/[\u3000\u00a0]/g, ' ').trim();
  const base: Stated = { raw: text, value: null, decimals: 0, percent: false };
  if (source) base.source = source;
  if (text === '') return base;

  let rest = foldWidth(text).replace(/\s+/g, '');
  let sign: ComparisonSign | undefined;
  for (const key of Object.keys(SIGNS).sort((a, b) => b.length - a.length)) {
    if (rest.startsWith(key)) {
      sign = SIGNS[key];
      rest = rest.slice(key.length);
      break;
    }
  }
  let approximate = false;
  const before = APPROX_BEFORE.exec(rest);
  if (before) {
    approximate = true;
    rest = rest.slice(before[0].length);
  }
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/.exec(rest);
  if (!m) return sign ? { ...base, sign } : base;
  const digits = `${m[1]}${m[2]!.replace(/,/g, '')}${m[3] ? `.${m[3]}` : ''}`;
  let tail = rest.slice(m[0].length);
  let value = new D(digits);
  let decimals = m[3]?.length ?? 0;
  let percent = false;
  if (tail.startsWith('%') || tail.startsWith('％')) {
    percent = true;
    tail = tail.slice(1);
  } else if (tail.startsWith('万') && !tail.startsWith('万元')) {
    // "4万余本": a count written in 万; scale it and mark the precision accordingly.
    value = value.times(10000);
    decimals = Math.max(0, decimals - 4);
    tail = tail.slice(1);
  }
  const after = APPROX_AFTER.exec(tail);
  if (after) {
    approximate = true;
    tail = tail.slice(after[0].length);
  }
  const unit = tail.replace(/^[（(]|[)）]$/g, '');
  if (percent && unit) return { ...base, ...(sign ? { sign } : {}) }; // "2.27%以内": a phrase, not a figure
  const out: Stated = { ...base, value: value.toFixed(), decimals, percent };
  if (sign) out.sign = sign;
  if (unit && /^[\p{Script=Han}a-zA-Z/·%]+$/u.test(unit) && unit.length <= 8) out.unit = unit;
  else if (unit) return { ...base, ...(sign ? { sign } : {}) }; // "2.27%以内" etc: text, not a number
  if (approximate) out.approximate = true;
  return out;
}

/** A Stated built from a computed decimal, for writers and tests. */
export function statedOf(value: string, opts: Partial<Stated> = {}): Stated {
  return parseStated(value, opts.source);
}
