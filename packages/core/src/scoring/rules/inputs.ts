import type { Stated } from '../../model/stated.ts';
import { D, type Dec } from '../../numbers/decimal.ts';

/**
 * Reads a formula's named inputs and remembers which were absent or not numbers, so a formula
 * that lacks them says so instead of scoring zero or full marks.
 */
export class InputReader {
  readonly missing: string[] = [];
  readonly shown: Record<string, string> = {};

  constructor(private readonly inputs: Record<string, Stated>) {}

  num(name: string): Dec | null {
    const v = this.inputs[name];
    if (!v || v.value === null) {
      this.shown[name] = v?.raw ? `${v.raw}（非数值）` : '（缺）';
      this.missing.push(name);
      return null;
    }
    this.shown[name] = v.raw;
    return new D(v.value);
  }

  text(name: string): string | null {
    const v = this.inputs[name];
    if (!v || v.raw.trim() === '') {
      this.shown[name] = '（缺）';
      this.missing.push(name);
      return null;
    }
    this.shown[name] = v.raw;
    return v.raw.trim();
  }

  /** The not-judgeable outcome naming what is missing. */
  notJudgeable(what: string) {
    return {
      outcome: 'not-judgeable' as const,
      missing: [...this.missing],
      summary: `缺少${what}所需的输入：${this.missing.join('、')}，无法计分`,
      inputs: { ...this.shown },
    };
  }
}
