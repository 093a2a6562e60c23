import { Converter } from 'opencc-js/t2cn';

/**
 * Traditional characters to the mainland standard, character by character and by OpenCC's
 * phrase list (t2cn). Not 'twp', which also rewrites Taiwanese terms into mainland ones (軟體 →
 * 软件) — a report's own words must stay its own. Built on first use: the dictionary costs ~50 ms.
 */
let toSimplified: ((text: string) => string) | undefined;
function convert(text: string): string {
  toSimplified ??= Converter({ from: 't', to: 'cn' });
  return toSimplified(text);
}

/**
 * Pinyin a mirror site inserted after each converted character: 項(xiàng)目, 號(hào). Only lower-case
 * Latin letters with tone marks, right after a Chinese character: "(A)", "(万元)", "(2023年度)" stay.
 */
const PINYIN = /(\p{Script=Han})\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)/gu;

/** Share of Chinese characters that must change under conversion for a text to be traditional. */
const TRADITIONAL_SHARE = 0.05;
/** …and at least this many: a simplified report quoting one traditional name stays as it is. */
const TRADITIONAL_MIN = 8;

/** A long text is judged by evenly spaced pieces of it (converting all of a 17 MB text took seconds). */
const SAMPLE_PIECES = 50;
const SAMPLE_PIECE = 2_000;

function spread(text: string): string {
  if (text.length <= SAMPLE_PIECES * SAMPLE_PIECE * 2) return text;
  const step = Math.floor(text.length / SAMPLE_PIECES);
  const pieces: string[] = [];
  for (let k = 0; k < SAMPLE_PIECES; k++) pieces.push(text.slice(k * step, k * step + SAMPLE_PIECE));
  return pieces.join('');
}

export interface ScriptNormaliser {
  /** True when the document is mostly traditional characters and is converted. */
  traditional: boolean;
  /** How many inserted pinyin glosses were removed. */
  pinyin: number;
  apply: (text: string) => string;
}

/**
 * Decides once for a whole document (its text given as samples) whether it is written in
 * traditional characters, and gives the function that normalises each of its strings: inserted
 * pinyin removed, traditional characters converted. Reading then sees the forms' own labels.
 */
export function scriptNormaliser(samples: Iterable<string>): ScriptNormaliser {
  let han = 0;
  let changed = 0;
  let pinyin = 0;
  for (const raw of samples) {
    const text = raw.replace(PINYIN, (_, char: string) => {
      pinyin++;
      return char;
    });
    const chars = spread(text).match(/\p{Script=Han}/gu);
    if (!chars) continue;
    han += chars.length;
    const converted = convert(chars.join(''));
    for (let k = 0; k < chars.length; k++) if (converted[k] !== chars[k]) changed++;
  }
  const traditional = changed >= TRADITIONAL_MIN && changed / Math.max(han, 1) >= TRADITIONAL_SHARE;
  const apply = (text: string) => {
    const stripped = pinyin ? text.replace(PINYIN, '$1') : text;
    return traditional ? convert(stripped) : stripped;
  };
  return { traditional, pinyin, apply };
}

/** The reader warning that says what was changed, so a reviewer knows the text is not as filed. */
export function scriptNotice(n: ScriptNormaliser): string | undefined {
  const parts: string[] = [];
  if (n.pinyin) parts.push(`去掉了网站插在字后的 ${n.pinyin} 处拼音注音（如“項(xiàng)”）`);
  if (n.traditional) parts.push('全文是繁体字，已按 OpenCC 转为简体字后读取');
  return parts.length ? parts.join('；') : undefined;
}
