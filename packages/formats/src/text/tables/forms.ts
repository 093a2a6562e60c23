import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { squeeze } from '../lines.ts';
import { formsDir, headerKey } from './vocabulary.ts';

/** One block of a form: its header labels in order, and the rows it prints (budget lines …). */
export interface FormBlock {
  header: string[];
  variants?: string[][];
  rows?: string[];
  points?: number;
}

export interface FormLevel1 {
  label: string;
  points?: number;
  level2?: string[];
}

/** A described form (forms/*.json): what it prints, so that a copy that lost its layout can be read. */
export interface FormDescription {
  id: string;
  name: string;
  kind: 'project' | 'department' | 'transfer';
  /** Where the form comes from and which copies it was checked against. */
  source: string;
  titles: string[];
  fields?: string[];
  budget?: FormBlock;
  tasks?: FormBlock;
  management?: FormBlock;
  indicators: FormBlock & { level1: FormLevel1[]; subHeader?: string[] };
  filler?: string[];
  footer?: string;
  after?: string[];
  notes?: string[];
}

let cache: FormDescription[] | undefined;

/** Every form described in packages/formats/forms (vocabulary.json is the shared vocabulary, not a form). */
export function describedForms(): FormDescription[] {
  cache ??= readdirSync(formsDir)
    .filter((f) => f.endsWith('.json') && f !== 'vocabulary.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(join(formsDir, f), 'utf8')) as FormDescription);
  return cache;
}

/**
 * The described form whose indicator header a table's header cells match, or undefined: every
 * label of the form's header (or of one of its variants) but its leading group label must be among
 * the table's header cells. Titles break ties (a project and a department form share a header).
 */
export function identifyForm(signature: string[], title = ''): FormDescription | undefined {
  const keys = new Set(signature.map(headerKey));
  let best: { form: FormDescription; score: number } | undefined;
  for (const form of describedForms()) {
    for (const header of [form.indicators.header, ...(form.indicators.variants ?? [])]) {
      const labels = header.map(headerKey).filter((k) => !/^(绩效指标|年度绩效指标|年度绩效目标)$/.test(k));
      if (!labels.every((l) => keys.has(l))) continue;
      const titled = form.titles.some((t) => squeeze(title).includes(t)) ? 1 : 0;
      const score = labels.length * 2 + titled;
      if (!best || score > best.score) best = { form, score };
    }
  }
  return best?.form;
}
