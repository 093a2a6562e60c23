import type { EvaluationDocument, ReadIssue } from '@jixiao/core';
import { newEvaluation } from '@jixiao/core';
import { cleanCell } from './lines.ts';
import { mergeNarrative } from './merge-narrative.ts';
import { extractNarrative } from './narrative/extract.ts';
import type { NarrativeFacts, NumberedLine } from './narrative/types.ts';
import { buildEvaluation } from './tables/build.ts';
import { readFormInputs } from './tables/form-inputs.ts';
import type { RawTable } from './tables/types.ts';

/** The prose extractor; replaceable so that table reading can be tested on its own. */
export type NarrativeReader = (lines: NumberedLine[], file: string) => NarrativeFacts;

/** What every reader hands over: the tables it found and the prose around them. */
export interface DocumentParts {
  file: string;
  tables: RawTable[];
  /** The prose as numbered lines (a text file's lines; an HTML or Word paragraph each). */
  lines: NumberedLine[];
  /** The whole document as text, to tell a cell cut by a page break from a real name. */
  documentText: string;
  narrative?: NarrativeReader;
  /** Rewrites the prose's provenance (Word: the line numbers given are paragraph numbers). */
  relocateNarrative?: (facts: NarrativeFacts) => void;
}

/**
 * A line that keeps two paragraphs apart: the prose reader joins lines a page break split unless
 * something that is not prose stands between them, and an HTML or Word paragraph is never split.
 */
export const PARAGRAPH_BREAK = '-';

/** The report's own title: an early line naming a 自评报告 / 评价报告. */
function reportTitleOf(lines: NumberedLine[]): string | undefined {
  const early = lines.filter((l) => cleanCell(l.text) !== '' && l.text !== PARAGRAPH_BREAK).slice(0, 15);
  const hit = early.find((l) => /(自评|评价)报告/.test(l.text) && cleanCell(l.text).length <= 60);
  return hit ? cleanCell(hit.text).replace(/\s+/g, '') : undefined;
}

/** "第 12–40 行" for a table of a text file; its place ("第 2 个表格") for a grid. */
function whereIs(table: RawTable): { from: string; span: string } {
  if (table.layout === 'grid') {
    const place = table.place ?? `表格「${table.title?.text ?? '未命名表格'}」`;
    return { from: place, span: place };
  }
  return { from: `第 ${table.firstLine} 行起的表格`, span: `第 ${table.firstLine}–${table.lastLine} 行` };
}

function tableSource(file: string, table: RawTable): ReadIssue['source'] {
  if (table.layout !== 'grid') return { file, line: table.firstLine, endLine: table.lastLine };
  const source: NonNullable<ReadIssue['source']> = { file };
  if (table.firstLine) source.line = table.firstLine;
  if (table.title) source.table = table.title.text;
  return source;
}

/**
 * Turns located tables and prose into one document: each table becomes an evaluation (fund-flow
 * tables join the department's), the prose adds statements and fills what the tables leave open.
 * Shared by the text, HTML and Word readers so that all three interpret a form the same way.
 */
export function assembleDocument(parts: DocumentParts): EvaluationDocument {
  const { file, tables, lines, documentText } = parts;
  const issues: ReadIssue[] = [];
  const doc: EvaluationDocument = { file, evaluations: [], statements: [], issues };
  const breakdown = [];
  for (const table of tables) {
    try {
      const reading = buildEvaluation(table, {
        id: `eval-${doc.evaluations.length + 1}`,
        file,
        documentText,
        issues,
      });
      if (reading.unrecognised) {
        issues.push({
          severity: 'warning',
          code: 'table-unrecognised',
          message: `${whereIs(table).span}像是表格，但没有认出表头或栏目名称，未读取`,
          source: tableSource(file, table),
        });
      } else if (reading.breakdownOnly) breakdown.push(reading.evaluation);
      else doc.evaluations.push(reading.evaluation);
    } catch {
      // A fault of the reader, not of the file: the message says where, never the exception's text.
      const source = tableSource(file, table);
      if (source && table.layout !== 'grid') delete source.endLine;
      issues.push({
        severity: 'error',
        code: 'table-unreadable',
        message: `${whereIs(table).from}的排列无法辨认，这张表未读取，文件其余部分照常读取`,
        source,
      });
    }
  }
  // The form's head amounts its framework reads (计划投资额, 实际到位资金), wherever the copy put them.
  readFormInputs(doc.evaluations, lines, file, issues);
  const reportTitle = reportTitleOf(lines);
  if (breakdown.length) {
    let department = doc.evaluations.find((e) => e.kind === 'department');
    if (!department) {
      department = newEvaluation({
        id: `eval-${doc.evaluations.length + 1}`,
        title: reportTitle ?? '部门整体支出绩效自评报告',
        kind: 'department',
      });
      doc.evaluations.push(department);
    }
    for (const b of breakdown) {
      department.budget.push(...b.budget);
      department.formSignature.push(...b.formSignature.filter((s) => !department.formSignature.includes(s)));
    }
  }
  let facts: NarrativeFacts | undefined;
  try {
    facts = (parts.narrative ?? extractNarrative)(lines, file);
    parts.relocateNarrative?.(facts);
  } catch {
    issues.push({
      severity: 'warning',
      code: 'narrative-unreadable',
      message: `${file} 的正文无法辨认，只读取了表格`,
      source: { file },
    });
  }
  if (facts) mergeNarrative(doc, facts, reportTitle);
  if (!doc.evaluations.length && !doc.statements.length) {
    issues.push({
      severity: 'warning',
      code: 'nothing-read',
      message: `${file}：没有找到自评表，也没有读到正文中的数字`,
      source: { file },
    });
  }
  return doc;
}
