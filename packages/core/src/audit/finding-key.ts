import type { Finding } from '../model/finding.ts';

/**
 * 发现键 — names one finding across re-audits of the same figures: the key a 填报人's explanation at
 * submission and a reviewer's 不是问题 mark are stored under. Code, line and the indicator or budget
 * line it is about; not the message, whose wording may change.
 */
export function findingKey(f: Finding): string {
  return [f.code, f.location.line ?? '', f.location.indicator ?? f.location.budgetLine ?? ''].join(':');
}
