import type { TargetTraceView } from '@jixiao/core';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { api } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

/**
 * 指标值的来历 — on a self-evaluation made from the year's approved 绩效目标: which approval its 指标值
 * came from, and whether the saved rows still hold them. Nothing when it was not made from targets.
 */
export function TargetTraceNote({ evaluationId, version }: { evaluationId: number; version: number }) {
  const trace = useLoad(
    () => api<TargetTraceView | null>('GET', `/api/evaluations/${evaluationId}/targets`),
    `trace-${evaluationId}-${version}`,
  );
  const t = trace.data;
  if (!t) return null;
  const changed = t.rows.filter((r) => !r.same);
  return (
    <Alert
      type={changed.length ? 'warning' : 'info'}
      showIcon
      data-testid="evaluation-target-trace"
      message={
        <span>
          指标值来自<Link to={`/targets/${t.targetId}`}>「{t.projectName}」绩效目标</Link>第 {t.revision}{' '}
          版批复（
          {t.approvedBy ?? '—'} {formatTime(t.approvedAt)}）
          {changed.length
            ? `；已保存的 ${changed.length} 项指标值与批复不一致：${changed.map((r) => r.name).join('、')}`
            : '，已保存的各项指标值均与批复一致'}
          {t.laterRevision ? `；目标其后又批复了第 ${t.laterRevision} 版` : ''}
        </span>
      }
    />
  );
}
