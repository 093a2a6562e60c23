import type { EvaluationDocument } from '@jixiao/core';
import { assembleDocument, type NarrativeReader } from './assemble.ts';
import { numberLines } from './lines.ts';
import { findTables } from './tables/find-tables.ts';

export interface ReadTextOptions {
  /** The prose extractor; replaceable so that table reading can be tested on its own. */
  narrative?: NarrativeReader;
}

/**
 * Reads a self-evaluation report exported as text: its tables (three layouts) become
 * evaluations, its prose adds statements and fills what the tables leave open.
 */
export function readText(text: string, file: string, options: ReadTextOptions = {}): EvaluationDocument {
  const lines = numberLines(text);
  return assembleDocument({
    file,
    tables: findTables(lines),
    lines,
    documentText: text,
    ...(options.narrative ? { narrative: options.narrative } : {}),
  });
}
