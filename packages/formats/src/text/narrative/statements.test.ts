import { describe, expect, it } from 'vitest';
import type { Paragraph } from './paragraphs.ts';
import { paragraphStatements } from './statements.ts';

const paragraph = (text: string): Paragraph => ({
  text,
  starts: [{ offset: 0, line: 1 }],
  level: null,
  titleLike: false,
});

describe('paragraphStatements on text that lost its full stops', () => {
  // 360 KB of figures with no 。, ；, or even a comma: this hung the reader for half a minute.
  const items = Array.from(
    { length: 16_000 },
    (_, i) => `${(i % 12) + 1}月安排资金${i}.5万元完成率${i % 100}%`,
  );
  const text = `年初预算${items.join('')}`;

  it('reads every figure, each with its own month and not one far back', () => {
    const { statements } = paragraphStatements(paragraph(text), 'big.txt', {
      about: undefined,
      heading: undefined,
    });
    expect(text.length).toBeGreaterThan(300_000);
    expect(statements).toHaveLength(32_000);
    const last = statements.at(-2)!;
    expect(last.value.raw).toBe('15999.5万元');
    expect(last.qualifiers).toContain(`${(15_999 % 12) + 1}月`);
    // 年初 was written 360 KB earlier: a stage word that far back does not qualify this figure.
    expect(last.qualifiers).not.toContain('年初');
    expect(statements[0]!.qualifiers).toEqual(['年初', '预算', '1月']);
  });
});
