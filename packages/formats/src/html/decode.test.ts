import { describe, expect, it } from 'vitest';
import { ReadError } from '../read-error.ts';
import { decodeHtmlBytes } from './decode.ts';

const gbk = (text: string) => {
  // GB18030 bytes of the text, written by hand for the few characters the test needs.
  const table: Record<string, number[]> = { 自: [0xd7, 0xd4], 评: [0xc6, 0xc0], 表: [0xb1, 0xed] };
  return [...text].flatMap((c) => table[c] ?? [c.charCodeAt(0)]);
};

describe('decodeHtmlBytes', () => {
  it('reads a page declared as GB2312 with GBK bytes', () => {
    const bytes = Uint8Array.from([
      ...gbk('<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>'),
      ...gbk('自评表'),
      ...gbk('</p>'),
    ]);
    expect(decodeHtmlBytes(bytes, 'a.html')).toContain('<p>自评表</p>');
  });

  it('reads UTF-8 with or without a BOM, and falls back to GB18030 when undeclared', () => {
    const utf8 = new TextEncoder().encode('<p>自评表</p>');
    expect(decodeHtmlBytes(utf8, 'b.html')).toBe('<p>自评表</p>');
    expect(decodeHtmlBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), 'b.html')).toBe('<p>自评表</p>');
    expect(decodeHtmlBytes(Uint8Array.from(gbk('<p>自评表</p>')), 'c.html')).toBe('<p>自评表</p>');
  });

  it('refuses an empty file in Chinese', () => {
    expect(() => decodeHtmlBytes(new Uint8Array(0), 'e.html')).toThrow(ReadError);
  });
});
