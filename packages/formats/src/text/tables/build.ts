import { newEvaluation, parseStated, type Evaluation, type ReadIssue } from '@jixiao/core';
import { squeeze } from '../lines.ts';
import { documentLines, endsAfter, squeezedDocument } from '../document-text.ts';
import { linkTasks, readBudgetRow, readTaskRow } from './budget.ts';
import { mapColumns, sectionOf, type SectionKind } from './columns.ts';
import { warn, type TableContext } from './context.ts';
import { readFundFlows } from './fund-flows.ts';
import { fusedBudget } from './run-together.ts';
import { readIndicatorRow } from './indicators.ts';
import { readBelow, readKeyRow, type PendingBelow } from './keys.ts';
import type { Section } from './section.ts';
import { readSummaryRow } from './summary.ts';
import { describedForms, identifyForm, mergeHeaderRows, type FormDescription } from './forms.ts';
import { isFooterLabel, isLevel1Label, isLevel2Label } from './vocabulary.ts';
import { lostCells, type RawRow, type RawTable } from './types.ts';

export interface TableReading {
  evaluation: Evaluation;
  /** A table of fund flows only (表2:项目收支情况表): lines for the document's department evaluation. */
  breakdownOnly: boolean;
  /** No header and no labelled cell recognised: nothing was read from it. */
  unrecognised?: boolean;
}

const LEVEL_ONLY = /^(一级指标|二级指标|三级指标)$/;

function openSection(kind: SectionKind, row: RawRow): Section {
  const headers = row.cells.map((c) => c.text);
  return { kind, headers, columns: mapColumns(kind, headers), headerRow: row, dataRows: 0 };
}

/**
 * A second header row under the first: "一级指标 | 二级指标 | 三级指标" under "绩效指标", which
 * spanned those three columns.
 */
function extendHeader(section: Section, row: RawRow): boolean {
  const sub = row.cells.map((c) => c.text);
  const filled = sub.filter(Boolean);
  if (section.dataRows > 0 || !filled.length) return false;
  // "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位" under "绩效指标 | 年度指标值 | …": by the form.
  const merged = mergeHeaderRows(section.headers, sub);
  if (merged) {
    section.headers = merged;
    section.columns = mapColumns(section.kind, merged);
    return true;
  }
  if (!filled.every((t) => LEVEL_ONLY.test(squeeze(t)))) return false;
  const k = sub.findIndex((t) => !t);
  const lead = k < 0 ? sub.length : k;
  if (sub.length !== section.headers.length - 1 + lead) return false;
  const headers = [...sub.slice(0, lead), ...section.headers.slice(1)];
  section.headers = headers;
  section.columns = mapColumns(section.kind, headers);
  return true;
}

/**
 * What names a table printed without a title: the project its 项目名称 cell names, else the
 * heading just above it in the text (a project name, "（三）卫片执法补助经费"), so that several
 * untitled tables of one document are told apart by their project rather than all 未命名表格.
 */
function contextName(table: RawTable, documentText: string): string | undefined {
  for (const row of table.rows) {
    // A header row (序号 | 项目名称 | 全年预算数 …) names columns, not a project.
    if (sectionOf(row.cells.map((c) => c.text))) continue;
    const k = row.cells.findIndex((c) => squeeze(c.text) === '项目名称');
    const name = k >= 0 ? row.cells.slice(k + 1).find((c) => c.text.trim() !== '')?.text : undefined;
    if (name && squeeze(name).length <= 60) return squeeze(name);
  }
  if (table.layout === 'grid' || !table.firstLine) return undefined;
  const lines = documentLines(documentText);
  // Up to three non-blank lines back: a short line that is neither prose (。；) nor an address.
  for (let i = table.firstLine - 2, seen = 0; i >= 0 && seen < 3; i--) {
    const text = squeeze(lines[i] ?? '');
    if (!text) continue;
    seen++;
    if (/[。；;]|https?:|www\./i.test(text) || text.length > 40 || text.length < 4) continue;
    const heading = text
      .replace(/^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])/, '')
      .replace(/[：:]$/, '');
    if (/[\u4e00-\u9fff]{4}/.test(heading)) return heading;
  }
  return undefined;
}

/**
 * A table whose first rows are indicator rows, its header on a page the copy does not have (a page
 * that starts mid-table): rows with a 二级 label, or a sign and a figure, before any header.
 */
function startsMidTable(ctx: TableContext, texts: string[]): boolean {
  if (!lostCells(ctx.table.layout)) return false;
  const filled = texts.filter(Boolean);
  if (filled.length < 3) return false;
  return (
    filled.some((t) => isLevel2Label(t) || isLevel1Label(t)) ||
    filled.some((t) => /^(≥|≤|=|＝|﹦|定性)$/.test(t))
  );
}

