import type { Framework, FrameworkRule, RuleKind, RuleOf } from '../frameworks/schema.ts';

/** The citation a reviewer reads: "种子 001 附表注 3", "财预〔2020〕10号 附件2 填表说明". */
export function citationText(f: Framework, key: string): string {
  const c = f.citations[key];
  if (!c) return key;
  return [c.title, c.clause].filter(Boolean).join(' ');
}

export function rulesOf<K extends RuleKind>(f: Framework, kind: K): Array<RuleOf<K>> {
  return f.rules.filter((r): r is RuleOf<K> => r.kind === kind);
}

export function ruleOf<K extends RuleKind>(f: Framework, kind: K): RuleOf<K> | undefined {
  return rulesOf(f, kind)[0];
}

export type { FrameworkRule };
