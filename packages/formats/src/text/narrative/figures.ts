import { parseStated, type Stated } from '@jixiao/core';

/** A figure found in a paragraph: where it is, as written, and what it parses to. */
export interface Figure {
  start: number;
  end: number;
  raw: string;
  value: Stated;
}

/** Units a prose figure carries, longest first so that 人次 wins over 人. */
const UNITS = [
  '万元',
  '亿元',
  '元',
  '万人次',
  '人次',
  '场次',
  '批次',
  '轮次',
  '户次',
  '件次',
  '学时',
  '个月',
  '小时',
  '人',
  '次',
  '件',
  '个',
  '份',
  '场',
  '期',
  '条',
  '名',
  '辆',
  '本',
  '册',
  '家',
  '通',
  '所',
  '台',
  '套',
  '处',
  '项',
  '户',
  '分',
  '年',
  '天',
  '篇',
  '起',
  '座',
  '间',
];
const SIGN = /(?:>=|<=|＞＝|＜＝|≥|≤|≧|≦|>|<|=)$/;
const NUMBER = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/y;
/** Money words: "预算3万" is 3 万元, while "4万余本" is forty thousand books. */
const MONEY_CONTEXT = /预算|经费|资金|金额|支出|收入|费用|拨款|补助|成本/;

function unitAt(text: string, at: number): string | undefined {
  return UNITS.find((u) => text.startsWith(u, at));
}

/**
 * Every figure with a unit, a percent sign or a 万 in the text: amounts, rates, counts, scores.
 * Years ("2024年"), dates ("9月30日"), document numbers and bare numbers are left out; figures
 * inside a cited title 《…》 belong to the title, not to the report.
 */
export function findFigures(text: string): Figure[] {
  const out: Figure[] = [];
  let inTitle = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '《') inTitle++;
    else if (ch === '》') inTitle = Math.max(0, inTitle - 1);
    if (ch < '0' || ch > '9') continue;
    const prev = text[i - 1] ?? '';
    if (/[A-Za-z0-9.,_/-]/.test(prev) && !(prev === '-' && /[=<>]/.test(text[i - 2] ?? ''))) {
      // inside a code, a date or a longer number: skip the whole run
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      i += (m?.[0].length ?? 1) - 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) continue;
    const numberEnd = i + m[0].length;
    let end = numberEnd;
    let percent = false;
    let tenThousand = false;
    if (text[end] === '%') {
      percent = true;
      end++;
    } else if (text[end] === '万' && text[end + 1] !== '元') {
      tenThousand = true;
      end++;
    }
    let approx = '';
    for (const a of ['左右', '余', '多']) if (text.startsWith(a, end)) approx = a;
    if (approx === '多' && percent) approx = '';
    end += approx.length;
    const unit = percent ? undefined : unitAt(text, end);
    if (unit) end += unit.length;
    let bound = '';
    for (const b of ['以上', '以内', '以下']) if (text.startsWith(b, end)) bound = b;
    end += bound.length;
    i = numberEnd - 1;
    if (inTitle > 0) continue;
    if (!percent && !unit && !tenThousand) continue;
    if (unit === '年' && /^(19|20)\d\d$/.test(m[0])) continue;
    // A comparison sign or 近/约 written before the figure belongs to it.
    let start = i - m[0].length + 1;
    const sign = SIGN.exec(text.slice(Math.max(0, start - 2), start));
    if (sign) start -= sign[0].length;
    else if (/[近约逾]/.test(text[start - 1] ?? '') && !/[将最]/.test(text[start - 2] ?? '')) start--;
    const raw = text.slice(start, end);
    out.push({
      start,
      end,
      raw,
      value: statedOf(raw, bound, tenThousand && !unit, text.slice(Math.max(0, start - 12), start)),
    });
  }
  return out;
}

function statedOf(raw: string, bound: string, bareWan: boolean, before: string): Stated {
  const core = bound ? raw.slice(0, -bound.length) : raw;
  let value = parseStated(core);
  if (bareWan && MONEY_CONTEXT.test(before)) {
    value = parseStated(`${core.replace(/万(余|多)?$/, '')}${core.match(/(余|多)$/)?.[0] ?? ''}万元`);
  }
  value = { ...value, raw };
  if (bound === '以上') value.sign = '≥';
  else if (bound) value.sign = '≤';
  return value;
}
