import { Tag } from 'antd';
import type { Finding } from '@jixiao/core';
import { findingKey } from '../lib/assess.ts';
import { SEVERITY } from './FindingsPanel.tsx';

/**
 * Live counts of errors and warnings beside the title; a click jumps to the findings. Findings marked
 * 不是问题 (`dismissed` keys) are not counted.
 */
export function FindingCounts({ findings, dismissed }: { findings: Finding[]; dismissed?: Set<string> }) {
  const count = (s: Finding['severity']) =>
    findings.filter((f) => f.severity === s && !dismissed?.has(findingKey(f))).length;
  return (
    <a href="#findings" data-testid="finding-counts">
      <Tag color={SEVERITY.error.color}>错误 {count('error')}</Tag>
      <Tag color={SEVERITY.warning.color}>警告 {count('warning')}</Tag>
    </a>
  );
}
