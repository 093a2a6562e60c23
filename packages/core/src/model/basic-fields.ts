import type { Evaluation } from './evaluation.ts';

/**
 * 基本信息与签署栏 — the fields of a form's head and foot that are text as written (实施单位, 负责人,
 * 填报人, 联系电话, 填报日期, 项目实施内容, 年度目标完成情况): the name a person reads, and the labels
 * forms print them under. Readers of every format recognise a label through `basicFieldOf`; writers
 * print `name`. One list, so a form's new wording is added here once.
 */
export const BASIC_FIELDS = {
  implementingUnit: {
    name: '实施单位',
    labels: ['实施单位', '项目实施单位', '资金使用单位'],
  },
  projectLead: { name: '项目负责人', labels: ['项目负责人'] },
  financeLead: { name: '财务负责人', labels: ['财务负责人'] },
  preparer: { name: '填报人', labels: ['填报人', '填表人'] },
  contact: { name: '联系人', labels: ['联系人'] },
  phone: { name: '联系电话', labels: ['联系电话', '电话'] },
  filledDate: { name: '填报日期', labels: ['填报日期', '填表日期'] },
  implementation: {
    name: '项目实施内容',
    labels: ['项目实施内容及过程概述', '项目实施内容', '实施内容及过程概述'],
  },
  goalAchieved: {
    name: '年度目标完成情况',
    labels: ['年度目标完成情况', '年度总体目标完成情况', '实际完成情况'],
  },
} as const satisfies Record<string, { name: string; labels: readonly string[] }>;

export type BasicField = keyof typeof BASIC_FIELDS & keyof Evaluation;

/** 指标解释: the indicator's own text field of the same kind (部门整体 指标体系). */
export const INDICATOR_EXPLANATION = { name: '指标解释', labels: ['指标解释', '指标说明'] } as const;

/**
 * 实际到位资金 of a budget line (`BudgetLine.received`): the name a person reads and the labels forms print
 * it under, with the two rates the forms derive from it (computed by `fundsRates` in core's numbers).
 */
export const FUNDS_RECEIVED = {
  name: '实际到位资金',
  labels: ['实际到位资金', '实际到位', '到位资金', '资金到位数', '实际到位数'],
  /** 到位率 = 实际到位资金 ÷ 预算 */
  receivedRate: '资金到位率',
  /** 实际支出 ÷ 实际到位资金 */
  spentRate: '到位资金执行率',
} as const;

/** A label as forms vary it: no spaces, no numbering (2.), no （盖章）, no colon at the end. */
export function normaliseLabel(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/^(\d+[.、．]|[（(]\d+[)）])/, '')
    .replace(/[（(](盖章|签章|签字|签名)[)）]/g, '')
    .replace(/[:：]$/, '');
}

/** The field a printed label names ("实施单位 （盖章）" → implementingUnit), or undefined. */
export function basicFieldOf(label: string): BasicField | undefined {
  const k = normaliseLabel(label);
  if (!k) return undefined;
  for (const [field, def] of Object.entries(BASIC_FIELDS) as Array<
    [BasicField, { labels: readonly string[] }]
  >) {
    if (def.labels.includes(k)) return field;
  }
  return undefined;
}

/**
 * Label–value pairs written inline in one cell or line: "项目负责人：顾震", "（联系人:邹继明;联系电话:
 * 0873—3197023）". Only labels of BASIC_FIELDS count; a value ends at the next label, a semicolon or
 * the closing bracket.
 */
export function inlineBasicFields(text: string): Array<{ field: BasicField; value: string }> {
  const found: Array<{ field: BasicField; value: string }> = [];
  const all = Object.values(BASIC_FIELDS).flatMap((d) => [...d.labels]);
  const alternatives = [...new Set(all)].sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`(${alternatives})\\s*(?:[（(](?:盖章|签章|签字)[)）])?\\s*[:：]\\s*`, 'g');
  const marks = [...text.matchAll(re)];
  marks.forEach((m, k) => {
    const start = m.index + m[0].length;
    const end = marks[k + 1]?.index ?? text.length;
    const value = text
      .slice(start, end)
      .split(/[;；）)]/)[0]!
      .replace(/[，,、\s]+$/, '')
      .trim();
    const field = basicFieldOf(m[1]!);
    if (field && value) found.push({ field, value });
  });
  return found;
}
