/**
 * Prose as the patterns read it. Word exports leave full-width digits, spaces around every figure
 * ("94.32 分", "79.77 %"), image markers and the odd LaTeX fragment ("$\geq 95\%$"); each line is
 * folded on its own so that a figure's line number stays exact.
 */
export function normalizeLine(text: string): string {
  const folded = text
    // "1. 2024年…": a list marker, not the decimal 1.2024, once the blank is gone
    .replace(/^(\s*\d{1,2})[.．](?=\s)/, '$1、')
    .replace(/\[image:[^\]]*\]/g, '')
    .replace(/\$([^$]{1,60})\$/g, (_m, inner: string) =>
      inner
        .replace(/\\geq?/g, '≥')
        .replace(/\\leq?/g, '≤')
        .replace(/\\%/g, '%')
        .replace(/\\[a-zA-Z]+/g, '')
        .replace(/[{}\s]/g, ''),
    )
    .replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/％/g, '%')
    .replace(/[\u3000\u00a0]/g, ' ');
  // Keep a blank only where it separates two Latin words or two numbers.
  return folded
    .replace(/\s+/g, (m: string, offset: number, s: string) => {
      const a = s[offset - 1];
      const b = s[offset + m.length];
      return a && b && /[A-Za-z0-9]/.test(a) && /[A-Za-z0-9]/.test(b) ? ' ' : '';
    })
    .trim();
}
