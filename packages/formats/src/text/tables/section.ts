import type { SectionKind } from './columns.ts';
import { VOCABULARY, type ColumnType } from './vocabulary.ts';
import type { RawCell, RawRow } from './types.ts';

/** An open section of a form: its header and what the rows so far have established. */
export interface Section {
  kind: SectionKind;
  headers: string[];
  columns: Map<number, string>;
  headerRow: RawRow;
  /** Data rows read so far in this section (none yet: the next header row may extend this one). */
  dataRows: number;
  /** Cells of the previous data row, to line up a shifted row. */
  previous?: RawCell[];
  /** 一级 / 二级 carried down merged cells ("same as above"). */
  level1?: string;
  level2?: string;
  /** Index in evaluation.indicators where the current 二级 group began. */
  level2Start?: number;
  /** Budget: the group a "1、资金来源：" prefix opened. */
  group?: 'source' | 'nature';
  /** Budget: label/value pairs under 按收入性质分 / 按支出性质分. */
  pairRoles?: Array<'source' | 'nature'>;
  pairFirstColumn?: number;
}

/** The field and cell type of each header column, for placing a row's cells by their content. */
export function columnTypes(section: Section): {
  types: Array<ColumnType | undefined>;
  fields: Array<string | undefined>;
} {
  const words = VOCABULARY[section.kind];
  const fields = section.headers.map((_, col) => section.columns.get(col));
  const types = fields.map((f) => (f ? words.find((w) => w.field === f)?.type : undefined));
  // The unnamed first column of a budget section holds the row's label (年度资金总额, 其中：…).
  if (section.kind === 'budget' && types[0] === undefined) types[0] = 'label';
  return { types, fields };
}

export function columnOf(section: Section, field: string): number | undefined {
  for (const [col, f] of section.columns) if (f === field) return col;
  return undefined;
}