/** The column order of the form the document names (its title), for rows that come without a header. */
function midTableSection(
  ctx: TableContext,
  row: RawRow,
): { section: Section; form: FormDescription } | undefined {
  const text = squeezedDocument(ctx.documentText);
  const named = describedForms()
    .flatMap((form) => form.titles.filter((t) => text.includes(t)).map((t) => ({ form, length: t.length })))
    .sort((a, b) => b.length - a.length)[0]?.form;
  if (!named) return undefined;
  const header: RawRow = {
    cells: named.indicators.header.map((t) => ({ text: t, line: row.line })),
    line: row.line,
    afterBreak: false,
  };
  ctx.issues.push({
    severity: 'warning',
    code: 'table-starts-mid',
    message: `第 ${row.line} 行起的表格从中间开始（表头在复制内容之前的页上），各列按文中「${named.name}」的表样读取，请核对`,
    source: { file: ctx.file, line: row.line, table: ctx.tableTitle },
  });
  return { section: openSection('indicators', header), form: named };
}

/**
 * A cell that holds a whole form run together (a site's 内容概述 cell, corpus 040: "资金投入情况(万元)
 * 全年预算数(A)全年执行数(B)预算执行率(B/A×100%)年度资金总额:1484631.00%…"): its budget header and
 * first row, split where 执行数 ÷ 预算数 gives the printed 执行率, are read as a budget line and said.
 * Only when no section is open: a cell of a table being read is that table's.
 */
function readFusedCell(ctx: TableContext, row: RawRow): boolean {
  for (const cell of row.cells) {
    const text = squeeze(cell.text);
    if (text.length < 30) continue;
    const fused = fusedBudget(text);
    if (!fused) continue;
    const cells = (texts: string[]) => texts.map((t) => ({ text: t, line: cell.line ?? row.line }));
    const header: RawRow = { cells: cells(fused.header), line: row.line, afterBreak: false };
    const section = openSection('budget', header);
    // The figures' place is the row of the cell that holds them.
    const index = row.index ?? ctx.table.rows.indexOf(row) + 1;
    readBudgetRow(ctx, section, { cells: cells(fused.row), line: row.line, index, afterBreak: false });
    const [label, ...figures] = fused.row;
    const named = fused.header
      .slice(1)
      .map((h, i) => `${h} ${figures[i] ?? ''}`)
      .join('、');
    warn(
      ctx,
      row,
      `一格里是整张表连写在一起的文字，按执行数 ÷ 预算数 = 执行率拆开，读出「${label!.replace(/[:：]$/, '')}」的${named}${fused.note ? `（${fused.note}）` : ''}，请核对`,
      'cells-fused',
    );
    return true;
  }
  return false;
}

function kindOf(
  ev: Evaluation,
  sections: Set<SectionKind>,
  form: FormDescription | undefined,
): Evaluation['kind'] {
  if (sections.has('summary') || /汇总表/.test(ev.title)) return 'summary';
  // A table read by the form the document names (its header not in the copy) is of that form's kind.
  if (form) return form.kind === 'department' ? 'department' : 'project';
  if (ev.projectName || (/项目支出|项目绩效/.test(ev.title) && !/整体/.test(ev.title))) return 'project';
  return 'department';
}

