import { Input } from 'antd';
import type { Stated } from '@jixiao/core';

/**
 * 可编辑单元格 — a cell a 填报人 types into: shows the figure as written, reports the raw text.
 * Read-only it shows `display` (e.g. 万元 with 2 decimals).
 */
export function EditCell({
  value,
  display,
  editable,
  label,
  onChange,
  width,
  multiline,
}: {
  value: Stated | string | undefined;
  display?: string;
  editable: boolean;
  label: string;
  onChange: (raw: string) => void;
  width?: number;
  multiline?: boolean;
}) {
  const raw = typeof value === 'string' ? value : (value?.raw ?? '');
  if (!editable) return <span>{display ?? raw}</span>;
  if (multiline) {
    return (
      <Input.TextArea
        aria-label={label}
        value={raw}
        autoSize={{ minRows: 1, maxRows: 4 }}
        onChange={(e) => onChange(e.target.value)}
        style={{ minWidth: width ?? 160 }}
      />
    );
  }
  return (
    <Input
      aria-label={label}
      size="small"
      value={raw}
      status={raw.trim() === '' ? 'warning' : undefined}
      onChange={(e) => onChange(e.target.value)}
      style={{ width: width ?? 96 }}
    />
  );
}
