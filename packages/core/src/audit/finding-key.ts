import type { Finding } from '../model/finding.ts';

/**
 * 发现键 — names one finding across re-audits of the same figures: the key a 填报人's explanation at
 * submission and a reviewer's 不是问题 mark are stored under. Code, line, the indicator or budget line
 * it is about, and — because two findings may share all of those (seed 003: 366 vs 337 列管社区矫正对象 and
 * 240 vs 225 年末在册, both on line 160) — the subject and the value as filed. Not the message, whose
 * wording may change. A changed figure is a new finding: a mark on the old one does not carry over.
 */
export function findingKey(f: Finding): string {
  const about = typeof f.evidence.about === 'string' ? f.evidence.about : '';
  return [
    f.code,
    f.location.line ?? '',
    f.location.indicator ?? f.location.budgetLine ?? '',
    about,
    f.evidence.stated ?? '',
  ].join(':');
}
