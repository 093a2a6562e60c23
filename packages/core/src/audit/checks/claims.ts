import type { Finding } from '../../model/finding.ts';
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
