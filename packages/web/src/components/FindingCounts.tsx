import { Tag } from 'antd';
import type { Finding } from '@jixiao/core';
import { SEVERITY } from './FindingsPanel.tsx';

/** Live counts of errors and warnings beside the title; a click jumps to the findings. */
export function FindingCounts({ findings }: { findings: Finding[] }) {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return (
    <a href="#findings" data-testid="finding-counts">
      <Tag color={SEVERITY.error.color}>错误 {count('error')}</Tag>
      <Tag color={SEVERITY.warning.color}>警告 {count('warning')}</Tag>
    </a>
  );
}
