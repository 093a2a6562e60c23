import { D, parseStated } from '@jixiao/core';
import type { NumberedLine } from '../narrative/types.ts';
import { mapColumns } from './columns.ts';
import { describedForms, type FormDescription } from './forms.ts';
import type { RawRow, RawTable } from './types.ts';
import {
  FOOTER_LABELS,
  LEVEL_LABELS,
  VOCABULARY,
  headerKey,
  isLevel1Label,
  type ColumnType,
} from './vocabulary.ts';

/*
 * A table whose cells were run together without separators (a Word or OCR copy:
 * "数量指标补贴渔船数6620质量指标渔船补贴发放率100%100%10…总分100"), or flattened onto one line
 * with spaces between some cells and 指标1:, 指标2: before each name. The form's fixed labels
 * (its header, its 一级/二级 labels, 指标N, 总分) are the anchors that stand in for the lost
 * separators: the text is cut at them into rows, and each row is cut into its cells by what each
 * column can hold and by the arithmetic the form guarantees (a score is at most its weight, a
 * target and its result are written alike). Fused digits are split the same way ("6620" under
 * 目标值 | 完成值 | 得分 is 6 | 6 | 20). OCR damage to the signs of a figure (≥ read as 2, 工 or ^,
 * ≤ as W, % as $) is repaired where the row shows it, and said.
 */

/** Labels of the indicator header in every described form and the shared vocabulary, longest first. */
const HEADER_WORDS: string[] = [
  ...new Set([
    '绩效指标',
    '年度绩效指标',
    ...VOCABULARY.indicators.flatMap((w) => w.labels),
    ...describedForms().flatMap((f) => f.indicators.header.map(headerKey)),
  ]),
]
  .filter((w) => w.length >= 2)
  .sort((a, b) => b.length - a.length);
const GROUP_WORDS = new Set(['绩效指标', '年度绩效指标', '年度绩效目标']);
const HEADER_SUFFIX = /^[（(](万元|元|%|分|\d+分|[A-Z]|[A-Z][/／][A-Z](×100%)?|\d+分[*×]执行率)[)）]/;

/** 一级/二级 labels that can be cut out of fused text: those ending in 指标 (产出 alone is a word). */
const CUT_LABELS = LEVEL_LABELS.filter((l) => l.endsWith('指标'));
/** A 二级 label the copy prints without its 指标 ("服务对象满意度"): only at the start of a row. */
const LABEL_STEMS = CUT_LABELS.map((l) => l.replace(/指标$/, ''))
  .filter((s) => s.length >= 4)
  .sort((a, b) => b.length - a.length);
const POINTS = /^[（(]\d+(\.\d+)?分[)）]/;
const FILLER = /^指标(\d{1,2})(?:[:：]|(?=\d{4}年)|(?!\d))/;

/** Units written right after a figure: no cell boundary between "550" and "万粒". */
const UNIT_CHARS = new Set(
  '年月日号时分秒%‰万亿千百元亩人次种个户天起座粒吨家项所场期篇件份台辆艘条张册本批岁例米斤公顷平方株头只'.split(
    '',
  ),
);
const SIGNS = '≥≤=＝<>＜＞≧≦';
const DAMAGED = '工^W';
/** Qualitative results a cell holds on its own ("是是" under 指标值 | 完成值). */
const QUALITATIVE =
  /^(是|否|有|无|达到|基本达到|未达到|完成|已完成|基本完成|未完成|达标|合格|良好|较好|好|满意|有效|显著|明显|提升|提高|改善|有效改善|有效提升|逐步提升)$/;

type Kind = 'digit' | 'cjk' | 'space' | 'percent' | 'sign' | 'other';
function kindOf(ch: string | undefined): Kind {
  if (ch === undefined) return 'other';
  if (/\d/.test(ch)) return 'digit';
  if (/\s/.test(ch)) return 'space';
  if (ch === '%' || ch === '‰' || ch === '$') return 'percent';
  if (SIGNS.includes(ch)) return 'sign';
  if (/[\u3400-\u9fff]/.test(ch)) return 'cjk';
  return 'other';
}

/** Where a cell may end inside a run of text: between classes, inside fused digits, at a space or line end. */
function cutPoints(s: string, spaced: boolean): boolean[] {
  const ok = Array.from({ length: s.length + 1 }, () => false);
  ok[0] = true;
  ok[s.length] = true;
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1]!;
    const b = s[i]!;
    const ka = kindOf(a);
    const kb = kindOf(b);
    if (ka === 'space' || kb === 'space') ok[i] = ka !== kb;
    // Fused digits are cut, except where the copy keeps spaces between figures; no figure starts with a 0.
    else if (ka === 'digit' && kb === 'digit') ok[i] = !spaced && b !== '0';
    else if (a === '.' || b === '.') ok[i] = false;
    else if (ka === 'digit') ok[i] = !UNIT_CHARS.has(b) && kb !== 'percent';
    else if (ka === 'percent') ok[i] = true;
    else if (kb === 'digit' || kb === 'sign' || DAMAGED.includes(b)) ok[i] = !(ka === 'sign');
    // "是是", "是基本达到", "无钢结构…": a short result or reason ends where the next cell begins.
    else if (ka === 'cjk' && kb === 'cjk') ok[i] = a === '是' || a === '否' || a === '无';
  }
  return ok;
}

