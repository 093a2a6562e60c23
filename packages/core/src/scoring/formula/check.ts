import { FormulaError, type Expr } from './parse.ts';

/** What a formula's value is: a number (amounts, rates, points), a truth value, or words. */
export type ValueType = 'number' | 'bool' | 'text';

const TYPE_NAME: Record<ValueType, string> = { number: '数值', bool: '是非判断', text: '文字' };

/** The names a formula may read, with their types. */
export interface Scope {
  names: ReadonlyMap<string, ValueType>;
  /** Names a row of the indicator table offers inside count(…, 条件). */
  rowNames?: ReadonlyMap<string, ValueType>;
}

/** Names each row offers to the condition of count(). */
export const ROW_NAMES: ReadonlyMap<string, ValueType> = new Map<string, ValueType>([
  ['指标值', 'number'],
  ['完成值', 'number'],
  ['指标性质', 'text'],
  ['指标名称', 'text'],
]);

interface Signature {
  /** Chinese description for the guide and for errors. */
  use: string;
  check(args: Expr[], scope: Scope, col: number): ValueType;
}

const numberArgs = (fn: string, args: Expr[], scope: Scope) =>
  args.forEach((a, k) => expectType(a, 'number', scope, `${fn} 的第 ${k + 1} 个参数`));

