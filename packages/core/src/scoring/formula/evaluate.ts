import type { ExplanationStep } from '../../model/result.ts';
import { sameName } from '../../frameworks/names.ts';
import { D, round, type Dec } from '../../numbers/decimal.ts';
import { n } from '../rules/show.ts';
import type { BinaryOp, Expr } from './parse.ts';

/** A value during evaluation. A percentage is a fraction (86% = 0.86) that prints as 86%. */
export type Value =
  { kind: 'number'; v: Dec; percent: boolean } | { kind: 'bool'; v: boolean } | { kind: 'text'; v: string };

/** One step of the arithmetic as a reviewer checks it: `20 × 86% = 17.2` (model/result.ts). */
export type FormulaStep = ExplanationStep;

/** A row of the indicator table as count() sees it. */
export interface FormulaRow {
  name: string;
  level1: string;
  level2: string;
  values: Record<string, Value | undefined>;
}

export interface FormulaEnv {
  /** The value of an input; undefined when the document does not state it (or not as a number). */
  value(name: string): Value | undefined;
  rows?: readonly FormulaRow[];
}

/** Evaluated: the value and the figures it was computed from; or undetermined, and why. */
export type Outcome =
  | { ok: true; val: Value; shown: string; prec: number; leaf?: Expr }
  | { ok: false; missing: string[]; reasons: string[] };

const PREC: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  '<': 4,
  '≤': 4,
  '>': 4,
  '≥': 4,
  '=': 4,
  '≠': 4,
  '+': 5,
  '−': 5,
  '×': 6,
  '÷': 6,
};
const ATOM = 9;

/** A value as a reviewer reads it: 86%, 17.2, 成立. */
export function showValue(v: Value, places?: number): string {
  switch (v.kind) {
    case 'number': {
      const x = v.percent ? v.v.times(100) : v.v;
      const shown = places === undefined ? x : round(x, places);
      return `${n(shown)}${v.percent ? '%' : ''}`;
    }
    case 'bool':
      return v.v ? '成立' : '不成立';
    case 'text':
      return `"${v.v}"`;
  }
}

function wrap(s: string, prec: number, min: number): string {
  return prec < min ? `(${s})` : s;
}

/** The formula as written, normalised: names, × ÷ −, minimal parentheses. */
export function render(e: Expr): { text: string; prec: number } {
  switch (e.type) {
    case 'number':
      return { text: `${e.value}${e.percent ? '%' : ''}`, prec: ATOM };
    case 'text':
      return { text: `"${e.value}"`, prec: ATOM };
    case 'name':
      return { text: /^\d/.test(e.name) ? `「${e.name}」` : e.name, prec: ATOM };
    case 'neg': {
      const o = render(e.operand);
      return { text: `−${wrap(o.text, o.prec, 7)}`, prec: 7 };
    }
    case 'not': {
      const o = render(e.operand);
      return { text: `not ${wrap(o.text, o.prec, 3)}`, prec: 3 };
    }
    case 'binary': {
      const p = PREC[e.op];
      const l = render(e.left);
      const r = render(e.right);
      return { text: `${wrap(l.text, l.prec, p)} ${e.op} ${wrap(r.text, r.prec, p + 1)}`, prec: p };
    }
    case 'if':
      return {
        text: `if ${render(e.cond).text} then ${render(e.then).text} else ${render(e.else).text}`,
        prec: 0,
      };
    case 'call':
      return { text: `${e.fn}(${e.args.map((a) => render(a).text).join(', ')})`, prec: ATOM };
  }
}

const fail = (missing: string[], reasons: string[] = []): Outcome => ({ ok: false, missing, reasons });

function merge(...os: Outcome[]): Outcome {
  const missing = new Set<string>();
  const reasons = new Set<string>();
  for (const o of os) {
    if (o.ok) continue;
    o.missing.forEach((m) => missing.add(m));
    o.reasons.forEach((r) => reasons.add(r));
  }
  return fail([...missing], [...reasons]);
}

const num = (o: Outcome): Dec => (o as { val: { v: Dec } }).val.v;
const isPct = (o: Outcome): boolean => o.ok && o.val.kind === 'number' && o.val.percent;

/**
 * Evaluates a checked formula. Records the decisions and lookups in `steps`; an input the
 * document does not state makes the part that needs it undetermined (无法判定), never 0.
 */
export class Evaluator {
  readonly steps: FormulaStep[] = [];
  constructor(private readonly env: FormulaEnv) {}

  private step(e: Expr, shown: string, result: string): void {
    this.steps.push({ formula: render(e).text, shown, result });
  }

