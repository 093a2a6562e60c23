import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { squeeze } from '../lines.ts';

/** The sections a form is made of, each announced by its own header row. */
export type SectionKind = 'budget' | 'tasks' | 'indicators' | 'summary' | 'fund-flows';

/** What a cell under a column holds: the aligner places cells by it when separators were lost. */
export type ColumnType =
  | 'label'
  | 'level1'
  | 'level2'
  | 'name'
  | 'direction'
  | 'value'
  | 'unit'
  | 'amount'
  | 'rate'
  | 'weight'
  | 'score'
  | 'text';

export interface ColumnWord {
  field: string;
  type: ColumnType;
  labels: string[];
  patterns: RegExp[];
}

interface VocabularyFile {
  sections: Record<
    SectionKind,
    Array<{ field: string; type: ColumnType; labels: string[]; patterns: string[] }>
  >;
  level1: string[];
  level2: string[];
  footer: string[];
  filler: string[];
  headerSuffix: string;
}

/** packages/formats/forms: the shared vocabulary and one file per described form. */
export const formsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'forms');

const file = JSON.parse(readFileSync(join(formsDir, 'vocabulary.json'), 'utf8')) as VocabularyFile;

const SUFFIX = new RegExp(file.headerSuffix);

/** Header text as matched: no whitespace, no unit or (A)/(B) mark ("全年预算数（万元）" → "全年预算数"). */
export function headerKey(text: string): string {
  let key = squeeze(text);
  for (let k = 0; k < 2 && SUFFIX.test(key); k++) key = key.replace(SUFFIX, '');
  return key;
}

export const VOCABULARY: Record<SectionKind, ColumnWord[]> = Object.fromEntries(
  Object.entries(file.sections).map(([kind, words]) => [
    kind,
    words.map((w) => ({
      ...w,
      labels: w.labels.map(headerKey),
      patterns: w.patterns.map((p) => new RegExp(p)),
    })),
  ]),
) as Record<SectionKind, ColumnWord[]>;

export function wordMatches(word: ColumnWord, key: string): boolean {
  return word.labels.includes(key) || word.patterns.some((p) => p.test(key));
}

/** The header labels of a section's vocabulary that name a field ("指标值", "年初目标值" … for target). */
export function labelsOf(kind: SectionKind, field: string): string[] {
  return VOCABULARY[kind].find((w) => w.field === field)?.labels ?? [];
}

const LEVEL1 = new Set(file.level1);
const LEVEL2 = new Set(file.level2);
const FILLER = file.filler.map((p) => new RegExp(p));
const FOOTER = new Set(file.footer);

/** Every 一级 and 二级 label of the described forms, longest first (to cut them out of fused text). */
export const LEVEL_LABELS: string[] = [...LEVEL1, ...LEVEL2].sort((a, b) => b.length - a.length);
/** 合计, 总分 …: the footer labels of the described forms. */
export const FOOTER_LABELS: string[] = [...FOOTER];

/** 产出指标, 效益指标 … (with or without its points): a 一级 label of a described form. */
export function isLevel1Label(text: string): boolean {
  return LEVEL1.has(squeeze(text).replace(/[（(]\d+(\.\d+)?分[)）]$/, ''));
}

/** 数量指标, 社会效益指标 …: a 二级 label of a described form. */
export function isLevel2Label(text: string): boolean {
  return LEVEL2.has(squeeze(text).replace(/[（(]\d+(\.\d+)?分[)）]$/, ''));
}

/** 指标1, ……: a row the form prints for the user to fill, not an indicator. */
export function isFillerLabel(text: string): boolean {
  const t = squeeze(text);
  return FILLER.some((p) => p.test(t));
}

/** 合计 / 总分: the footer that closes a form's indicator table. */
export function isFooterLabel(text: string): boolean {
  return FOOTER.has(squeeze(text).replace(/[:：]$/, ''));
}
