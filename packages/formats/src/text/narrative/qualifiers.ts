/**
 * Qualifiers tell two figures with one subject apart: "年初预算安排…项目支出80.00万元" is not
 * "支出合计…项目支出1,045.50万元". Stage words (年初, 全年, 预算, 决算 …) hold for the rest of the
 * sentence part (up to ；), the month for the part too (the latest one wins); comparisons with last
 * year (较上年, 同比) and the year a figure belongs to (本年, 上年) hold only for their clause.
 */

const STAGE: Array<[RegExp, string]> = [
  [/年初(?!设定|设置)/g, '年初'],
  [/全年/g, '全年'],
  [/调整后/g, '调整后'],
  [/调整(?!后)/g, '调整'],
  [/调增/g, '调增'],
  [/调减/g, '调减'],
  [/到位(?=资金|金额|和|项目|\d|数|率|$)/g, '到位'],
  [/预算(?!项目|单位|绩效|管理|编制|法|部门|草案)/g, '预算'],
  [/决算/g, '决算'],
  [/执行(?=数|率|进度|情况|支出|金额)/g, '执行'],
  [/年末/g, '年末'],
];
const MONTH = /(?<![\d个])(\d{1,2})月/g;
const CLAUSE = /较上年|比上年|与上年相比|与\d{4}年度?相比|[比较]\d{4}年度?|同比|上年度?|本年度?|当年/g;

function clauseWord(w: string): string {
  if (w === '同比') return '同比';
  if (/^(较|比|与)/.test(w)) return '较上年';
  if (w.startsWith('上年')) return '上年';
  return '本年';
}

/** `part`: the sentence part before the figure; `clause`: its own clause before the figure. */
export function qualifiersOf(part: string, clause: string): string[] {
  const text = part.replace(/《[^》]*》/g, '');
  const found: Array<{ at: number; word: string }> = [];
  for (const [re, word] of STAGE) {
    const m = re.exec(text);
    re.lastIndex = 0;
    if (m) found.push({ at: m.index, word });
    // global regexes keep state; exec once from the start is enough for presence
  }
  let month: { at: number; word: string } | undefined;
  for (const m of text.matchAll(MONTH)) {
    const n = Number(m[1]);
    if (n >= 1 && n <= 12) month = { at: m.index, word: `${n}月` };
  }
  if (month) found.push(month);
  const cleanClause = clause.replace(/《[^》]*》/g, '');
  for (const m of cleanClause.matchAll(CLAUSE)) {
    found.push({ at: text.length - cleanClause.length + m.index, word: clauseWord(m[0]) });
  }
  const out: string[] = [];
  for (const f of found.sort((a, b) => a.at - b.at)) if (!out.includes(f.word)) out.push(f.word);
  return out;
}
