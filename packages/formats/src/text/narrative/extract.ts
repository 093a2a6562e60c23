import type { NarrativeFacts, NumberedLine } from './types.ts';

/** Reads the prose of a report. (Placeholder until the narrative extractor lands.) */
export function extractNarrative(_lines: NumberedLine[], _file: string): NarrativeFacts {
  return {
    statements: [],
    categoryScores: [],
    indicatorCounts: [],
    monitoring: [],
    unmetExplanations: [],
    statedTotals: [],
    statedGrades: [],
  };
}
