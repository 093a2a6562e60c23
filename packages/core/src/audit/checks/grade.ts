import type { Finding } from '../../model/finding.ts';
import type { ScoreResult } from '../../model/result.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/** The framework's grade a written label means: "良好" is 良, "优秀" is 优; unknown words give null. */
export function gradeOfLabel(raw: string, grades: ScoreResult['grades']): string | null {
  const text = raw.replace(/[“”"「」\s]/g, '');
  for (const g of grades) {
    if (text === g.label || g.aliases.includes(text)) return g.label;
  }
  for (const g of grades) {
    if ([g.label, ...g.aliases].some((a) => a.length > 1 && text.includes(a))) return g.label;
  }
  return grades.find((g) => text.startsWith(g.label))?.label ?? null;
}

/** 等级与分数: a stated grade must be the band of the stated total (and of the recomputed one). */
export function checkGrade(ctx: AuditContext): Finding[] {
  const { evaluation, score } = ctx;
  const stated = evaluation.statedGrade;
  if (!stated?.raw || !score.grades.length) return [];
  const label = gradeOfLabel(stated.raw, score.grades);
  const out: Finding[] = [];
  const bands = score.grades.map((g) => `${g.label} ≥ ${g.min}`).join('，');
  if (label === null) {
    return [
      finding({
        code: 'grade-mismatch',
        severity: 'warning',
        message: `自评等级「${stated.raw}」不是评分框架的等级（${bands}）。`,
        evaluation,
        source: stated.source,
        evidence: { stated: stated.raw, bands },
        rule: 'audit.grade-label',
      }),
    ];
  }
  if (score.gradeOfStatedTotal && score.gradeOfStatedTotal !== label) {
    out.push(
      finding({
        code: 'grade-mismatch',
        severity: 'error',
        message: `自评得分 ${score.statedTotal} 分对应等级「${score.gradeOfStatedTotal}」，报告却写为「${stated.raw}」（${bands}）。`,
        evaluation,
        source: stated.source,
        evidence: {
          stated: stated.raw,
          computed: score.gradeOfStatedTotal,
          inputs: { 自评得分: score.statedTotal ?? '' },
          bands,
        },
        rule: 'audit.grade-band',
      }),
    );
  } else if (
    score.computedGrade &&
    !score.totalIncomplete &&
    score.computedGrade !== label &&
    score.computedTotal !== null
  ) {
    out.push(
      finding({
        code: 'grade-mismatch',
        severity: 'warning',
        message: `按评分规则重新计算的总分 ${score.computedTotal} 对应等级「${score.computedGrade}」，与自评等级「${stated.raw}」不同。`,
        evaluation,
        source: stated.source,
        evidence: {
          stated: stated.raw,
          computed: score.computedGrade,
          inputs: { 重算总分: score.computedTotal },
        },
        rule: 'audit.grade-recomputed',
      }),
    );
  }
  return out;
}
