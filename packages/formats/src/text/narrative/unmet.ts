import { parseStated, type UnmetExplanation } from '@jixiao/core';
import type { Paragraph } from './paragraphs.ts';

/**
 * 未完成指标说明: "—人民监督员专项业务培训(全年目标值:>=1期),实际完成0期;未完成原因为:…" under a
 * heading "1.数量指标".
 */
export function unmetIn(p: Paragraph, file: string, type: string | undefined): UnmetExplanation | undefined {
  const m =
    /^[—–-]+(.+?)[（(](?:全年|年度)?(?:目标值|指标值)[:：]([^)）]+)[)）][，,;；]?(?:实际完成(?:值)?(?:为)?([^，,;；。]+))?[，,;；]?(?:未完成原因(?:为|是)?[:：]?(.*))?$/.exec(
      p.text,
    );
  if (!m) return undefined;
  const source = { file, line: p.starts[0]!.line };
  const u: UnmetExplanation = { indicator: m[1]!, target: parseStated(m[2]!, source), source };
  if (type) u.type = type;
  if (m[3]) u.actual = parseStated(m[3], source);
  if (m[4]) u.reason = m[4].replace(/[。.]$/, '');
  return u;
}
