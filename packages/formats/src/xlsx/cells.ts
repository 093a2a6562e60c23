import type { CellValue, Cell } from 'exceljs';
import { D, foldDigits, type Stated } from '@jixiao/core';

/** A cell to write: its value (number, plain string, or formula with cached result) and number format. */
export interface CellOut {
  value: CellValue;
  numFmt?: string;
}

const PLAIN_NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const PLAIN_PERCENT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?[%％]$/;

/** '0.00' for 2 places, '#,##0.00' when the figure was written with thousands separators. */
export function numberFormat(decimals: number, grouped: boolean, percent: boolean): string {
  const body = (grouped ? '#,##0' : '0') + (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');
  return percent ? `${body}%` : body;
}

/** What a cell holds, for its number format: 万元, a rate, a score (分值, 得分), or a count as written. */
export type FigureKind = 'amount' | 'rate' | 'score' | 'count';

/**
 * A stated figure as a cell, in core's one format (numbers/format.ts): a plain number or percentage
 * becomes a number — a percentage and 万元 (grouped) in their written precision, a score "0.00", a count in its
 * written precision — so "45%" stays "45%" beside "70.47%", and a score "16" reads "16.00".
 * Anything else — "≥95%", "优良", "6个", "/" — stays the text the user wrote (full-width digits
 * folded: "５" is "5"), as a string cell, never a formula.
 */
export function statedCell(s: Stated | undefined, kind: FigureKind = 'count'): CellOut {
  if (!s || s.raw === '') return { value: null };
  const written = foldDigits(s.raw);
  if (s.value !== null && !s.sign && !s.unit && !s.approximate) {
    const grouped = written.includes(',');
    // A rate or an amount keeps the precision it was filed with: "45%" written back as "45.00%" would claim
    // two decimals the department never gave, and the audit of the file read back would hold it to them.
    if (s.percent && PLAIN_PERCENT.test(written)) {
      return { value: new D(s.value).div(100).toNumber(), numFmt: numberFormat(s.decimals, false, true) };
    }
    if (!s.percent && PLAIN_NUMBER.test(written)) {
      const numFmt =
        kind === 'amount'
          ? numberFormat(s.decimals, true, false)
          : kind === 'score' || kind === 'rate'
            ? numberFormat(2, false, false)
            : numberFormat(s.decimals, grouped, false);
      return { value: new D(s.value).toNumber(), numFmt };
    }
  }
  return textCell(written);
}

/** The number format of a figure kind: what a computed cell (a 合计) of that column shows. */
export function kindFormat(kind: FigureKind, decimals: number): string {
  if (kind === 'amount') return numberFormat(2, true, false);
  if (kind === 'rate') return numberFormat(2, false, true);
  if (kind === 'score') return numberFormat(2, false, false);
  return numberFormat(decimals, false, false);
}

/**
 * Text as a string cell. exceljs writes a string as a shared string (never a formula), whatever
 * it starts with; a text beginning with = + - @ is still marked so readers see it as text.
 */
export function textCell(text: string | undefined): CellOut {
  if (text === undefined || text === '') return { value: null };
  return { value: text };
}

/** How a user reads a cell: the number in its format ("70.47%", "1,045.50"), or its text. */
export function cellText(cell: Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v, cell.numFmt);
  if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trim();
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) {
      // A formula is never evaluated here: its cached result is what the file says it showed.
      // cell.result, not value.result: exceljs's value getter drops a cached 0.
      const result: unknown = cell.result;
      if (typeof result === 'number') return formatNumber(result, cell.numFmt);
      if (typeof result === 'string') return result.trim();
      if (result && typeof result === 'object' && 'error' in result)
        return String((result as { error: string }).error);
      return '';
    }
    if ('text' in v) return String((v as { text: unknown }).text).trim();
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return '';
}

/** Formats a cell number the way its number format shows it (percent and fixed places honoured). */
export function formatNumber(n: number, numFmt: string | undefined): string {
  if (!Number.isFinite(n)) return '';
  // Shortest decimal that reads back as the same double: no float noise like 0.30000000000000004.
  const exact = new D(String(n));
  const fmt = (numFmt ?? '').split(';')[0] ?? '';
  const m = /([#0,]*0)(?:\.(0+))?(%?)/.exec(fmt);
  if (!m || fmt === 'General' || fmt === '@') return exact.toFixed();
  const decimals = m[2]?.length ?? 0;
  const percent = m[3] === '%';
  const value = percent ? exact.times(100) : exact;
  let text = value.toFixed(decimals);
  if (m[1]?.includes(',')) {
    const [int, frac] = text.split('.');
    text = `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
  }
  return percent ? `${text}%` : text;
}