/** Reads one located table into an evaluation. */
export function buildEvaluation(
  table: RawTable,
  opts: { id: string; file: string; documentText: string; issues: ReadIssue[] },
): TableReading {
  const title = table.title?.text ?? contextName(table, opts.documentText) ?? '未命名表格';
  const evaluation = newEvaluation({ id: opts.id, title, kind: 'department' });
  if (table.captionYear !== undefined) evaluation.year = table.captionYear;
  if (table.title) {
    evaluation.source = { file: opts.file };
    if (table.title.line) evaluation.source.line = table.title.line;
    if (table.title.paragraph) evaluation.source.paragraph = table.title.paragraph;
    evaluation.source.table = title;
    evaluation.formSignature.push(squeeze(title));
  }
  if (table.guess)
    opts.issues.push({
      severity: 'warning',
      code: 'cells-fused',
      message: table.guess,
      source: { file: opts.file, line: table.firstLine, table: title },
    });
  const ctx: TableContext = {
    file: opts.file,
    table,
    tableTitle: title,
    evaluation,
    issues: opts.issues,
    documentText: opts.documentText,
  };
  // Classified by what its header says, whatever the line shape: a 项目收支情况表 of fund flows
  // becomes lines of the department's budget; anything else is read section by section.
  const firstRow = table.rows.find((r) => r.cells.some((c) => c.text !== ''));
  if (firstRow && sectionOf(firstRow.cells.map((c) => c.text)) === 'fund-flows') {
    evaluation.budget.push(...readFundFlows(ctx));
    return { evaluation, breakdownOnly: true };
  }
  const seen = new Set<SectionKind>();
  let section: Section | undefined;
  let pending: PendingBelow[] = [];
  let keyRows = 0;
  let footer = false;
  let lastIndicatorRow: RawRow | undefined;
  /** The form the document names, when the table's header is not in the copy. */
  let namedForm: FormDescription | undefined;
  for (const row of table.rows) {
    const lead = row.cells.find((c) => c.text !== '')?.text ?? '';
    if (section?.kind === 'indicators' && isFooterLabel(lead.replace(/[（(].*$/, ''))) {
      footer = true;
      const figures = row.cells.filter((c) => c.text !== '' && parseStated(c.text).value !== null).length;
      // "总分 | … | 100 | 98" under the columns is the totals row, not a labelled 总分 cell.
      if (figures >= 2 && !lostCells(table.layout)) {
        readIndicatorRow(ctx, section, row);
        continue;
      }
      // Rows after the footer (评价结论, 偏差原因 …) are not indicators, in any copy that lost its lines.
      if (lostCells(table.layout)) {
        // 总分 | 100 is a labelled cell; 合计 | 100 | 98 a total row under the columns.
        if (figures >= 2 || !readKeyRow(ctx, row)) readIndicatorRow(ctx, section, row);
        section = undefined;
        continue;
      }
    }
    if (section?.kind === 'indicators') lastIndicatorRow = row;
    const texts = row.cells.map((c) => c.text);
    const kind = texts.every((t) => t === '') ? undefined : sectionOf(texts);
    if (pending.length) {
      const below = pending;
      pending = [];
      // A label left blank on the form (项目实施内容 with nothing under it) is followed by the next block.
      if (!kind) {
        readBelow(ctx, row, below);
        continue;
      }
    }
    if (texts.every((t) => t === '')) continue;
    if (kind) {
      evaluation.formSignature.push(...texts.map(squeeze).filter(Boolean));
      if (section && section.kind === kind && kind === 'indicators' && extendHeader(section, row)) continue;
      section = openSection(kind, row);
      seen.add(kind);
      continue;
    }
    const keys = readKeyRow(ctx, row);
    if (keys) {
      keyRows++;
      pending = keys;
      continue;
    }
    if (!section && readFusedCell(ctx, row)) {
      seen.add('budget');
      continue;
    }
    if (!section && seen.size === 0 && keyRows === 0 && startsMidTable(ctx, texts)) {
      const mid = midTableSection(ctx, row);
      if (mid) {
        section = mid.section;
        namedForm = mid.form;
        seen.add('indicators');
      }
    }
    if (!section) continue;
    if (section.kind === 'budget') readBudgetRow(ctx, section, row);
    else if (section.kind === 'tasks') readTaskRow(ctx, section, row);
    else if (section.kind === 'indicators') readIndicatorRow(ctx, section, row);
    else if (section.kind === 'summary') readSummaryRow(ctx, section, row);
  }
  // Cut off: no footer, and nothing after the table (the copy ends inside it). A table followed by
  // its printed notes or by more of the report ended where its form ends.
  const endsTheText = table.layout !== 'grid' && endsAfter(opts.documentText, table.lastLine);
  if (seen.has('indicators') && !footer && endsTheText && evaluation.indicators.length) {
    const last = lastIndicatorRow ?? table.rows[table.rows.length - 1]!;
    const at =
      table.layout === 'grid'
        ? `${table.place ?? `表格「${title}」`}第 ${last.index ?? table.rows.length} 行`
        : `第 ${last.endLine ?? last.line} 行`;
    evaluation.cutOff = `表格在${at}后中断，没有合计或总分行：其后的指标、各项分值合计和总分不在文件中`;
    opts.issues.push({
      severity: 'warning',
      code: 'table-cut-off',
      message: `${evaluation.cutOff.replace(/^表格/, `表格「${title}」`)}；已读取的 ${evaluation.indicators.length} 个指标照常核对，合计与总分不作核对`,
      source: { file: opts.file, ...(last.line ? { line: last.line } : {}), table: title },
    });
  }
  if (seen.has('indicators') && !namedForm && !identifyForm(evaluation.formSignature, title)) {
    opts.issues.push({
      severity: 'warning',
      code: 'form-unknown',
      message: `表格「${title}」的栏目与已描述的自评表表样都不相同，已按通用栏目名称读取，请核对各列是否读对`,
      source: { file: opts.file, ...(table.firstLine ? { line: table.firstLine } : {}), table: title },
    });
  }
  linkTasks(evaluation.budget);
  evaluation.formSignature = [...new Set(evaluation.formSignature)];
  evaluation.kind = kindOf(evaluation, seen, namedForm);
  if (seen.size === 0 && keyRows === 0) return { evaluation, breakdownOnly: false, unrecognised: true };
  return { evaluation, breakdownOnly: false };
}
