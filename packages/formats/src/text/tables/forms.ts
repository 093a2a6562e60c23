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
  /**
   * Labelled amounts of the form's head (计划投资额（万元） | 570) that its framework's rules read as
   * the evaluation's named inputs; each is the label as printed, without its unit.
   */
  inputs?: string[];
  budget?: FormBlock;
  tasks?: FormBlock;
  management?: FormBlock;
  indicators: FormBlock & {
    level1: FormLevel1[];
    subHeader?: string[];
    /** Each level prints its own 分值 cell (一级 | 分值 | 二级 | 分值 | …). */
    levelWeights?: boolean;
  };
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

/**
 * Two header rows read as one, by the form: each cell of the top row either stands over its own
 * column or is a group ("绩效指标" over 一级/二级/三级, "年度指标值" over 指标性质/指标值/度量单位) that
 * the next run of sub-row cells replaces. Returns the merged header when a described form's
 * indicator header (or a variant) is exactly what comes out, else undefined: a guess needs the form.
 */
export function mergeHeaderRows(top: string[], sub: string[]): string[] | undefined {
  const trimEnd = (cells: string[]) => {
    let n = cells.length;
    while (n > 0 && squeeze(cells[n - 1]!) === '') n--;
    return cells.slice(0, n);
  };
  const t = trimEnd(top);
  const s = trimEnd(sub);
  if (!t.length || !s.length || s.some((c) => squeeze(c) === '')) return undefined;
  const tk = t.map(headerKey);
  const sk = s.map(headerKey);
  for (const form of describedForms()) {
    for (const header of [form.indicators.header, ...(form.indicators.variants ?? [])]) {
      const v = header.map(headerKey);
      const out: string[] = [];
      // p: place in the form's header; i: top cell; j: sub cell. Small (≤ 12 cells): plain search.
      const match = (p: number, i: number, j: number): boolean => {
        if (p === v.length) return i === t.length && j === s.length;
        if (i === t.length) return false;
        if (v[p] === tk[i]) {
          out.push(t[i]!);
          if (match(p + 1, i + 1, j)) return true;
          out.pop();
        }
        for (let k = 1; j + k <= s.length && p + k <= v.length && v[p + k - 1] === sk[j + k - 1]; k++) {
          out.push(...s.slice(j, j + k));
          if (match(p + k, i + 1, j + k)) return true;
          out.length -= k;
        }
        return false;
      };
      if (match(0, 0, 0)) return out;
    }
  }
  return undefined;
}

const POINTS_SUFFIX = /[（(]\s*\d+(\.\d+)?\s*分\s*[)）]$/;

/**
 * The 一级 label a 二级 label stands under in every described form that lists it (成本指标 → 产出指标),
 * or undefined when no form lists it or two forms disagree: for a row whose 一级 cell is not in the
 * copy (a table that starts mid-page, a merged cell lost).
 */
export function level1OfLevel2(level2: string): string | undefined {
  const key = squeeze(level2).replace(POINTS_SUFFIX, '');
  const found = new Set<string>();
  for (const form of describedForms()) {
    for (const l1 of form.indicators.level1) {
      if (l1.level2?.some((l2) => squeeze(l2) === key)) found.add(squeeze(l1.label));
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}
