/**
 * 计分公式 — the small language a framework file writes its scoring rules in. The grammar is in
 * ../../frameworks/README.md; this file is its lexer and a Pratt parser. Columns are 1-based and
 * count characters as a reader sees them, so an error can point at the place in the JSON string.
 */

export type BinaryOp = '+' | '−' | '×' | '÷' | '<' | '≤' | '>' | '≥' | '=' | '≠' | 'and' | 'or';

export type Expr =
  | { type: 'number'; value: string; percent: boolean; col: number }
  | { type: 'text'; value: string; col: number }
  | { type: 'name'; name: string; col: number }
  | { type: 'neg'; operand: Expr; col: number }
  | { type: 'not'; operand: Expr; col: number }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; col: number }
  | { type: 'if'; cond: Expr; then: Expr; else: Expr; col: number }
  | { type: 'call'; fn: string; args: Expr[]; col: number };

/** A formula that cannot be read or checked, with the 1-based column of the fault. */
export class FormulaError extends Error {
  override readonly name = 'FormulaError';
  constructor(
    readonly col: number,
    readonly problem: string,
  ) {
    super(`第 ${col} 列：${problem}`);
  }
}

type Token =
  | { t: 'num'; value: string; percent: boolean; col: number }
  | { t: 'str'; value: string; col: number }
  | { t: 'id'; value: string; col: number }
  | { t: 'op'; value: string; col: number }
  | { t: 'end'; col: number };

const KEYWORDS: Record<string, string> = {
  if: 'if',
  如果: 'if',
  then: 'then',
  则: 'then',
  else: 'else',
  否则: 'else',
  and: 'and',
  且: 'and',
  or: 'or',
  或: 'or',
  not: 'not',
  非: 'not',
};

/** Operators as written (ASCII and Chinese typography) → the one the parser knows. */
const OPERATORS: Array<[string, string]> = [
  ['<=', '≤'],
  ['>=', '≥'],
  ['==', '='],
  ['!=', '≠'],
  ['≤', '≤'],
  ['≥', '≥'],
  ['≠', '≠'],
  ['<', '<'],
  ['>', '>'],
  ['=', '='],
  ['+', '+'],
  ['-', '−'],
  ['−', '−'],
  ['*', '×'],
  ['×', '×'],
  ['/', '÷'],
  ['÷', '÷'],
  ['(', '('],
  ['（', '('],
  [')', ')'],
  ['）', ')'],
  [',', ','],
  ['，', ','],
];

const NAME_CHAR = /[\p{L}\p{N}_·、]/u;

function tokenize(src: string): Token[] {
  const chars = [...src];
  const out: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    const col = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '「' || c === '"' || c === '“') {
      const close = c === '「' ? '」' : c === '"' ? '"' : '”';
      let j = i + 1;
      while (j < chars.length && chars[j] !== close) j++;
      if (j >= chars.length) throw new FormulaError(col, `缺少与此处「${c}」配对的「${close}」`);
      const value = chars.slice(i + 1, j).join('');
      if (c === '「') {
        if (!value.trim()) throw new FormulaError(col, '「」中没有输入名称');
        out.push({ t: 'id', value: value.trim(), col });
      } else out.push({ t: 'str', value, col });
      i = j + 1;
      continue;
    }
    if (/\d/.test(c)) {
      let j = i;
      while (j < chars.length && /\d/.test(chars[j]!)) j++;
      if (chars[j] === '.' && /\d/.test(chars[j + 1] ?? '')) {
        j++;
        while (j < chars.length && /\d/.test(chars[j]!)) j++;
      }
      // "6月执行进度": digits followed by letters are a name, not a number.
      if (j < chars.length && NAME_CHAR.test(chars[j]!) && !/\d/.test(chars[j]!)) {
        while (j < chars.length && NAME_CHAR.test(chars[j]!)) j++;
        out.push(identifier(chars.slice(i, j).join(''), col));
        i = j;
        continue;
      }
      const value = chars.slice(i, j).join('');
      const percent = chars[j] === '%' || chars[j] === '％';
      out.push({ t: 'num', value, percent, col });
      i = percent ? j + 1 : j;
      continue;
    }
    if (NAME_CHAR.test(c)) {
      let j = i;
      while (j < chars.length && NAME_CHAR.test(chars[j]!)) j++;
      out.push(identifier(chars.slice(i, j).join(''), col));
      i = j;
      continue;
    }
    const op = OPERATORS.find(([w]) => chars.slice(i, i + [...w].length).join('') === w);
    if (!op) throw new FormulaError(col, `不认识的符号「${c}」`);
    out.push({ t: 'op', value: op[1], col });
    i += [...op[0]].length;
  }
  out.push({ t: 'end', col: chars.length + 1 });
  return out;
}