/** A figure's sign as an OCR copy damaged it, given what the row is about; the repaired text and whether it was. */
export function repairFigure(text: string, rowName: string): { text: string; repaired: boolean } {
  let t = text.replace(/(\d)\$/g, '$1%');
  if (/^[工^](?=\d)/.test(t)) t = `≥${t.slice(1)}`;
  else if (/^W(?=\d)/.test(t)) t = `≤${t.slice(1)}`;
  else if (/^5=(?=\d)/.test(t)) t = `≤${t.slice(2)}`;
  else {
    // "290%" for a rate that cannot pass 100% (合格率, 满意度, 占比): the leading 2 is a ≥.
    const m = /^2(\d{1,3}(?:\.\d+)?)%$/.exec(t);
    if (m && new D(m[1]!).lte(100) && /(率|度|比例|占比)$/.test(rowName) && !/增长率|增幅/.test(rowName))
      t = `≥${m[1]}%`;
  }
  return { text: t, repaired: t !== text };
}

const NUMBER = new RegExp(
  `^([${SIGNS}]|不少于|不低于|不高于|不超过|大于|小于|低于|高于)?(0|0\\.\\d+|[1-9]\\d*(?:\\.\\d+)?)(%|‰|[\\u4e00-\\u9fff]{1,3})?$`,
);
const PLAIN = /^(0|0\.\d+|[1-9]\d*(?:\.\d+)?)$/;

function suffixOf(text: string): string | undefined {
  const m = NUMBER.exec(text);
  return m ? (m[3] ?? '') : undefined;
}

/** How well a piece of run-together text fits as one cell of this type (negative: it does not). */
function cellFit(text: string, type: ColumnType | undefined, cap: number): number {
  if (text === '') return type === 'text' ? 0 : -2.5;
  const t = text;
  switch (type) {
    case 'weight':
    case 'score': {
      if (!PLAIN.test(t)) return -8;
      const v = Number(t);
      if (v > cap || (type === 'score' && /\.\d{3,}$/.test(t))) return -6;
      return type === 'weight' ? (v > 0 ? 2 + (v <= 20 ? 0.5 : 0) : -4) : 2;
    }
    case 'value':
    case 'amount':
    case 'rate': {
      if (t === '0') return 0.3;
      if (NUMBER.test(t)) return 1.5;
      if (/^0\d/.test(t)) return -4;
      const cjk = /[\u4e00-\u9fff]/.test(t);
      if (!cjk) return -3;
      if (QUALITATIVE.test(t)) return 1.2;
      // Two percentages in one cell are two cells run together.
      if ((t.match(/\d%/g) ?? []).length >= 2) return -3;
      return (/\d/.test(t) ? 0.2 : 0.4) - (t.length > 16 ? 1 : 0);
    }
    case 'unit':
      return /^[^\d\s]{1,4}$/.test(t) ? 1 : -3;
    case 'direction':
      return /^(≥|≤|=|定性|定量|正向|反向)$/.test(t) ? 2 : -3;
    case 'text':
      // A figure is not a reason: figures left over belong to a cell before it.
      return /^\d+(\.\d+)?\S{0,2}$/.test(t) ? -8 : /^\d/.test(t) ? -3 : 0.2;
    default:
      return -2;
  }
}

interface Parsed {
  cells: string[];
  score: number;
  end: number;
}

/**
 * The best cuts of `s` (from `from`) into the row's columns, one for each place the row can end
 * (the next row may follow there, or the text ends).
 */
