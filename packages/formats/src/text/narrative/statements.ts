import type { NarrativeStatement, Stated } from '@jixiao/core';
import { findFigures, type Figure } from './figures.ts';
import { lineAt, type Paragraph } from './paragraphs.ts';
import { qualifiersOf } from './qualifiers.ts';
import {
  CHANGE_END,
  CHANGE_START,
  GENERIC_SUBJECT,
  clauseEnd,
  clauseStart,
  cleanLabel,
  cleanSubject,
  shareDenominator,
} from './subject.ts';

/** Where the reader is in the document when a paragraph starts. */
export interface ParagraphContext {
  /** Project or section the paragraph is about, when known. */
  about: string | undefined;
  /** Last heading seen, cleaned ("投入管理指标"), for figures whose subject is only "该项得分". */
  heading: string | undefined;
}

/** A change of subject inside a paragraph: "案件代理专项预算项目绩效自评得分为100分，…" */
export interface AboutSwitch {
  at: number;
  about: string | undefined;
}

export interface ParagraphStatements {
  statements: NarrativeStatement[];
  /** Statements that state an overall self-score (部门整体 or a project's), in order. */
  totals: NarrativeStatement[];
  switches: AboutSwitch[];
  /** Where each statement's figure starts in the paragraph. */
  offsets: number[];
}

interface Sentence {
  start: number;
  end: number;
}

/**
 * A sentence longer than this is text that lost its full stops (a table flattened into prose, a
 * run-on copy): it is cut at its last comma or semicolon before the limit. Every figure looks back
 * to the start of its sentence, so an unbounded sentence made reading quadratic (a 360 KB text
 * without 。 took 28 s); no real sentence of a report runs this long.
 */
export const MAX_SENTENCE = 600;
const SENTENCE_END = new Set(['。', '！', '？', '!', '?']);
const CLAUSE_BREAK = new Set(['，', ',', '；', ';']);

