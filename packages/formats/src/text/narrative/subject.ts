/**
 * What a figure is about, from the words before it. Connectives, dates, the reporting body and
 * scope words (共, 累计, 全年, 为, 达到 …) are cut so that the same fact written twice gets the same
 * subject: "全年共受理法律援助案件526件" → 受理法律援助案件, "调解成功率为97.60%" → 调解成功率.
 */

const BOUNDARY = /[，,；;：:、。！？!?]/;
const OPEN = '（([【〔《';
const CLOSE = '）)]】〕》';

/** Start of the clause that contains `at`: the last separator before it, at the same bracket depth. */
export function clauseStart(text: string, at: number, floor = 0): number {
  let depth = 0;
  for (let i = at - 1; i >= floor; i--) {
    const ch = text[i]!;
    if (CLOSE.includes(ch)) depth++;
    else if (OPEN.includes(ch)) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (depth === 0 && BOUNDARY.test(ch)) return i + 1;
  }
  return floor;
}

/** End of the clause that starts at `from`. */
export function clauseEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && BOUNDARY.test(ch)) return i;
  }
  return text.length;
}

const DATE =
  /\d{4}年(?:度)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:末|底|止|以来)?|\d{1,2}月\d{1,2}日(?:止)?|\d{1,2}[—\-至~]\d{1,2}月|截至|截止/g;
const SCOPE =
  /(?<![公总])(?:共计|共有|共|累计)(?![同享建治产青识性])|使得|(?<![平中高同对均])等(?![级同值次])/g;
const LEADING =
  /^(?:其中|另外|另有|另|并且|并|且|同时|此外|以及|及(?!时)|和(?!谐)|与|的|共计|共有|共|累计|全年(?!预算|执行|决算)|今年以来|年内|[一二三四五六七八九十]+是|首先|其次|先后|我局|我单位|本单位|我办|本部门|本局|止|末|底)/;
const TRAILING =
  /(?:均为|分别为|分别是|分别|为|达到|已达|达|是|约|(?<!实)有|了|的|至|共计|共|保持|已|在|仅有|仅|超过|也|：|:)$/;

export function cleanSubject(segment: string): string {
  let s = segment.replace(
    /^(?:\d{1,2}[.．、]?(?=\p{Script=Han})|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．])/u,
    '',
  );
  let cut = -1;
  let cutStart = -1;
  for (const m of s.matchAll(DATE)) {
    cut = m.index + m[0].length;
    cutStart = m.index;
  }
  if (cut > 0 && cut < s.length) {
    // "…支出决算比2022年下降": the comparison year goes, the subject stays
    const before = s.slice(0, cutStart);
    const after = s.slice(cut);
    s = /[比较与]$/.test(before) && CHANGE_START.test(after) ? `${before.slice(0, -1)}${after}` : after;
  }
  let scope = -1;
  for (const m of s.matchAll(SCOPE)) scope = m.index + m[0].length;
  if (scope > 0 && s.length - scope >= 2) s = s.slice(scope);
  s = s.replace(/^[-—–~～·.、]+|[-—–~～·]+$/g, '');
  for (let guard = 0; guard < 6; guard++) {
    const before = s;
    s = s.replace(LEADING, '').replace(TRAILING, '');
    s = s.replace(/[（(]([^（）()]{4,})[)）]$/, '');
    if (s === before) break;
  }
  return s;
}

/** "占本年支出的" → 本年支出 */
export function shareDenominator(subject: string): string {
  return subject
    .replace(/^占/, '')
    .replace(/的?(?:比重|比例)?$/, '')
    .replace(/的$/, '');
}

export const CHANGE_START =
  /^(?:较上年度?|比上年度?|同比|与上年相比)?(?:增加|减少|下降|增长|上升|降低|提高|增幅|降幅|减幅|持平)/;
/** "收、支总计各下降": a change named after its subject. */
export const CHANGE_END = /(?:增加|减少|下降|增长|上升|降低|提高)$/;
export const GENERIC_SUBJECT =
  /^(?:总?得分为?|总?分值|满分|实际完成值?|完成值|年初目标|目标值|指标值|全年目标值|实际|完成)$/;

/** "一级指标投入管理指标" → 投入管理指标; "履职效益情况" → 履职效益. */
export function cleanLabel(label: string): string {
  return label
    .replace(/^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．])/, '')
    .replace(/^一级指标/, '')
    .replace(/(?:情况分析|情况|分析)$/, '');
}