function parseCells(
  s: string,
  from: number,
  ok: boolean[],
  types: Array<ColumnType | undefined>,
  name: string,
  cap: number,
  atEnd: boolean,
): Map<number, Parsed> {
  const ends = new Map<number, Parsed>();
  let best = -Infinity;
  const cells: string[] = [];
  // The search tries many cuts of the same few cells: each cell's figure is parsed once.
  let budget = 3000;
  const values = new Map<string, string | null>();
  const valueOf = (t: string) => {
    let v = values.get(t);
    if (v === undefined) values.set(t, (v = parseStated(t).value));
    return v;
  };
  const pair = (): number => {
    let score = 0;
    const values = types.map((t, k) => (t === 'value' ? cells[k] : undefined)).filter((c) => c !== undefined);
    if (values.length >= 2 && values[0] && values[1]) {
      const [a, b] = [values[0], values[1]];
      const sa = suffixOf(a);
      const sb = suffixOf(b);
      if (sa !== undefined && sb !== undefined && sa === sb) score += 1.5;
      const va = valueOf(a);
      const vb = valueOf(b);
      if (a === b || (va !== null && vb !== null && new D(va).eq(vb))) score += 1;
    }
    const w = types.indexOf('weight');
    const sc = types.indexOf('score');
    if (w >= 0 && sc >= 0 && cells[w] && cells[sc] && PLAIN.test(cells[w]!) && PLAIN.test(cells[sc]!)) {
      const weight = new D(cells[w]!);
      const score2 = new D(cells[sc]!);
      score += score2.lte(weight) ? 1 : -6;
      if (score2.eq(weight)) score += 0.5;
    }
    return score;
  };
  const walk = (k: number, p: number, acc: number) => {
    if (--budget < 0) return;
    // No cell scores above 2.5, nor the pair terms above 3: a branch that cannot win stops.
    if (acc + (types.length - k) * 2.5 + 3 <= best - 4) return;
    if (k === types.length) {
      const rest = s.slice(p).trim();
      // A row ends where the next begins (a name), or at the end of the text; figures without a
      // name after it are rare (a copy that printed names and figures as separate runs).
      if (rest && !/^[\u4e00-\u9fff]/.test(rest) && !/^\d/.test(rest)) return;
      const total = acc + pair() - (/^\d/.test(rest) ? 1.5 : 0);
      const end = rest ? p : s.length;
      const known = ends.get(end);
      if (!known || known.score < total) ends.set(end, { cells: [...cells], score: total, end });
      best = Math.max(best, total);
      return;
    }
    const type = types[k];
    const fill = (q: number, cut = false) => {
      const raw = s.slice(p, q).trim();
      // A line break inside a cell is common in OCR copies; a space between figures is a separator.
      const breaks = type === 'text' ? 0 : (raw.match(/\n/g) ?? []).length;
      const spaces = type === 'text' ? 0 : (raw.match(/[ \t\u3000]+/g) ?? []).length;
      if (spaces && (type === 'weight' || type === 'score')) return;
      const joined = type === 'text' ? raw : raw.replace(/\s+/g, '');
      const { text } = type === 'value' ? repairFigure(joined, name) : { text: joined };
      let f = cellFit(text, type, cap) - breaks * 0.5 - spaces * 1.5;
      if (raw === '' && cut) f = -0.5;
      if (f <= -6) return;
      cells.push(text);
      walk(k + 1, q, acc + f);
      cells.pop();
    };
    // The last text column (偏差原因 …) takes what is left of the row, or up to where a next name may begin.
    if (type === 'text' && types.slice(k + 1).every((t) => t === 'text')) {
      fill(s.length);
      fill(p);
      for (let q = p + 1; q < s.length && q - p <= 200; q++) if (ok[q] && kindOf(s[q]) === 'cjk') fill(q);
      return;
    }
    if (p >= s.length) {
      fill(p, atEnd);
      return;
    }
    fill(p);
    const longest = type === 'weight' || type === 'score' ? 6 : 30;
    for (let q = p + 1; q <= s.length && q - p <= longest; q++) if (ok[q]) fill(q);
  };
  walk(0, from, 0);
  return ends;
}

export interface RunRow {
  name: string;
  /** The cells after the name, one per column of the header after 三级指标. */
  cells: string[];
  /** The figures were run together past telling apart: left blank. */
  unreadable?: boolean;
  /** Signs of figures repaired from OCR damage ("290%" → "≥90%"). */
  repaired: string[];
  offset: number;
}

/** Cuts one row's text (after its labels) into rows of name and cells; more than one row may share it. */
export function parseRunRows(
  text: string,
  types: Array<ColumnType | undefined>,
  opts: { cap?: number; atEnd?: boolean; orphans?: boolean; spaced?: boolean } = {},
): { rows: RunRow[]; leftover: string } {
  const s = text.replace(/(\d)\s+(?=[种人次个户天例亩元])/g, '$1').replace(/\s+$/, '');
  const ok = cutPoints(s, opts.spaced ?? false);
  const cap = opts.cap ?? 100;
  const memo = new Map<number, { rows: RunRow[]; leftover: string; score: number }>();
  const solve = (from: number): { rows: RunRow[]; leftover: string; score: number } => {
    const known = memo.get(from);
    if (known) return known;
    const rest = s.slice(from).trim();
    // Text without figures before the next label: a label's remnant (a 一级 label an OCR scrambled).
    let best: { rows: RunRow[]; leftover: string; score: number } = { rows: [], leftover: rest, score: -1 };
    if (rest) {
      const start = s.length - s.slice(from).trimStart().length;
      for (let c = start + 1; c < s.length && c - start <= 80; c++) {
        if (!ok[c]) continue;
        const name = s.slice(start, c).trim();
        if ((name.match(/[\u4e00-\u9fff]/g) ?? []).length < 2 || /\d$/.test(name)) continue;
        // A name has no spaces in a copy that separates cells by them, nor a bare figure before a word.
        const spaced = (name.match(/\s+/g) ?? []).length * 2.5;
        const figure =
          [...name.matchAll(/\d([\u4e00-\u9fff])/g)].filter((m) => !UNIT_CHARS.has(m[1]!)).length * 2;
        // …nor ends in a quantity ("基地8000亩"): that is the first figure.
        const quantity = /\d[\u4e00-\u9fff]{1,2}$/.test(name) && !/[年月日]$/.test(name) ? 4 : 0;
        for (const parsed of parseCells(s, c, ok, types, name, cap, opts.atEnd ?? false).values()) {
          const next = parsed.end >= s.length ? { rows: [], leftover: '', score: 0 } : solve(parsed.end);
          const score = parsed.score + next.score - 0.3 - spaced - figure - quantity;
          if (score <= best.score) continue;
          const repaired: string[] = [];
          const raw = s.slice(c, parsed.end);
          for (const cell of parsed.cells) if (cell && !raw.includes(cell)) repaired.push(cell);
          // A cell that fits no column, or figures left over after the row: the cut cannot be trusted.
          const left = !next.rows.length && /^\s*\d/.test(s.slice(parsed.end));
          // …or a row without its score where the text goes on: its figures went elsewhere.
          const scoreAt = types.indexOf('score');
          const unscored = scoreAt >= 0 && !parsed.cells[scoreAt] && !(opts.atEnd && parsed.end >= s.length);
          const unreadable =
            left ||
            unscored ||
            parsed.cells.some((cell, k) => cell !== '' && cellFit(cell, types[k], cap) < 0);
          const row: RunRow = {
            name: name.replace(/\s+/g, ''),
            cells: unreadable ? parsed.cells.map((x, k) => (types[k] === 'text' ? x : '')) : parsed.cells,
            repaired: unreadable ? [] : repaired,
            offset: start,
            ...(unreadable ? { unreadable: true } : {}),
          };
          best = { rows: [row, ...next.rows], leftover: next.leftover, score };
        }
      }
      // A run of figures without a name: the figures of a row whose name came earlier (columns as runs).
      if (/^\d/.test(rest) && opts.orphans) {
        for (const parsed of parseCells(s, start, ok, types, '', cap, opts.atEnd ?? false).values()) {
          const figures = parsed.cells.every((c, k) => c === '' || types[k] === 'text' || NUMBER.test(c));
          if (!figures || parsed.score <= 0) continue;
          const next = parsed.end >= s.length ? { rows: [], leftover: '', score: 0 } : solve(parsed.end);
          const score = parsed.score + next.score - 1;
          if (score > best.score)
            best = {
              rows: [{ name: '', cells: parsed.cells, repaired: [], offset: start }, ...next.rows],
              leftover: next.leftover,
              score,
            };
        }
      }
    }
    memo.set(from, best);
    return best;
  };
  const { rows, leftover } = solve(0);
  return { rows, leftover };
}

