/**
 * How a written 指标 name is compared with a framework's: tables add spaces, score suffixes
 * ("部门预算管理（80分）") and the word 指标 ("产出指标" = "产出").
 */
export function normaliseName(raw: string): string {
  return raw
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（(][^（）()]*分[)）]$/, '')
    .replace(/指标$/, '');
}

/** Whether a written name is the framework's name or one of its aliases. */
export function sameName(written: string, name: string, aliases: readonly string[] = []): boolean {
  const w = normaliseName(written);
  if (!w) return false;
  return [name, ...aliases].some((n) => normaliseName(n) === w);
}

/** Whether a keyword occurs in a text, ignoring spaces and full/half-width brackets. */
export function containsKeyword(text: string, keyword: string): boolean {
  const fold = (s: string) =>
    s
      .replace(/[\s\u3000]+/g, '')
      .replace(/\(/g, '（')
      .replace(/\)/g, '）');
  return fold(text).includes(fold(keyword));
}
