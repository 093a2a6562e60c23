import type { EvaluationDocument } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import type { EvaluationResult } from '../../model/result.ts';
import { D } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

const NOTHING = /^[\s\u3000无。/-]*$/;

/** 自评满分却列出问题: a report that lists real problems and still gives itself full marks. */
export function checkClaims(ctx: AuditContext): Finding[] {
  const { evaluation, score } = ctx;
  const total = evaluation.statedTotal?.value;
  const problems = evaluation.problems ?? '';
  if (!total || NOTHING.test(problems)) return [];
  const full = new D(score.expectedWeightTotal ?? score.maxTotal);
  if (new D(total).lt(full)) return [];
  return [
    finding({
      code: 'narrative-conflict',
      severity: 'warning',
      message: `自评得分 ${evaluation.statedTotal!.raw} 分（满分），但「存在问题」中列出了问题：“${problems.slice(0, 60)}${problems.length > 60 ? '…' : ''}”。有问题却不扣分，请说明或据实扣分。`,
      evaluation,
      source: evaluation.statedTotal!.source,
      evidence: { stated: evaluation.statedTotal!.raw, text: problems },
      rule: 'audit.full-marks-with-problems',
    }),
  ];
}

/**
 * 完成断言与未完成指标: the prose says every target was met ("达到了年初设定的各项绩效目标") while the
 * table shows indicators that were not. One finding per evaluation, quoting the claim and listing them.
 */
export function checkClaimsAgainstResults(
  document: EvaluationDocument,
  results: EvaluationResult[],
): Finding[] {
  const claims = document.claims ?? [];
  if (!claims.length) return [];
  const out: Finding[] = [];
  for (const r of results) {
    if (r.evaluation.kind === 'summary') continue;
    const met = new Map(r.score.indicators.map((s) => [s.indicatorId, s.met]));
    const unmet = r.evaluation.indicators.filter((i) => met.get(i.id) === false);
    if (!unmet.length) continue;
    const mine = claims.filter((c) => !c.about || c.about === r.evaluation.projectName);
    if (!mine.length) continue;
    const first = mine[0]!;
    out.push(
      finding({
        code: 'narrative-conflict',
        severity: 'warning',
        message: `正文称“${first.text.slice(0, 60)}${first.text.length > 60 ? '…' : ''}”（第 ${first.source?.line ?? '?'} 行${mine.length > 1 ? `等 ${mine.length} 处` : ''}），但表中 ${unmet.length} 个指标未达到指标值：${unmet
          .map((i) => `「${i.name}」（${i.target?.raw ?? ''} → ${i.actual?.raw ?? ''}）`)
          .join('、')}。请如实表述完成情况。`,
        evaluation: r.evaluation,
        source: first.source,
        evidence: {
          text: first.text,
          others: mine.slice(1).map((c) => ({ value: c.text, location: c.source ?? {} })),
          unmet: unmet.map((i) => ({
            name: i.name,
            target: i.target?.raw,
            actual: i.actual?.raw,
            line: i.source?.line,
          })),
        },
        rule: 'audit.claim-all-met',
      }),
    );
  }
  return out;
}
