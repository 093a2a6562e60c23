import { parseStated, type CategoryScore } from '@jixiao/core';
import { lineAt, type Paragraph } from './paragraphs.ts';

/** "一级指标投入管理指标：总分值 30 分，总得分 29 分" */
export function categoryScoresIn(p: Paragraph, file: string): CategoryScore[] {
  const out: CategoryScore[] = [];
  for (const m of p.text.matchAll(/一级指标([^：:，,。；;]{2,20})[：:]([^。]*)/g)) {
    const body = m[2]!;
    const at = m.index + m[0].length - body.length;
    const weight = /(?:总分值|分值|满分|权重)(?:为|是)?(\d+(?:\.\d+)?)分/.exec(body);
    const score = /(?:总得分|得分)(?:为|是)?(\d+(?:\.\d+)?)分/.exec(body);
    if (!weight && !score) continue;
    const c: CategoryScore = { level1: m[1]!, source: { file, line: lineAt(p, m.index) } };
    if (weight) c.weight = parseStated(`${weight[1]}分`, { file, line: lineAt(p, at + weight.index) });
    if (score) c.statedScore = parseStated(`${score[1]}分`, { file, line: lineAt(p, at + score.index) });
    out.push(c);
  }
  return out;
}

const GRADE_WORD = '(优秀|优|良好|良|中等|中|合格|及格|不合格|差)(?=[”"」]|[^\\p{Script=Han}]|$)';
const GRADE = new RegExp(
  `(?:自评结果|评价结果|评价等级|绩效等级|自评等级)(?:为|是|[:：])?[“"「]?${GRADE_WORD}|评为[“"「]?${GRADE_WORD}`,
  'gu',
);

/** "自评结果为优", "评价等级为“优”", "绩效评为“良好”". */
export function gradesIn(p: Paragraph): Array<{ raw: string; at: number }> {
  const out: Array<{ raw: string; at: number }> = [];
  for (const m of p.text.matchAll(GRADE)) out.push({ raw: (m[1] ?? m[2])!, at: m.index });
  return out;
}
