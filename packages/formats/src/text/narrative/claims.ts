import type { NarrativeClaim } from '@jixiao/core';
import { lineAt, type Paragraph } from './paragraphs.ts';

/**
 * The ways reports say "everything was met": 均/全部/都 + 完成/实现/达到 … 目标/任务; 完成/实现/达到 …
 * 各项/全部/所有 … 目标/任务; 目标/任务 … 均/圆满 + 完成. A hedge (基本, 大部分, 较好) is not such a claim.
 */
const PATTERNS = [
  /(?:均|全部|都)(?:已)?(?:完成|实现|达到|达成)[^。；;，,]{0,16}(?:目标|任务)/,
  /(?:完成|实现|达到|达成)了?[^。；;]{0,12}(?:各项|全部|所有)[^。；;]{0,10}(?:目标|任务)/,
  /(?:目标|任务)[^。；;，,]{0,6}(?:均|全部|圆满)(?:已)?(?:完成|实现|达成)/,
];
const HEDGE = /基本|大部分|大多|部分|较好|较为/;

export function claimsIn(p: Paragraph, file: string, about: string | undefined): NarrativeClaim[] {
  const out: NarrativeClaim[] = [];
  let offset = 0;
  for (const sentence of p.text.split(/(?<=[。；;！!])/)) {
    const hit = PATTERNS.map((re) => re.exec(sentence)).find((m) => m !== null);
    // "较好的完成各项工作任务" is a hedge right before the verb; "较为理想，达到了各项目标" is not.
    const near = hit ? sentence.slice(Math.max(0, hit.index - 3), hit.index + hit[0].length) : '';
    if (hit && !HEDGE.test(near)) {
      out.push({
        kind: 'all-targets-met',
        text: sentence.trim(),
        ...(about ? { about } : {}),
        source: { file, line: lineAt(p, offset + hit.index) },
      });
    }
    offset += sentence.length;
  }
  return out;
}
