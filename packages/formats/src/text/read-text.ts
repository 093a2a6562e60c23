import type { EvaluationDocument, ReadIssue } from '@jixiao/core';
import { newEvaluation } from '@jixiao/core';
import { numberLines, cleanCell } from './lines.ts';
import { mergeNarrative } from './merge-narrative.ts';
import { extractNarrative } from './narrative/extract.ts';
import type { NarrativeFacts, NumberedLine } from './narrative/types.ts';
import { buildEvaluation } from './tables/build.ts';
import { findTables } from './tables/find-tables.ts';

export interface ReadTextOptions {
  /** The prose extractor; replaceable so that table reading can be tested on its own. */
  narrative?: (lines: NumberedLine[], file: string) => NarrativeFacts;
}

/** The report's own title: an early line naming a 自评报告 / 评价报告. */
function reportTitleOf(lines: NumberedLine[]): string | undefined {
  const early = lines.filter((l) => cleanCell(l.text) !== '').slice(0, 15);
  const hit = early.find((l) => /(自评|评价)报告/.test(l.text) && cleanCell(l.text).length <= 60);
  return hit ? cleanCell(hit.text).replace(/\s+/g, '') : undefined;
}

/**
 * Reads a self-evaluation report exported as text: its tables (three layouts) become
 * evaluations, its prose adds statements and fills what the tables leave open.
 */
export function readText(text: string, file: string, options: ReadTextOptions = {}): EvaluationDocument {
  const lines = numberLines(text);
  const issues: ReadIssue[] = [];
  const doc: EvaluationDocument = { file, evaluations: [], statements: [], issues };
  const breakdown = [];
  for (const table of findTables(lines)) {
    try {
      const reading = buildEvaluation(table, {
        id: `eval-${doc.evaluations.length + 1}`,
        file,
        documentText: text,
        issues,
      });
      if (reading.unrecognised) {
        issues.push({
          severity: 'warning',
          message: `第 ${table.firstLine}–${table.lastLine} 行像是表格，但没有认出表头或栏目名称，未读取`,
          source: { file, line: table.firstLine, endLine: table.lastLine },
        });
      } else if (reading.breakdownOnly) breakdown.push(reading.evaluation);
      else doc.evaluations.push(reading.evaluation);
    } catch (error) {
      issues.push({
        severity: 'error',
        message: `第 ${table.firstLine} 行起的表格无法读取（${(error as Error).message}），已跳过`,
        source: { file, line: table.firstLine },
      });
    }
  }
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
    facts = (options.narrative ?? extractNarrative)(lines, file);
  } catch (error) {
    issues.push({
      severity: 'warning',
      message: `正文无法读取（${(error as Error).message}），只读取了表格`,
    });
  }
  if (facts) mergeNarrative(doc, facts, reportTitle);
  if (!doc.evaluations.length && !doc.statements.length) {
    issues.push({
      severity: 'warning',
      message: `${file}：没有找到自评表，也没有读到正文中的数字`,
      source: { file },
    });
  }
  return doc;
}