/** The indicator header written as one run of labels ("二级指标三级指标年初目标值(A)实际完成值(B)得分"). */
export function findFusedHeader(s: string): { start: number; end: number; labels: string[] } | undefined {
  /** The labels read forward from `from`, longest first, each with its bracketed suffix; where they end. */
  const run = (from: number): { labels: string[]; starts: number[]; end: number } => {
    const labels: string[] = [];
    const starts: number[] = [];
    let end = from;
    for (;;) {
      let p = end;
      while (labels.length && p < s.length && /[ \t\u3000]/.test(s[p]!)) p++;
      const w = HEADER_WORDS.find((l) => s.startsWith(l, p));
      if (!w) break;
      let q = p + w.length;
      const suffix = HEADER_SUFFIX.exec(s.slice(q, q + 16));
      if (suffix) q += suffix[0].length;
      labels.push(s.slice(p, q));
      starts.push(p);
      end = q;
    }
    return { labels, starts, end };
  };
  let at = s.indexOf('三级指标');
  while (at >= 0) {
    // The run that reaches 三级指标 from furthest back ("一级指标分值二级指标分值三级指标…").
    for (let start = Math.max(0, at - 80); start <= at; start++) {
      const found = run(start);
      if (!found.starts.includes(at)) continue;
      const fields = found.labels.map(headerKey).filter((l) => !GROUP_WORDS.has(l));
      if (fields.length >= 4 && fields.some((l) => /得分|分值|指标值|目标值|完成值|实际值/.test(l)))
        return { start, end: found.end, labels: found.labels };
      break;
    }
    at = s.indexOf('三级指标', at + 4);
  }
  return undefined;
}

/** The described form whose indicator labels the text shows most of (for a copy whose header is scrambled). */
function formShown(text: string): FormDescription | undefined {
  const squeezed = text.replace(/\s+/g, '');
  let best: { form: FormDescription; score: number } | undefined;
  const titled = describedForms().filter((f) => f.titles.some((t) => squeezed.includes(t)));
  // The form the title names, when it names one; the labels shown (and those not shown) choose among those.
  for (const form of titled.length ? titled : describedForms()) {
    const labels = form.indicators.header.map(headerKey).filter((l) => !GROUP_WORDS.has(l));
    const shown = labels.filter((l) => squeezed.includes(l)).length;
    const score = shown - 0.5 * (labels.length - shown);
    if (shown >= labels.length / 2 && (!best || score > best.score)) best = { form, score };
  }
  return best?.form;
}

const LEVEL2_OF = new Map<string, string>();
for (const form of describedForms())
  for (const l1 of form.indicators.level1)
    for (const l2 of l1.level2 ?? []) if (!LEVEL2_OF.has(l2)) LEVEL2_OF.set(l2, l1.label);