function identifier(word: string, col: number): Token {
  const kw = KEYWORDS[word.toLowerCase()];
  return kw ? { t: 'op', value: kw, col } : { t: 'id', value: word, col };
}

/** Binding powers: a higher number binds tighter. */
const INFIX: Record<string, { bp: number; op: BinaryOp }> = {
  or: { bp: 1, op: 'or' },
  and: { bp: 2, op: 'and' },
  '<': { bp: 4, op: '<' },
  '≤': { bp: 4, op: '≤' },
  '>': { bp: 4, op: '>' },
  '≥': { bp: 4, op: '≥' },
  '=': { bp: 4, op: '=' },
  '≠': { bp: 4, op: '≠' },
  '+': { bp: 5, op: '+' },
  '−': { bp: 5, op: '−' },
  '×': { bp: 6, op: '×' },
  '÷': { bp: 6, op: '÷' },
};
const NOT_BP = 3;
const NEG_BP = 7;

function describe(t: Token): string {
  if (t.t === 'end') return '公式结尾';
  if (t.t === 'str') return `"${t.value}"`;
  return `「${t.value}」`;
}

class Parser {
  private k = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.k]!;
  }
  private next(): Token {
    return this.tokens[this.k++]!;
  }
  private isOp(value: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.value === value;
  }
  private expect(value: string, what: string): Token {
    const t = this.peek();
    if (t.t !== 'op' || t.value !== value) {
      throw new FormulaError(t.col, `此处应为${what}，实为${describe(t)}`);
    }
    return this.next();
  }

  parseFormula(): Expr {
    const e = this.expr(0);
    const t = this.peek();
    if (t.t !== 'end') throw new FormulaError(t.col, `多余的${describe(t)}（是否缺少运算符？）`);
    return e;
  }

  expr(minBp: number): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op') break;
      const info = INFIX[t.value];
      if (!info || info.bp <= minBp) break;
      this.next();
      // Comparisons do not chain: 0 < x < 1 is written 0 < x and x < 1.
      const right = this.expr(info.bp);
      if (info.bp === 4 && left.type === 'binary' && INFIX[left.op]?.bp === 4) {
        throw new FormulaError(t.col, '比较不能连写，请用 and 连接两个比较');
      }
      left = { type: 'binary', op: info.op, left, right, col: t.col };
    }
    return left;
  }

  private prefix(): Expr {
    const t = this.next();
    switch (t.t) {
      case 'num':
        return { type: 'number', value: t.value, percent: t.percent, col: t.col };
      case 'str':
        return { type: 'text', value: t.value, col: t.col };
      case 'id': {
        if (!this.isOp('(')) return { type: 'name', name: t.value, col: t.col };
        this.next();
        const args: Expr[] = [];
        if (!this.isOp(')')) {
          do args.push(this.expr(0));
          while (this.isOp(',') && this.next());
        }
        this.expect(')', '「)」或「,」');
        return { type: 'call', fn: t.value, args, col: t.col };
      }
      case 'op':
        switch (t.value) {
          case '(': {
            const e = this.expr(0);
            this.expect(')', '「)」');
            return e;
          }
          case '−':
            return { type: 'neg', operand: this.expr(NEG_BP), col: t.col };
          case 'not':
            return { type: 'not', operand: this.expr(NOT_BP), col: t.col };
          case 'if': {
            const cond = this.expr(0);
            this.expect('then', '「then」（则）');
            const then = this.expr(0);
            this.expect('else', '「else」（否则）');
            return { type: 'if', cond, then, else: this.expr(0), col: t.col };
          }
        }
        throw new FormulaError(t.col, `此处应为数、输入名称或「(」，实为${describe(t)}`);
      case 'end':
        throw new FormulaError(t.col, '公式不完整');
    }
  }
}

/** Parses a formula; throws FormulaError with the column of the first fault. */
export function parseFormula(src: string): Expr {
  if (!src.trim()) throw new FormulaError(1, '公式为空');
  return new Parser(tokenize(src)).parseFormula();
}
