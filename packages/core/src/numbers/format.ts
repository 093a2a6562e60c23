// 数字与日期格式 — the one way figures are printed for people: pages, sheets and reports call these.
// 金额 万元 with two decimals and thousands separators, 比率 two decimals with %, 得分 two decimals, dates
// YYYY-MM-DD (with HH:mm for a moment). Decimal arithmetic throughout, never a float.
import type { Stated } from '../model/stated.ts';
import { D, type Dec } from './decimal.ts';

/** Shown where a figure is absent. */
export const NO_FIGURE = '—';

type DecimalInput = Dec | string | number | null | undefined;

/** Half-up (四舍五入) to `places`, or null when the input is absent or no number. */
function rounded(value: DecimalInput, places: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  try {
    const d = new D(typeof value === 'string' ? foldDigits(value).replace(/,/g, '') : value);
    return d.isFinite() ? d.toFixed(places, D.ROUND_HALF_UP) : null;
  } catch {
    return null;
  }
}

function withSeparators(fixed: string): string {
  const [int = '0', frac] = fixed.split('.');
  const negative = int.startsWith('-');
  const digits = (negative ? int.slice(1) : int).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${digits}${frac !== undefined ? `.${frac}` : ''}`;
}

/** 金额（万元）: "1,045.50"; '—' when absent. */
export function formatMoney(value: DecimalInput): string {
  const r = rounded(value, 2);
  return r === null ? NO_FIGURE : withSeparators(r);
}

/** 比率: percent with two decimals, "70.47%" (the value is already in percent); '—' when absent. */
export function formatRate(value: DecimalInput): string {
  const r = rounded(value, 2);
  return r === null ? NO_FIGURE : `${r}%`;
}

/** 得分: two decimals, "92.50"; '—' when absent. */
export function formatScore(value: DecimalInput): string {
  const r = rounded(value, 2);
  return r === null ? NO_FIGURE : r;
}

/**
 * A stated figure of a form as people read it: a percent as a rate, money as 万元, a score (分值, 得分)
 * with two decimals; a count, a target or an actual ('number') and anything that is no plain figure
 * ("≥95%", "6个", "60余场", "/") as written, with full-width digits folded ("５" → "5").
 */
export function formatStated(s: Stated | undefined, as: 'money' | 'score' | 'number' = 'money'): string {
  if (!s || s.raw === '') return '';
  if (s.value === null || s.approximate || s.sign) return foldDigits(s.raw);
  if (s.percent) return formatRate(s.value);
  if (as === 'money') return formatMoney(s.value);
  if (as === 'score') return s.unit ? foldDigits(s.raw) : formatScore(s.value);
  return foldDigits(s.raw);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 日期: YYYY-MM-DD in the reader's calendar (a date-only text stays as it is); '—' when absent. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return NO_FIGURE;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 时间: YYYY-MM-DD HH:mm in the reader's clock; '—' when absent. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return NO_FIGURE;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${formatDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 全角数字 — full-width digits, point, percent and comma (０–９ ． ％ ，between digits) as ASCII. */
export function foldDigits(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/(?<=\d)[．。](?=\d)/g, '.')
    .replace(/(?<=\d)，(?=\d{3}(?!\d))/g, ',')
    .replace(/(?<=\d)％/g, '%');
}
