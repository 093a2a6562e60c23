import type { NumberedLine } from '../narrative/types.ts';
import { cleanCell } from '../lines.ts';

/** A caption such as "(2021 年度)" or "（2023年度）" standing alone. */
export function captionYear(text: string): number | undefined {
  const m = /^[（(]?\s*(\d{4})\s*年度?\s*[)）]?$/.exec(cleanCell(text));
  return m ? Number(m[1]) : undefined;
}

/** A year written in a table title: "部门预算项目支出绩效自评表（2023年度）". */
export function titleYear(text: string): number | undefined {
  const m = /[（(]\s*(\d{4})\s*年度\s*[)）]/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** A line that names a form: ends in 表 or 体系, possibly followed by a bracketed year. */
export function looksLikeTitle(text: string): boolean {
  const t = cleanCell(text).replace(/[（(][^）)]*[)）]$/, '');
  return t.length >= 4 && t.length <= 60 && /(表|体系)$/.test(t) && !/[。；;]/.test(t);
}

/**
 * The caption above a table: up to four non-blank lines back, the nearest line that looks like a
 * title, without an "附件：" / "附：" prefix; and a "(2021 年度)" caption among them.
 */
export function captionAbove(
  lines: NumberedLine[],
  index: number,
): { title?: { text: string; line: number }; year?: number } {
  const out: { title?: { text: string; line: number }; year?: number } = {};
  let seen = 0;
  for (let i = index - 1; i >= 0 && seen < 4; i--) {
    const l = lines[i]!;
    const text = cleanCell(l.text);
    if (!text) continue;
    seen++;
    const year = captionYear(text);
    if (year !== undefined) {
      out.year ??= year;
      continue;
    }
    if (!out.title && looksLikeTitle(text)) {
      out.title = { text: text.replace(/^附(件\d*)?[：:]\s*/, ''), line: l.line };
      break;
    }
  }
  return out;
}