/** A label the fused text is cut at, at position p: a 一级/二级 label (with its points), 指标N, or a header word. */
function labelAt(
  s: string,
  p: number,
  rowStart: boolean,
  levelPoints: boolean,
):
  | { kind: 'level1' | 'level2' | 'filler' | 'header'; text: string; length: number; points?: string }
  | undefined {
  // A form whose 一级 and 二级 carry their own 分值 column (决策/管理/绩效): a label followed by its points.
  if (levelPoints) {
    const named = LEVEL_LABELS.find(
      (l) => l.length >= 2 && s.startsWith(l, p) && /^\d/.test(s.slice(p + l.length)),
    );
    const points = named && /^\d+(?:\.\d+)?/.exec(s.slice(p + named.length))![0];
    if (named && points) {
      const kind = isLevel1Label(named) && !LEVEL2_OF.has(named) ? 'level1' : 'level2';
      return { kind, text: named, length: named.length + points.length, points };
    }
  }
  const level = CUT_LABELS.find((l) => s.startsWith(l, p));
  if (level) {
    const points = POINTS.exec(s.slice(p + level.length));
    const isL1 = isLevel1Label(level) && (!LEVEL2_OF.has(level) || points !== null);
    const text = points ? `${level}${points[0]}` : level;
    // "生态效益指标1病害减少": the 指标1 of the form's filler merged into the label.
    const tail = /^\d(?=[\u4e00-\u9fff])/.exec(s.slice(p + text.length));
    const merged = tail && !UNIT_CHARS.has(s[p + text.length + 1] ?? '');
    return { kind: isL1 ? 'level1' : 'level2', text, length: text.length + (merged ? 1 : 0) };
  }
  const filler = FILLER.exec(s.slice(p, p + 8));
  if (filler) return { kind: 'filler', text: filler[0], length: filler[0].length };
  // "服务对象满意度退捕渔民…": a stem followed by a name (a stem followed by a figure is itself a name).
  const stem = LABEL_STEMS.find(
    (l) =>
      (rowStart || l.length >= 6) && s.startsWith(l, p) && /^[\u4e00-\u9fff]/.test(s.slice(p + l.length)),
  );
  if (stem) return { kind: 'level2', text: stem, length: stem.length };
  // Header words standing alone between spaces in a flattened copy ("… 二级指标 三级指标 …").
  if (p === 0 || /\s/.test(s[p - 1]!)) {
    const header = HEADER_WORDS.find(
      (l) => s.startsWith(l, p) && /^(\s|$)/.test(s.slice(p + l.length, p + l.length + 1)),
    );
    if (header) return { kind: 'header', text: header, length: header.length };
  }
  return undefined;
}

const FOOTER = [...FOOTER_LABELS].sort((a, b) => b.length - a.length);
const TOTAL_IN_TITLE = /(项目总得分|自评总得分|总得分|自评总分)[:：]?\s*(\d+(?:\.\d+)?)\s*分?/;

/** A table run together is read up to this many characters (some 1,500 rows); the rest is said to be left. */
const MAX_BODY = 30_000;

interface Body {
  text: string;
  /** Source line of each character. */
  lineOf: number[];
  /** Index in `lines` after the last line the body took. */
  next: number;
  endsText: boolean;
  /** Longer than MAX_BODY: only its start was read. */
  cut: boolean;
}

/** The text after the header, over the following lines, up to a blank line; a page number the site put at a line's start is dropped. */
function bodyFrom(lines: NumberedLine[], start: number, offset: number): Body {
  let text = '';
  const lineOf: number[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    let t = lines[i]!.text;
    if (i === start) t = t.slice(offset);
    else {
      if (t.trim() === '') break;
      // "2、0%100%10": the site's page number, put before the rest of a cell cut at the page end.
      t = t.replace(/^\s*\d{1,2}、(?=[\d%.])/, '');
      text += '\n';
      lineOf.push(lines[i]!.line);
    }
    text += t;
    for (let k = 0; k < t.length; k++) lineOf.push(lines[i]!.line);
  }
  const endsText = lines.slice(i).every((l) => l.text.trim() === '');
  const cut = text.length > MAX_BODY;
  // Cut at the end of a figure so that the cut does not leave half of one as a row's last cell.
  const end = cut ? text.slice(0, MAX_BODY).search(/\d*$/) : text.length;
  return { text: text.slice(0, end), lineOf: lineOf.slice(0, end), next: i, endsText, cut };
}

/** Budget header labels of the shared vocabulary, longest first ("预算数", "执行数", "执行率", "得分" …). */
const BUDGET_WORDS = [...new Set(VOCABULARY.budget.flatMap((w) => w.labels))].sort(
  (a, b) => b.length - a.length,
);

/**
 * A budget header and its first row run together ("预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)
 * 年度财政资金总额1.561.56120"): the row's fused figures are cut where 执行数 ÷ 预算数 gives the
 * printed 执行率 and the score is within its points. Returns the header and the row as cells, or
 * undefined when no cut agrees with that arithmetic (then nothing is guessed).
 */
export function fusedBudget(text: string): { header: string[]; row: string[]; note?: string } | undefined {
  for (let p = 0; p < text.length; p++) {
    const labels: string[] = [];
    let q = p;
    for (;;) {
      const w = BUDGET_WORDS.find((l) => text.startsWith(l, q));
      if (!w) break;
      let end = q + w.length;
      const suffix = HEADER_SUFFIX.exec(text.slice(end));
      if (suffix) end += suffix[0].length;
      labels.push(text.slice(q, end));
      q = end;
    }
    const fields = labels.map((l) => VOCABULARY.budget.find((w) => w.labels.includes(headerKey(l)))?.field);
    if (labels.length < 3 || !fields.includes('executed') || !fields.includes('adjustedBudget')) continue;
    const m = /^([\u4e00-\u9fff：:（）()]{2,16}?)([\d.%]+)/.exec(text.slice(q));
    if (!m) return undefined;
    const cells = splitBudgetFigures(m[2]!, fields, labels);
    if (!cells) return undefined;
    // 执行率 printed as the ratio B/A ("1"): the model's rates are percentages.
    const at = fields.indexOf('executionRate');
    const rate = cells[at];
    let note: string | undefined;
    if (rate && !rate.endsWith('%')) {
      cells[at] = `${new D(rate).times(100).toString()}%`;
      note = `执行率写作比值 ${rate}，按 ${cells[at]} 读取`;
    }
    return { header: ['', ...labels], row: [m[1]!, ...cells], ...(note ? { note } : {}) };
  }
  return undefined;
}