  eval(e: Expr): Outcome {
    switch (e.type) {
      case 'number': {
        const v = new D(e.value);
        return {
          ok: true,
          val: { kind: 'number', v: e.percent ? v.div(100) : v, percent: e.percent },
          shown: `${e.value}${e.percent ? '%' : ''}`,
          prec: ATOM,
        };
      }
      case 'text':
        return { ok: true, val: { kind: 'text', v: e.value }, shown: `"${e.value}"`, prec: ATOM };
      case 'name': {
        const val = this.env.value(e.name);
        if (!val) return fail([e.name]);
        return { ok: true, val, shown: showValue(val), prec: ATOM };
      }
      case 'neg': {
        const o = this.eval(e.operand);
        if (!o.ok) return o;
        return {
          ok: true,
          val: { kind: 'number', v: num(o).neg(), percent: isPct(o) },
          shown: `−${wrap(o.shown, o.prec, 7)}`,
          prec: 7,
        };
      }
      case 'not': {
        const o = this.eval(e.operand);
        if (!o.ok) return o;
        const v = !(o.val.v as boolean);
        return { ok: true, val: { kind: 'bool', v }, shown: `not ${wrap(o.shown, o.prec, 3)}`, prec: 3 };
      }
      case 'if': {
        const c = this.eval(e.cond);
        if (!c.ok) return c;
        const yes = c.val.v as boolean;
        this.step(e.cond, c.shown, yes ? '成立' : '不成立');
        const branch = yes ? e.then : e.else;
        const o = this.eval(branch);
        return o.ok ? { ...o, leaf: o.leaf ?? branch } : o;
      }
      case 'binary':
        return this.binary(e);
      case 'call':
        return this.call(e);
    }
  }

  private binary(e: Extract<Expr, { type: 'binary' }>): Outcome {
    const p = PREC[e.op];
    if (e.op === 'and' || e.op === 'or') {
      const l = this.eval(e.left);
      // false and ? = false; true or ? = true: the missing side cannot change the answer.
      const decisive = e.op === 'or';
      if (l.ok && l.val.v === decisive) return { ok: true, val: l.val, shown: l.shown, prec: p };
      const r = this.eval(e.right);
      if (r.ok && r.val.v === decisive) return { ok: true, val: r.val, shown: r.shown, prec: p };
      if (!l.ok || !r.ok) return merge(l, r);
      return {
        ok: true,
        val: { kind: 'bool', v: !decisive },
        shown: `${wrap(l.shown, l.prec, p)} ${e.op} ${wrap(r.shown, r.prec, p + 1)}`,
        prec: p,
      };
    }
    const l = this.eval(e.left);
    const r = this.eval(e.right);
    if (!l.ok || !r.ok) return merge(l, r);
    const shown = `${wrap(l.shown, l.prec, p)} ${e.op} ${wrap(r.shown, r.prec, p + 1)}`;
    if (l.val.kind === 'text' || r.val.kind === 'text') {
      const same = l.val.v === r.val.v;
      return { ok: true, val: { kind: 'bool', v: e.op === '=' ? same : !same }, shown, prec: p };
    }
    const a = num(l);
    const b = num(r);
    const bool = (v: boolean): Outcome => ({ ok: true, val: { kind: 'bool', v }, shown, prec: p });
    const number = (v: Dec, percent: boolean): Outcome => ({
      ok: true,
      val: { kind: 'number', v, percent },
      shown,
      prec: p,
    });
    switch (e.op) {
      case '<':
        return bool(a.lt(b));
      case '≤':
        return bool(a.lte(b));
      case '>':
        return bool(a.gt(b));
      case '≥':
        return bool(a.gte(b));
      case '=':
        return bool(a.eq(b));
      case '≠':
        return bool(!a.eq(b));
      case '+':
        return number(a.plus(b), isPct(l) && isPct(r));
      case '−':
        return number(a.minus(b), isPct(l) && isPct(r));
      case '×':
        return number(a.times(b), false);
      case '÷':
        if (b.isZero()) return this.zeroDivisor(e.right, r);
        return number(a.div(b), false);
    }
  }

  private zeroDivisor(divisor: Expr, r: Outcome): Outcome {
    const names = namesOf(divisor);
    const what = names.length ? names.join('、') : render(divisor).text;
    return fail(names, [`${what}为 0（${r.ok ? r.shown : ''}），无法相除`]);
  }

