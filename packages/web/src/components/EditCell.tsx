import { Input } from 'antd';
import type { ClipboardEvent, KeyboardEvent } from 'react';
import type { Stated } from '@jixiao/core';

/**
 * Enter in a table cell confirms it and moves down to the same column of the next row, as in a
 * spreadsheet; on the last row it leaves the cell. Cells find each other by `data-cell-col`
 * within their table. An IME still composing (拼音 input) keeps its Enter.
 */
export function confirmAndMoveDown(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey)
    return;
  const cell = e.currentTarget;
  const column = cell.dataset.cellCol;
  const scope = cell.closest('table') ?? document;
  if (!column) return;
  e.preventDefault();
  const cells = Array.from(
    scope.querySelectorAll<HTMLInputElement>(`input[data-cell-col="${CSS.escape(column)}"]`),
  );
  const next = cells[cells.indexOf(cell as HTMLInputElement) + 1];
  if (next) {
    next.focus();
    next.select();
  } else cell.blur();
}

/**
 * 可编辑单元格 — a cell a 填报人 types into: shows the figure as written, reports the raw text.
 * Read-only it shows `display` (e.g. 万元 with 2 decimals). Tab moves to the next cell, Enter
 * confirms and moves down (single-line cells).
 */
export function EditCell({
  value,
  display,
  editable,
  label,
  onChange,
  width,
  multiline,
  column,
  placeholder,
  required = true,
  onPaste,
}: {
  value: Stated | string | undefined;
  display?: string;
  editable: boolean;
  label: string;
  onChange: (raw: string) => void;
  width?: number;
  multiline?: boolean;
  /** Column key for Enter-moves-down; cells of one column share it. */
  column?: string;
  placeholder?: string;
  /** Whether a blank cell is marked as still to fill. */
  required?: boolean;
  /** A paste into the cell (a block of spreadsheet cells fills the table from here). */
  onPaste?: (e: ClipboardEvent<HTMLElement>) => void;
}) {
  const raw = typeof value === 'string' ? value : (value?.raw ?? '');
  if (!editable) return <span>{display ?? raw}</span>;
  if (multiline) {
    return (
      <Input.TextArea
        aria-label={label}
        value={raw}
        placeholder={placeholder}
        autoSize={{ minRows: 1, maxRows: 4 }}
        onChange={(e) => onChange(e.target.value)}
        onPaste={onPaste}
        style={{ minWidth: width ?? 160 }}
      />
    );
  }
  return (
    <Input
      aria-label={label}
      size="small"
      value={raw}
      placeholder={placeholder}
      status={required && raw.trim() === '' ? 'warning' : undefined}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={confirmAndMoveDown}
      onPaste={onPaste}
      data-cell-col={column}
      style={{ width: width ?? 96 }}
    />
  );
}
