import { describe, expect, it } from 'vitest';
import type { DocumentPart } from '../grid/read-grid.ts';
import { withoutRunningLines, type PlacedPage } from './running-lines.ts';

const prose = (text: string, at: number) => ({
  at,
  part: { kind: 'prose', text, line: 1, opensBlock: true } as DocumentPart,
});
const grid = (at: number) => ({
  at,
  part: { kind: 'table', rows: [], firstLine: 0, lastLine: 0, place: '表' } as DocumentPart,
});
const texts = (parts: DocumentPart[]) => parts.map((p) => (p.kind === 'prose' ? p.text : '〔表〕'));

describe('running heads and feet of a PDF', () => {
  it('a line printed in the margin of several pages, figures aside, is left out; the body stays', () => {
    const pages: PlacedPage[] = [1, 2, 3].map((n) => ({
      parts: [
        prose('上海市普陀区司法局2026年部门预算', 0.03),
        prose(n === 1 ? '一、部门职能' : '续表', 0.2),
        grid(0.3),
        prose(`- ${n} -`, 0.97),
      ],
    }));
    expect(texts(withoutRunningLines(pages))).toEqual([
      '一、部门职能',
      '〔表〕',
      '续表',
      '〔表〕',
      '续表',
      '〔表〕',
    ]);
  });

  it('a title at the top of one page only, and body text repeated mid-page, are kept', () => {
    const pages: PlacedPage[] = [
      { parts: [prose('部门整体绩效自评表', 0.05), prose('详见附表', 0.5)] },
      { parts: [prose('详见附表', 0.5)] },
      { parts: [prose('详见附表', 0.5)] },
    ];
    expect(texts(withoutRunningLines(pages))).toEqual([
      '部门整体绩效自评表',
      '详见附表',
      '详见附表',
      '详见附表',
    ]);
  });
});