  private call(e: Extract<Expr, { type: 'call' }>): Outcome {
    const shownCall = (args: Outcome[]) => `${e.fn}(${args.map((a) => (a.ok ? a.shown : '?')).join(', ')})`;
    const numbers = (vals: Dec[], args: Outcome[], percent: boolean, v: Dec): Outcome => ({
      ok: true,
      val: { kind: 'number', v, percent },
      shown: shownCall(args),
      prec: ATOM,
    });
    switch (e.fn) {
      case 'given': {
        const name = (e.args[0] as { name: string }).name;
        const v = this.env.value(name) !== undefined;
        return { ok: true, val: { kind: 'bool', v }, shown: `given(${name})`, prec: ATOM };
      }
      case 'firstof': {
        const tried: Outcome[] = [];
        for (const a of e.args) {
          const o = this.eval(a);
          if (o.ok) return o;
          tried.push(o);
        }
        return merge(...tried);
      }
      case 'count':
        return this.count(e);
    }
    const args = e.args.map((a) => this.eval(a));
    if (args.some((a) => !a.ok)) return merge(...args);
    const vals = args.map(num);
    switch (e.fn) {
      case 'min':
      case 'max': {
        const v = e.fn === 'min' ? D.min(...vals) : D.max(...vals);
        return numbers(vals, args, args.every(isPct), v);
      }
      case 'abs':
        return numbers(vals, args, isPct(args[0]!), vals[0]!.abs());
      case 'round':
        return numbers(vals, args, isPct(args[0]!), round(vals[0]!, vals[1]!.toNumber()));
      case 'round2':
        return numbers(vals, args, false, round(vals[0]!, 2));
      case 'ratio':
        if (vals[1]!.isZero()) return this.zeroDivisor(e.args[1]!, args[1]!);
        return numbers(vals, args, false, vals[0]!.div(vals[1]!));
      case 'tier':
      case 'band':
        return this.steps_(e, args, vals);
      case 'oneof': {
        const texts = args.map((a) => (a.ok ? a.val.v : null));
        const v = texts.slice(1).includes(texts[0]!);
        return { ok: true, val: { kind: 'bool', v }, shown: shownCall(args), prec: ATOM };
      }
    }
    throw new Error(`formula function ${e.fn} has a signature but no evaluation`);
  }

  /** tier: lower bounds, highest first (x ≥ bound); band: upper bounds, lowest first (x < bound). */
  private steps_(e: Extract<Expr, { type: 'call' }>, args: Outcome[], vals: Dec[]): Outcome {
    const x = vals[0]!;
    const xs = args[0]!.ok ? args[0]!.shown : '';
    const pairs = (vals.length - 2) / 2;
    let result = vals[vals.length - 1]!;
    let shown = `${xs} 不在所列各档内 → ${n(result)}`;
    for (let k = 0; k < pairs; k++) {
      const bound = vals[1 + 2 * k]!;
      const bs = (args[1 + 2 * k] as { shown: string }).shown;
      const hit = e.fn === 'tier' ? x.gte(bound) : x.lt(bound);
      if (hit) {
        result = vals[2 + 2 * k]!;
        shown = `${xs} ${e.fn === 'tier' ? '≥' : '<'} ${bs} → ${n(result)}`;
        break;
      }
    }
    this.step(e, shown, n(result));
    return { ok: true, val: { kind: 'number', v: result, percent: false }, shown: n(result), prec: ATOM };
  }

  private count(e: Extract<Expr, { type: 'call' }>): Outcome {
    const category = (e.args[0] as { value: string }).value;
    const rows = (this.env.rows ?? []).filter(
      (r) => sameName(r.level2, category) || sameName(r.level1, category),
    );
    const cond = e.args[1];
    if (!cond) {
      this.step(e, `${category} 共 ${rows.length} 项`, String(rows.length));
      return {
        ok: true,
        val: { kind: 'number', v: new D(rows.length), percent: false },
        shown: String(rows.length),
        prec: ATOM,
      };
    }
    const outer = this.env;
    const verdicts = rows.map((row) => {
      const inner = new Evaluator({
        value: (name) => (name in row.values ? row.values[name] : outer.value(name)),
        rows: outer.rows ?? [],
      });
      return { row, o: inner.eval(cond) };
    });
    const blank = verdicts.filter((v) => !v.o.ok);
    if (blank.length) {
      const missing = blank.flatMap((v) =>
        v.o.ok ? [] : v.o.missing.map((m) => (m in v.row.values ? `${v.row.name}的${m}` : m)),
      );
      return fail(
        [...new Set(missing)],
        blank.flatMap((v) => (v.o.ok ? [] : v.o.reasons)),
      );
    }
    const met = verdicts.filter((v) => v.o.ok && v.o.val.v);
    const list = verdicts.map((v) => `${v.row.name}${met.includes(v) ? '计入' : '不计入'}`);
    this.step(e, `${category} ${rows.length} 项：${list.join('，') || '无'}`, String(met.length));
    return {
      ok: true,
      val: { kind: 'number', v: new D(met.length), percent: false },
      shown: String(met.length),
      prec: ATOM,
    };
  }
}

function namesOf(e: Expr): string[] {
  switch (e.type) {
    case 'name':
      return [e.name];
    case 'neg':
    case 'not':
      return namesOf(e.operand);
    case 'binary':
      return [...namesOf(e.left), ...namesOf(e.right)];
    case 'if':
      return [...namesOf(e.cond), ...namesOf(e.then), ...namesOf(e.else)];
    case 'call':
      return e.fn === 'count' ? [] : e.args.flatMap(namesOf);
    default:
      return [];
  }
}