function arity(fn: string, args: Expr[], col: number, min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min} 个` : max === Infinity ? `至少 ${min} 个` : `${min}–${max} 个`;
    throw new FormulaError(col, `${fn} 需要 ${want}参数，实有 ${args.length} 个`);
  }
}

/** Functions a finance reviewer reads. Each is documented in the framework author's guide. */
export const FUNCTIONS: Record<string, Signature> = {
  min: {
    use: 'min(a, b, …) 最小值',
    check(args, scope, col) {
      arity('min', args, col, 1, Infinity);
      numberArgs('min', args, scope);
      return 'number';
    },
  },
  max: {
    use: 'max(a, b, …) 最大值',
    check(args, scope, col) {
      arity('max', args, col, 1, Infinity);
      numberArgs('max', args, scope);
      return 'number';
    },
  },
  abs: {
    use: 'abs(x) 绝对值',
    check(args, scope, col) {
      arity('abs', args, col, 1);
      numberArgs('abs', args, scope);
      return 'number';
    },
  },
  round: {
    use: 'round(x, 位数) 四舍五入到指定小数位',
    check(args, scope, col) {
      arity('round', args, col, 2);
      expectType(args[0]!, 'number', scope, 'round 的第 1 个参数');
      const places = args[1]!;
      if (places.type !== 'number' || places.percent || !/^\d$/.test(places.value)) {
        throw new FormulaError(places.col, 'round 的小数位数应为 0–9 的整数');
      }
      return 'number';
    },
  },
  round2: {
    use: 'round2(x) 四舍五入到两位小数',
    check(args, scope, col) {
      arity('round2', args, col, 1);
      numberArgs('round2', args, scope);
      return 'number';
    },
  },
  ratio: {
    use: 'ratio(a, b) a ÷ b；b 为 0 时无法判定',
    check(args, scope, col) {
      arity('ratio', args, col, 2);
      numberArgs('ratio', args, scope);
      return 'number';
    },
  },
  tier: {
    use: 'tier(x, 下限1, 得分1, 下限2, 得分2, …, 其余得分) 自高而低：x ≥ 下限1 得 得分1，否则 x ≥ 下限2 得 得分2 …',
    check(args, scope, col) {
      return steps('tier', args, scope, col);
    },
  },
  band: {
    use: 'band(x, 上限1, 得分1, 上限2, 得分2, …, 其余得分) 自低而高：x < 上限1 得 得分1，否则 x < 上限2 得 得分2 …',
    check(args, scope, col) {
      return steps('band', args, scope, col);
    },
  },
  given: {
    use: 'given(输入) 该输入是否已填报（从不因缺少而无法判定）',
    check(args, scope, col) {
      arity('given', args, col, 1);
      const a = args[0]!;
      if (a.type !== 'name') throw new FormulaError(a.col, 'given 的参数应为一个输入名称');
      typeOf(a, scope);
      return 'bool';
    },
  },
  firstof: {
    use: 'firstof(a, b, …) 第一个能算出的值（a 缺少时用 b）',
    check(args, scope, col) {
      arity('firstof', args, col, 1, Infinity);
      const t = typeOf(args[0]!, scope);
      args.slice(1).forEach((a, k) => expectType(a, t, scope, `firstof 的第 ${k + 2} 个参数`));
      return t;
    },
  },
  oneof: {
    use: 'oneof(文字, "是", "已公开", …) 文字是否为所列之一',
    check(args, scope, col) {
      arity('oneof', args, col, 2, Infinity);
      expectType(args[0]!, 'text', scope, 'oneof 的第 1 个参数');
      for (const a of args.slice(1)) {
        if (a.type !== 'text') throw new FormulaError(a.col, 'oneof 所列的取值应为带引号的文字');
      }
      return 'bool';
    },
  },
  count: {
    use: 'count("二级或一级指标名", 条件) 指标表中该类指标满足条件的行数；条件中可用 指标值、完成值、指标性质、指标名称',
    check(args, scope, col) {
      arity('count', args, col, 1, 2);
      if (args[0]!.type !== 'text')
        throw new FormulaError(args[0]!.col, 'count 的第 1 个参数应为带引号的指标类别名');
      if (args[1]) {
        const names = new Map([...scope.names, ...(scope.rowNames ?? ROW_NAMES)]);
        expectType(args[1], 'bool', { names }, 'count 的条件');
      }
      return 'number';
    },
  },
};

function steps(fn: string, args: Expr[], scope: Scope, col: number): ValueType {
  if (args.length < 4 || args.length % 2 !== 0) {
    throw new FormulaError(col, `${fn} 的参数应为：被分档的值，若干对「界限, 得分」，最后是其余情形的得分`);
  }
  numberArgs(fn, args, scope);
  return 'number';
}

function expectType(e: Expr, want: ValueType, scope: Scope, what: string): void {
  const got = typeOf(e, scope);
  if (got !== want) {
    throw new FormulaError(e.col, `${what}应为${TYPE_NAME[want]}，实为${TYPE_NAME[got]}`);
  }
}

/** The type of an expression; throws FormulaError at the column of an unknown name or a type fault. */
export function typeOf(e: Expr, scope: Scope): ValueType {
  switch (e.type) {
    case 'number':
      return 'number';
    case 'text':
      return 'text';
    case 'name': {
      const t = scope.names.get(e.name);
      if (!t) {
        const known = [...scope.names.keys()];
        throw new FormulaError(
          e.col,
          `未知的输入「${e.name}」：本规则可用的输入为${known.length ? known.map((k) => `「${k}」`).join('') : '（无）'}，其余输入须先在框架的 inputs 中声明`,
        );
      }
      return t;
    }
    case 'neg':
      expectType(e.operand, 'number', scope, '负号之后');
      return 'number';
    case 'not':
      expectType(e.operand, 'bool', scope, 'not 之后');
      return 'bool';
    case 'if': {
      expectType(e.cond, 'bool', scope, 'if 的条件');
      const t = typeOf(e.then, scope);
      expectType(e.else, t, scope, 'else 分支（须与 then 分支同类）');
      return t;
    }
    case 'call': {
      const sig = FUNCTIONS[e.fn];
      if (!sig) {
        throw new FormulaError(
          e.col,
          `未知的函数「${e.fn}」：可用的函数为 ${Object.keys(FUNCTIONS).join('、')}`,
        );
      }
      return sig.check(e.args, scope, e.col);
    }
    case 'binary': {
      const { op } = e;
      if (op === 'and' || op === 'or') {
        expectType(e.left, 'bool', scope, `${op} 的左边`);
        expectType(e.right, 'bool', scope, `${op} 的右边`);
        return 'bool';
      }
      if (op === '=' || op === '≠') {
        const t = typeOf(e.left, scope);
        if (t === 'bool') throw new FormulaError(e.left.col, `「${op}」只能比较数值或文字`);
        expectType(e.right, t, scope, `「${op}」的右边`);
        return 'bool';
      }
      expectType(e.left, 'number', scope, `「${op}」的左边`);
      expectType(e.right, 'number', scope, `「${op}」的右边`);
      return op === '<' || op === '≤' || op === '>' || op === '≥' ? 'bool' : 'number';
    }
  }
}

/** Every input name a formula reads (count() row names excluded). */
export function namesIn(e: Expr, rowNames: ReadonlySet<string> = new Set()): string[] {
  const out = new Set<string>();
  const walk = (x: Expr, inRow: boolean) => {
    switch (x.type) {
      case 'name':
        if (!(inRow && rowNames.has(x.name))) out.add(x.name);
        return;
      case 'neg':
      case 'not':
        return walk(x.operand, inRow);
      case 'binary':
        walk(x.left, inRow);
        return walk(x.right, inRow);
      case 'if':
        walk(x.cond, inRow);
        walk(x.then, inRow);
        return walk(x.else, inRow);
      case 'call':
        return x.args.forEach((a, k) => walk(a, inRow || (x.fn === 'count' && k === 1)));
      default:
        return;
    }
  };
  walk(e, false);
  return [...out];
}