/** Where a budget block ends in a run-together copy: the goal that follows it on every described form. */
const AFTER_BUDGET = /年度总体目标|项目年度目标|年度绩效目标|绩效指标/;

/**
 * A budget block whose labels and figures were run together out of order (an OCR or converted
 * copy, corpus 043: "年度资金总额全年预算数(A)300全年执行数(B)执行率(B/A)其中中央补助自治区补助300万元
 * 259.45万元86.5%"): the first row's 预算数 stands right after its label, its other figures come after
 * the row labels. The three figures in a run that agree with 执行数 ÷ 预算数 = 执行率, the first of them
 * the 预算数 printed beside the first row's label, are that row's; else nothing is guessed.
 */
export function interleavedBudget(
  text: string,
): { header: string[]; row: string[]; note: string } | undefined {
  // From the first 预算数 label (a 项目总得分 above it is the title row's, not the block's) to the goal.
  const start = text.search(/全年预算数|调整后预算数|预算数/);
  if (start < 0) return undefined;
  const end = text.slice(start).search(AFTER_BUDGET);
  const block = text.slice(0, end >= 0 ? start + end : text.length);
  const found: Array<{ label: string; field: string; at: number; end: number }> = [];
  for (let q = start; q < block.length; q++) {
    const w = BUDGET_WORDS.find((l) => block.startsWith(l, q));
    if (!w) continue;
    const field = VOCABULARY.budget.find((v) => v.labels.includes(w))?.field;
    let to = q + w.length;
    const suffix = HEADER_SUFFIX.exec(block.slice(to));
    if (suffix) to += suffix[0].length;
    if (field && !found.some((f) => f.field === field))
      found.push({ label: block.slice(q, to), field, at: q, end: to });
    q = to - 1;
  }
  const need = ['adjustedBudget', 'executed', 'executionRate'];
  const labels = need.map((f) => found.find((x) => x.field === f));
  if (labels.some((l) => !l)) return undefined;
  const first = found[0]!;
  const rowLabel = /([\u4e00-\u9fff]{2,12})$/.exec(block.slice(0, first.at))?.[1];
  if (!rowLabel) return undefined;
  const figures = [...block.slice(first.end).matchAll(/\d+(?:\.\d+)?(?:%|万元)?/g)].map((m) => m[0]);
  const own = /^\d+(?:\.\d+)?/.exec(block.slice(first.end))?.[0];
  if (!own || first.field !== 'adjustedBudget') return undefined;
  const amount = (f: string) => new D(f.replace(/万元$/, ''));
  for (let k = 0; k + 2 < figures.length; k++) {
    const [a, b, r] = [figures[k]!, figures[k + 1]!, figures[k + 2]!];
    if (!r.endsWith('%') || a.endsWith('%') || b.endsWith('%')) continue;
    if (!amount(a).eq(own) || amount(a).isZero()) continue;
    const rate = new D(r.slice(0, -1)).div(100);
    if (amount(b).div(amount(a)).minus(rate).abs().gt(0.006)) continue;
    return {
      header: ['', ...labels.map((l) => l!.label)],
      // The 预算数 as printed beside the label; the run repeats it (300 … 300万元).
      row: [rowLabel, own, b, r],
      note: `数字与栏目名称交错，按 ${b} ÷ ${own} ≈ ${r}（执行数 ÷ 预算数 = 执行率）取作该行的预算数、执行数和执行率`,
    };
  }
  return undefined;
}

function splitBudgetFigures(
  figures: string,
  fields: Array<string | undefined>,
  labels: string[],
): string[] | undefined {
  const points = labels.map((l) => /(\d+)分/.exec(l)?.[1]);
  let best: { cells: string[]; score: number } | undefined;
  const cells: string[] = [];
  const walk = (k: number, p: number) => {
    if (k === fields.length || p === figures.length) {
      if (p !== figures.length) return;
      const at = (f: string) => {
        const i = fields.indexOf(f);
        return i >= 0 && cells[i] ? cells[i]! : undefined;
      };
      const budget = at('adjustedBudget');
      const executed = at('executed');
      const rate = at('executionRate');
      if (!budget || !executed || !rate || new D(budget).isZero()) return;
      const r = rate.endsWith('%') ? new D(rate.slice(0, -1)).div(100) : new D(rate);
      if (new D(executed).div(budget).minus(r).abs().gt(0.006)) return;
      const score = cells.length;
      const scoreAt = fields.indexOf('statedScore');
      const cap = points[scoreAt] ?? points.find(Boolean);
      if (scoreAt >= 0 && cells[scoreAt] && cap && new D(cells[scoreAt]!).gt(cap)) return;
      if (!best || score > best.score) best = { cells: [...cells], score };
      return;
    }
    for (let q = p + 1; q <= figures.length; q++) {
      const cell = figures.slice(p, q);
      const next = figures[q];
      // A figure ends before a digit or at the end; none starts with 0 and a digit, nor has two points.
      if (next !== undefined && !/\d/.test(next)) continue;
      if (next === '0' || /^0\d/.test(cell) || !/^\d+(\.\d+)?%?$/.test(cell)) continue;
      if (cell.endsWith('%') && fields[k] !== 'executionRate') continue;
      cells.push(cell);
      walk(k + 1, q);
      cells.pop();
    }
  };
  walk(0, 0);
  return best?.cells;
}

