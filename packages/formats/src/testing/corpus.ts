import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { D, parseStated, type EvaluationDocument, type Indicator, type Stated } from '@jixiao/core';

/** The corpus texts copied into the repository, each with its SOURCE line. */
export const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'corpus');

/** One indicator row as printed in a corpus text; a figure left out was not printed (or was cut off). */
export interface ExpectedRow {
  name: string;
  target?: string;
  actual?: string;
  weight?: string;
  score?: string;
}

export interface ExpectedDocument {
  layout: string;
  /** Indicator rows visible in the text. */
  indicators: number;
  rows: ExpectedRow[];
  statedTotal?: string;
  weightTotal?: string;
  budget?: Partial<Record<'initialBudget' | 'adjustedBudget' | 'executed' | 'executionRate', string>>;
  /** Traditional characters: read once the file reader converts them. */
  needsConversion?: boolean;
  /** What the reader does not handle yet in this document (it is still read without crashing). */
  notYet?: string;
}

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((f) => /^\d{3}\.txt$/.test(f))
    .sort();
}

export function expectedCorpus(): Record<string, ExpectedDocument> {
  const raw = JSON.parse(readFileSync(join(corpusDir, 'expected.json'), 'utf8')) as {
    documents: Record<string, ExpectedDocument>;
  };
  return raw.documents;
}

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
/** A figure read as printed: the same number (100 and 100分 are one score), else the same text. */
const same = (stated: Stated | undefined, printed: string | undefined) => {
  if (printed === undefined) return true;
  if (!stated) return false;
  const value = parseStated(printed).value;
  if (value !== null && stated.value !== null) return new D(value).eq(stated.value);
  return squeeze(stated.raw) === squeeze(printed);
};

/** The row read for a printed row: same name, and each printed figure read as printed. */
export function rowRead(indicators: Indicator[], row: ExpectedRow): Indicator | undefined {
  return indicators.find(
    (i) =>
      squeeze(i.name) === squeeze(row.name) &&
      same(i.target, row.target) &&
      same(i.actual, row.actual) &&
      same(i.weight, row.weight) &&
      same(i.statedScore, row.score),
  );
}

export interface CorpusCheck {
  indicatorsRead: number;
  rowsMatched: number;
  budgetRows: number;
  totalFound: boolean | undefined;
  budgetMatched: boolean | undefined;
  warnings: number;
}

/** What a reading of a corpus text got right against what its text shows. */
export function checkCorpusDocument(
  doc: EvaluationDocument,
  expected: ExpectedDocument | undefined,
): CorpusCheck {
  const indicators = doc.evaluations.flatMap((e) => e.indicators);
  const budget = doc.evaluations.flatMap((e) => e.budget);
  const check: CorpusCheck = {
    indicatorsRead: indicators.length,
    rowsMatched: expected ? expected.rows.filter((r) => rowRead(indicators, r)).length : 0,
    budgetRows: budget.length,
    totalFound: undefined,
    budgetMatched: undefined,
    warnings: doc.issues.length,
  };
  if (expected?.statedTotal !== undefined) {
    check.totalFound = doc.evaluations.some(
      (e) => same(e.statedTotal, expected.statedTotal) && e.statedTotal,
    );
  }
  if (expected?.budget) {
    const want = expected.budget;
    check.budgetMatched = budget.some((l) =>
      (Object.keys(want) as Array<keyof typeof want>).every((k) => same(l[k], want[k]) && l[k] !== undefined),
    );
  }
  return check;
}
