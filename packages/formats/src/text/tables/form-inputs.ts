import { parseStated, type Evaluation, type ReadIssue } from '@jixiao/core';
import { cleanCell } from '../lines.ts';
import type { NumberedLine } from '../narrative/types.ts';
import { identifyForm } from './forms.ts';
import { headerKey } from './vocabulary.ts';

interface Cell {
  text: string;
  line: number;
}

/** Every non-blank cell of the text in reading order: a line is a cell, or its cells between | or tabs. */
function cellsOf(lines: NumberedLine[]): Cell[] {
  const out: Cell[] = [];
  for (const l of lines) {
    for (const part of l.text.split(/[|｜\t]/)) {
      const text = cleanCell(part);
      if (text) out.push({ text, line: l.line });
    }
  }
  return out;
}

/** "（万元）" on a cell of its own: the unit of the label before it, split off by the copy. */
const UNIT_ONLY = /^[（(](万元|元)[)）]$/;

/**
 * The form's labelled head amounts (计划投资额 / 实际到位资金 of the 决策/管理/绩效 form) into the
 * named inputs of each evaluation read as that form: the cell after the label (a unit split off
 * onto a cell of its own is re-joined to the label). The head block often stands apart from the
 * indicator table (一、项目基本情况 before 二、绩效评价指标评分), so it is looked for in the whole
 * text, nearest before the evaluation's first indicator. A label with no figure after it is said.
 */
export function readFormInputs(
  evaluations: Evaluation[],
  lines: NumberedLine[],
  file: string,
  issues: ReadIssue[],
): void {
  let cells: Cell[] | undefined;
  for (const ev of evaluations) {
    const labels = identifyForm(ev.formSignature, ev.title)?.inputs;
    if (!labels?.length) continue;
    cells ??= cellsOf(lines);
    const before = ev.indicators[0]?.source?.line ?? Infinity;
    for (const label of labels) {
      if (ev.inputs[label]) continue;
      const key = headerKey(label);
      let found: { value: Cell; label: Cell } | undefined;
      let bare: Cell | undefined;
      for (let i = 0; i < cells.length && cells[i]!.line < before; i++) {
        if (headerKey(cells[i]!.text) !== key) continue;
        let j = i + 1;
        if (cells[j] && UNIT_ONLY.test(cells[j]!.text.replace(/\s+/g, ''))) j++;
        const value = cells[j];
        if (value && parseStated(value.text).value !== null) found = { value, label: cells[i]! };
        else bare ??= cells[i];
      }
      if (found) {
        ev.inputs[label] = parseStated(found.value.text, {
          file,
          line: found.value.line,
          column: label,
        });
      } else if (bare) {
        issues.push({
          severity: 'warning',
          code: 'input-unread',
          message: `第 ${bare.line} 行：「${label}」后面没有读到金额，到位率等按它计算的项目无法核对`,
          source: { file, line: bare.line },
        });
      }
    }
  }
}