function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let lastComma = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (SENTENCE_END.has(ch)) {
      out.push({ start, end: i + 1 });
      start = i + 1;
      lastComma = -1;
    } else if (CLAUSE_BREAK.has(ch)) lastComma = i;
    else if (i - start >= MAX_SENTENCE) {
      const end = lastComma > start ? lastComma + 1 : i;
      out.push({ start, end });
      start = end;
      lastComma = -1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** The last ；/; at or before `from` within the sentence (from `floor`), else floor − 1. */
function lastSemicolon(text: string, from: number, floor: number): number {
  for (let i = from; i >= floor; i--) if (text[i] === '；' || text[i] === ';') return i;
  return floor - 1;
}

const TOTAL = /(?:自评|评价|绩效)得分$/;
const TOTAL_NAME = /(?:专项预算项目|预算项目|专项项目|项目)?(?:支出)?(?:绩效)?(?:自评|评价)?得分$/;

/** "—人民监督员专项业务培训(全年目标值:>=1期)…" → 人民监督员专项业务培训 */
export function dashIndicator(text: string): string | undefined {
  const m = /^[—–-]+([^（(]+)[（(]/.exec(text);
  return m ? m[1]! : undefined;
}

function sentenceLabel(text: string, s: Sentence): string | undefined {
  const body = text.slice(s.start, s.end);
  const m = /^([^，,。；;：:\d]{2,20})[：:]/.exec(body);
  return m ? cleanLabel(m[1]!) || undefined : undefined;
}

/** Reads every figure of one paragraph into a statement. */
export function paragraphStatements(p: Paragraph, file: string, ctx: ParagraphContext): ParagraphStatements {
  const text = p.text;
  const figures = findFigures(text);
  const sentences = sentencesOf(text);
  const statements: NarrativeStatement[] = [];
  const totals: NarrativeStatement[] = [];
  const switches: AboutSwitch[] = [];
  const offsets: number[] = [];
  const indicator = p.level === 5 ? dashIndicator(text) : undefined;
  let lastBase: NarrativeStatement | undefined;

  let si = 0;
  let sentenceFirst = 0;
  for (let k = 0; k < figures.length; k++) {
    const f = figures[k]!;
    while (si < sentences.length - 1 && f.start >= sentences[si]!.end) {
      si++;
      sentenceFirst = statements.length;
    }
    const s = sentences[si]!;
    const inSentence = statements.slice(sentenceFirst);
    const prevFig: Figure | undefined = inSentence.length ? figures[k - 1] : undefined;
    const floor = Math.max(s.start, prevFig?.end ?? s.start);
    const cs = clauseStart(text, f.start, floor);
    const rawSeg = text.slice(cs, f.start);
    let subject = cleanSubject(rawSeg);
    const prevStatement = inSentence[inSentence.length - 1];
    if (!subject && rawSeg === '' && prevFig && prevFig.end === f.start && prevStatement) {
      subject = prevStatement.subject;
    }
    // "设13个内设机构", "全区141名矫正对象无托管漏管现象": a measure word, and the noun follows it
    const counted = MEASURE.test(f.value.unit ?? '') && /[\p{Script=Han}“]/u.test(text[f.end] ?? '');
    if (counted || !subject || /^(?:对|为|向|在|包括|含)$|[区州市县省]$/.test(subject)) {
      const following = nounAfter(text, f.end, !!subject);
      if (following.length >= 2 || !subject) subject = following || subject;
    }
    if (!subject && cs > floor) {
      const cs2 = clauseStart(text, cs - 1, floor);
      subject = cleanSubject(text.slice(cs2, cs - 1));
    }
    if (!subject && prevStatement) subject = prevStatement.subject;

    const isChange = CHANGE_START.test(subject) || CHANGE_END.test(subject);
    let numerator: string | undefined;
    let denominator: string | undefined;
    if (subject.startsWith('占') && f.value.percent) {
      const whole = [...inSentence].reverse().find((x) => !x.value.percent);
      numerator = whole?.subject;
      denominator = shareDenominator(subject);
      if (!denominator) {
        const at = text.lastIndexOf('其中', f.start);
        const before = at >= s.start ? inSentence.filter((_x, j) => offsets[sentenceFirst + j]! < at) : [];
        denominator = before.filter((x) => !x.value.percent).pop()?.subject;
      }
      subject = `${numerator ?? ''}占${shareDenominator(subject) || '比'}`;
    } else if (CHANGE_START.test(subject) && changeBase(lastBase, inSentence, prevStatement)) {
      subject = `${changeBase(lastBase, inSentence, prevStatement)}${subject}`;
    } else if (/该项(?!目)/.test(subject)) {
      subject = subject.slice(subject.search(/该项(?!目)/));
      const before = text.slice(s.start, f.start);
      const named = [...before.matchAll(/([\p{Script=Han}]{2,8})指标/gu)]
        .map((m) => m[1]!.replace(/^.*(?:各项|所有|全部|因此|其中)/, ''))
        .filter((x) => x.length >= 2)
        .pop();
      const prior = [...statements].reverse().find((x) => x.value.unit !== '分');
      const who = named ?? prior?.subject ?? sentenceLabel(text, s) ?? ctx.heading ?? '';
      subject = `${who}${subject.slice(2)}`;
    } else if (GENERIC_SUBJECT.test(subject) || subject === '') {
      const label = indicator ?? sentenceLabel(text, s);
      if (label) subject = `${label}${subject}`;
    }

    const partStart = lastSemicolon(text, f.start - 1, s.start) + 1;
    const qualifiers = qualifiersOf(
      text.slice(partStart, f.start),
      text.slice(clauseStart(text, f.start, s.start), f.start),
    );
    if (isChange && prevStatement) {
      for (const q of prevStatement.qualifiers) {
        if ((q === '较上年' || q === '同比') && !qualifiers.includes(q)) qualifiers.push(q);
      }
    }

    const source = { file, line: lineAt(p, f.start) };
    const value: Stated = { ...f.value, source };
    const statement: NarrativeStatement = {
      subject,
      qualifiers,
      value,
      text: text.slice(s.start, s.end).trim(),
      source,
    };
    if (numerator) statement.numerator = numerator;
    if (denominator) statement.denominator = denominator;

    if (value.unit === '分' && TOTAL.test(subject) && !/指标|该项/.test(subject)) {
      const name = subject.replace(TOTAL_NAME, '');
      if (/部门|整体|单位/.test(name)) switches.push({ at: f.start, about: undefined });
      else if (name) switches.push({ at: f.start, about: name });
      totals.push(statement);
    }
    const about = aboutAt(switches, f.start, ctx.about);
    if (about) statement.about = about;
    statements.push(statement);
    offsets.push(f.start);
    if (!f.value.percent && !isChange) lastBase = statement;
  }
  return { statements, totals, switches, offsets };
}

const MEASURE = /^(?:个|名|家|所|条|项|位|支|座|辆|台|套|人)$/;
const VERB_AFTER = /无|未|已|均|都|全面|正在|积极|按|在|向|参加|参训|开展|进行|实现|完成|建立|成立|并/;

/** The noun phrase right after a figure, up to the first verb or adverb: "内设机构", "矫正对象". */
function nounAfter(text: string, from: number, strict: boolean): string {
  const tail = text.slice(from, clauseEnd(text, from)).replace(/\d.*$/, '');
  const stop = tail.search(VERB_AFTER);
  // "160余人参加研讨": a verb, not a noun, follows
  if (strict && stop === 0) return '';
  return cleanSubject(stop >= 2 ? tail.slice(0, stop) : tail).replace(/[和及与]$/, '');
}

/** What a bare "下降21.61%" is a change of: the sentence's last plain figure, or the change before it. */
function changeBase(
  lastBase: NarrativeStatement | undefined,
  inSentence: NarrativeStatement[],
  prev: NarrativeStatement | undefined,
): string | undefined {
  if (lastBase && inSentence.includes(lastBase)) return lastBase.subject;
  if (prev && CHANGE_END.test(prev.subject)) return prev.subject.replace(CHANGE_END, '') || undefined;
  return undefined;
}

export function aboutAt(
  switches: AboutSwitch[],
  at: number,
  fallback: string | undefined,
): string | undefined {
  let about = fallback;
  for (const s of switches) if (s.at <= at) about = s.about;
  return about;
}