/**
 * Reads a table whose cells were run together (see the top of this file), found at line `start` by
 * its fused header or by its 指标1:, 指标2: … rows. Returns undefined when the line is neither.
 */
export function readRunTogether(
  lines: NumberedLine[],
  start: number,
): { table: RawTable; next: number } | undefined {
  const line = lines[start]!;
  const own = line.text;
  const header = own.includes('三级指标') ? findFusedHeader(own) : undefined;
  let labels: string[];
  let bodyStart: number;
  // A header whose labels stand apart on a line of their own opens rows of cells apart by spaces
  // (readSpaceRows); one with the table's rows after it on the same line is a flattened table.
  const apart = header !== undefined && /\s/.test(own.slice(header.start, header.end));
  if (header && apart && own.slice(header.end).replace(/\s+/g, '').length < 20) return undefined;
  if (header) {
    labels = header.labels.filter((l) => !GROUP_WORDS.has(headerKey(l)));
    bodyStart = header.end;
  } else {
    const fillers = own.match(/指标\d{1,2}[:：]/g) ?? [];
    if (fillers.length < 3) return undefined;
    const form = formShown(own);
    if (!form) return undefined;
    labels = form.indicators.header.filter((l) => !GROUP_WORDS.has(headerKey(l)));
    bodyStart = own.search(/指标\d{1,2}[:：]/);
  }
  const keys = labels.map(headerKey);
  const nameAt = keys.indexOf('三级指标');
  if (nameAt < 0) return undefined;
  const fields = keys.map((k) =>
    VOCABULARY.indicators.find((w) => w.labels.includes(k) || w.patterns.some((p) => p.test(k))),
  );
  const types = fields.slice(nameAt + 1).map((w) => w?.type);
  if (!types.some((t) => t === 'score' || t === 'weight')) return undefined;
  // The header as the table's first row, with a 一级 column when the copy's header has none.
  const columns = keys.includes('一级指标') ? labels : ['一级指标', ...labels];
  const shift = columns.length - labels.length;
  const columnFields = mapColumns('indicators', columns);
  const levelPoints = [...columnFields.values()].some((f) => f === 'level1Points' || f === 'level2Points');
  const body = bodyFrom(lines, start, bodyStart);
  const s = body.text;

  const rows: RawRow[] = [];
  const row = (cells: string[], at: number): RawRow => {
    const l = body.lineOf[Math.min(at, body.lineOf.length - 1)] ?? line.line;
    return { cells: cells.map((text) => ({ text, line: l })), line: l, afterBreak: false };
  };
  const prefix = own.slice(0, header ? header.start : bodyStart);
  // The title and a total printed in it (宁夏: 项目总得分) are on this line or the few above it.
  const above: string[] = [];
  for (let j = start - 1; j >= 0 && above.length < 6 && lines[j]!.text.trim() !== ''; j--)
    above.unshift(lines[j]!.text);
  const before = [...above, prefix].join('\n');
  const total = TOTAL_IN_TITLE.exec(before.replace(/\s+/g, ''));
  if (total) rows.push(row([total[1]!, total[2]!], 0));
  const budget = fusedBudget(before.replace(/\s+/g, '')) ?? interleavedBudget(before.replace(/\s+/g, ''));
  if (budget) rows.push(row(budget.header, 0), row(budget.row, 0));
  const budgetNote = budget?.note ? [`「${budget.row[0]}」的${budget.note}`] : [];
  rows.push(row(columns, 0));

  // Cut the body at its labels; each piece between them is one or more rows.
  let p = 0;
  let pieceStart = 0;
  let level1 = '';
  let level2 = '';
  let filler = false;
  /** Whether the piece since the last label has any text yet (a label stem only opens a row). */
  let written = false;
  let footer: { label: string; figure?: string; at: number } | undefined;
  let points = 100;
  let level1Points = '';
  let level2Points = '';
  const pieces: Array<{
    text: string;
    at: number;
    level1: string;
    level2: string;
    level1Points: string;
    level2Points: string;
    filler: boolean;
    cap: number;
  }> = [];
  const flush = (end: number) => {
    const text = s.slice(pieceStart, end);
    const cap = level2Points ? Number(level2Points) : points;
    if (text.trim())
      pieces.push({ text, at: pieceStart, level1, level2, level1Points, level2Points, filler, cap });
  };
  while (p < s.length) {
    const foot = FOOTER.find((f) => s.startsWith(f, p) && /^[:：]?\s*\d/.test(s.slice(p + f.length)));
    if (foot) {
      flush(p);
      const figure = /^[:：]?\s*(\d+(?:\.\d+)?)/.exec(s.slice(p + foot.length))?.[1];
      footer = { label: foot, at: p, ...(figure ? { figure } : {}) };
      break;
    }
    const label = labelAt(s, p, !written, levelPoints);
    if (!label) {
      if (!/\s/.test(s[p]!)) written = true;
      p++;
      continue;
    }
    written = false;
    flush(p);
    if (label.kind === 'level1') {
      level1 = label.text;
      level2 = '';
      level1Points = label.points ?? '';
      level2Points = '';
      const pts = /(\d+(?:\.\d+)?)分/.exec(label.text)?.[1] ?? label.points;
      points = pts ? Number(pts) : 100;
    } else if (label.kind === 'level2') {
      level2 = label.text;
      level2Points = label.points ?? '';
      if (!level1 || shift)
        level1 = LEVEL2_OF.get(label.text) ?? LEVEL2_OF.get(`${label.text}指标`) ?? level1;
    }
    filler = label.kind === 'filler';
    p += label.length;
    pieceStart = p;
  }
  if (!footer) flush(s.length);

  let lastL1 = '';
  let lastL2 = '';
  let found = 0;
  // A copy that keeps spaces between figures ("2089人 2089人 2 2"): a run of digits is one figure.
  const spaced = (s.match(/[\d%人次种个户天例亩元]\s+\d/g) ?? []).length >= 3;
  const guesses: string[] = [];
  type Piece = (typeof pieces)[number];
  const out: Array<{ r: RunRow; piece: Piece }> = [];
  /** Names printed without figures (指标24: …), waiting for figures printed after the next name. */
  let waiting: RunRow[] = [];
  pieces.forEach((piece, k) => {
    const last = k === pieces.length - 1 && !footer && body.endsText;
    const { rows: parsed, leftover } = parseRunRows(piece.text, types, {
      cap: piece.cap,
      atEnd: last,
      orphans: waiting.length > 0,
      spaced,
    });
    const named = parsed.filter((r) => r.name);
    const orphans = parsed.filter((r) => !r.name);
    // Columns as runs: the names, then their figures in the same order ("指标24:… 指标25:… 14例 … 24694人 …").
    if (orphans.length && waiting.length === orphans.length) {
      const names = [...waiting, ...named];
      const tuples = parsed.filter((r) => r.cells.some((c) => c));
      if (tuples.length === names.length) {
        const figures = tuples.map((t) => t.cells);
        names.forEach((n, j) => (n.cells = figures[j]!));
      }
    }
    waiting = [];
    for (const r of named) out.push({ r, piece });
    if (leftover && !parsed.length && (piece.filler || last)) {
      // A name whose figures could not be placed: the name alone, and it is said.
      const name = leftover.split(/\s+(?=[\d≥≤<>＞＜不])/)[0]!.replace(/\s+/g, '');
      if (name.length < leftover.replace(/\s+/g, '').length)
        guesses.push(`第 ${row([], piece.at).line} 行指标「${name}」的数字与各列对不上，未读取`);
      const r: RunRow = { name, cells: [], repaired: [], offset: 0 };
      out.push({ r, piece });
      waiting.push(r);
    }
  });
  for (const { r, piece } of out) {
    const cells = Array.from({ length: columns.length }, () => '');
    const l1 = piece.level1 !== lastL1 ? piece.level1 : '';
    const l2 = piece.level2 !== lastL2 || l1 ? piece.level2 : '';
    lastL1 = piece.level1;
    lastL2 = piece.level2;
    if (l1) cells[0] = l1;
    const l2At = columns.map(headerKey).indexOf('二级指标');
    if (l2 && l2At >= 0) cells[l2At] = l2;
    for (const [col, field] of columnFields) {
      if (field === 'level1Points' && l1) cells[col] = piece.level1Points;
      if (field === 'level2Points' && l2) cells[col] = piece.level2Points;
    }
    cells[nameAt + shift] = r.name;
    r.cells.forEach((c, j) => (cells[nameAt + shift + 1 + j] = c));
    const raw = row(cells, piece.at + r.offset);
    rows.push(raw);
    if (r.cells.some((c) => c)) found++;
    if (r.unreadable) guesses.push(`第 ${raw.line} 行指标「${r.name}」的数字连在一起，无法可靠拆开，未读取`);
    for (const fixed of r.repaired)
      guesses.push(`第 ${raw.line} 行指标「${r.name}」的「${fixed}」是按识别错误的符号改读的`);
  }
  if (found < 2) return undefined;
  if (footer) rows.push(row([footer.label, footer.figure ?? ''], footer.at));
  const table: RawTable = {
    layout: 'cell-stream',
    rows,
    firstLine: line.line,
    lastLine: lines[body.next - 1]!.line,
    guess: [
      `第 ${line.line} 行起的表格各格连写在一起，已按表样的栏目（${labels.join('、')}）拆开，请核对`,
      ...budgetNote,
      ...guesses,
      ...(body.cut ? [`表格过长，只读取了前 ${MAX_BODY} 个字符，其后的行未读取`] : []),
    ].join('；'),
  };
  const titleIn = (t: string) =>
    /([^:：。，,\s.]{2,60}?(?:自评表|评价表))(?![.．]\w)/.exec(t.replace(/^\s*\d+、/, ''));
  const title = titleIn(prefix.replace(/[ \u3000]+/g, '')) ?? [...above].reverse().map(titleIn).find(Boolean);
  if (title) table.title = { text: title[1]!, line: line.line };
  const year = /[（(](\d{4})年度?[)）]/.exec(before) ?? /(\d{4})年度/.exec(before);
  if (year) table.captionYear = Number(year[1]);
  return { table, next: Math.max(body.next, start + 1) };
}
