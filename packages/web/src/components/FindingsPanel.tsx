import { Alert, App, Button, Collapse, Descriptions, Empty, Input, List, Modal, Tag, Typography } from 'antd';
import { describeSource, FINDING_CODE_NAMES, ruleName, type Finding, type Severity } from '@jixiao/core';
import { useState } from 'react';
import {
  api,
  ApiError,
  type Disposition,
  type DispositionEntry,
  type SubmittedExplanation,
} from '../lib/api.ts';
import { findingKey } from '../lib/assess.ts';
import { formatTime } from '../lib/format.ts';
import { findingPlace } from '../lib/locate.ts';

export const SEVERITY: Record<Severity, { label: string; color: string }> = {
  error: { label: '错误', color: 'red' },
  warning: { label: '警告', color: 'orange' },
  info: { label: '提示', color: 'blue' },
};

const ROUNDING: Record<string, string> = {
  'within-rounding': '差异在四舍五入范围内',
  'beyond-rounding': '差异超出四舍五入范围',
  truncation: '像是截位而非四舍五入',
};

function Evidence({ f }: { f: Finding }) {
  const e = f.evidence;
  const items = [
    e.stated !== undefined && { key: 's', label: '填报值', children: e.stated },
    e.computed !== undefined && { key: 'c', label: '复算值', children: e.computed },
    e.formula && { key: 'f', label: '算式', children: e.formula },
    e.rounding && { key: 'r', label: '舍入', children: ROUNDING[e.rounding] ?? e.rounding },
    e.inputs && {
      key: 'i',
      label: '输入',
      children: Object.entries(e.inputs)
        .map(([k, v]) => `${k}：${v}`)
        .join('；'),
    },
    e.others?.length && {
      key: 'o',
      label: '其他出处',
      children: e.others.map((o) => `${o.value}（${describeSource(o.location)}）`).join('；'),
    },
    f.rule && { key: 'rule', label: '规则', children: ruleName(f.rule) },
  ].filter((x): x is { key: string; label: string; children: string } => Boolean(x));
  if (!items.length) return null;
  return <Descriptions size="small" column={1} items={items} style={{ marginTop: 8 }} />;
}

/** The findings a reviewer has marked 不是问题, by key. */
export function dismissedKeys(dispositions: Disposition[] | undefined): Map<string, Disposition> {
  return new Map((dispositions ?? []).filter((d) => d.dismissed).map((d) => [d.key, d]));
}

/**
 * 审核发现 — findings grouped by severity, each with its place and evidence. Findings a 财政审核人 marked
 * 不是问题 are greyed with the reason and who marked them; with `marking`, the reviewer marks and withdraws.
 */
export function FindingsPanel({
  findings,
  onLocate,
  dispositions,
  explanations,
  history,
  marking,
}: {
  findings: Finding[];
  /** Shows the row a finding points at (indicator or budget line); absent when there is no table. */
  onLocate?: (f: Finding) => void;
  dispositions?: Disposition[];
  /** The 填报人's explanations given at submission, shown on the finding they explain. */
  explanations?: SubmittedExplanation[];
  history?: DispositionEntry[] | null;
  /** The reviewer may mark findings of this evaluation; onChanged reloads after a mark. */
  marking?: { evaluationId: number; onChanged: () => void };
}) {
  const { message } = App.useApp();
  const [dismissing, setDismissing] = useState<Finding | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const dismissed = dismissedKeys(dispositions);
  const explained = new Map((explanations ?? []).map((e) => [e.key, e]));
  const messages = new Map(
    findings.map((f) => [findingKey(f), `${FINDING_CODE_NAMES[f.code]}：${f.message}`]),
  );

  async function send(action: 'dismiss' | 'restore', key: string, why: string): Promise<boolean> {
    if (!marking) return false;
    setBusy(true);
    try {
      await api('POST', `/api/evaluations/${marking.evaluationId}/findings/${action}`, { key, reason: why });
      message.success(action === 'dismiss' ? '已标记为不是问题' : '已撤销标记');
      marking.onChanged();
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
      return false;
    } finally {
      setBusy(false);
    }
  }

  if (!findings.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有发现问题" />;
  const groups = (['error', 'warning', 'info'] as const)
    .map((severity) => ({ severity, list: findings.filter((f) => f.severity === severity) }))
    .filter((g) => g.list.length);
  const panel = (
    <Collapse
      size="small"
      defaultActiveKey={['error', 'warning']}
      items={groups.map((g) => ({
        key: g.severity,
        label: (
          <span data-testid={`findings-${g.severity}`}>
            <Tag color={SEVERITY[g.severity].color}>{SEVERITY[g.severity].label}</Tag>
            {g.list.length} 条
          </span>
        ),
        children: g.list.map((f, i) => {
          const mark = dismissed.get(findingKey(f));
          const why = explained.get(findingKey(f));
          return (
            <Alert
              key={`${f.code}-${i}`}
              data-testid={mark ? 'finding-dismissed' : 'finding'}
              type={
                mark
                  ? 'info'
                  : g.severity === 'error'
                    ? 'error'
                    : g.severity === 'warning'
                      ? 'warning'
                      : 'info'
              }
              style={{ marginBottom: 8, ...(mark ? { borderStyle: 'dashed', filter: 'grayscale(1)' } : {}) }}
              message={
                <span>
                  {mark && <Tag>不是问题</Tag>}
                  <Tag>{FINDING_CODE_NAMES[f.code]}</Tag> {f.message}
                </span>
              }
              description={
                <div style={{ fontSize: 12 }}>
                  {why && (
                    <div data-testid="finding-explanation">
                      <Typography.Text>
                        填报人说明（{why.authorName}，{formatTime(why.at)}）：{why.text}
                      </Typography.Text>
                    </div>
                  )}
                  {mark && (
                    <div>
                      <Typography.Text>
                        已由「{mark.authorName}」于 {formatTime(mark.at)} 标记为不是问题，理由：{mark.reason}
                      </Typography.Text>
                    </div>
                  )}
                  <Typography.Text type="secondary">位置：{findingPlace(f)}</Typography.Text>
                  {onLocate && (f.location.indicator || f.location.budgetLine) && (
                    <Button type="link" size="small" onClick={() => onLocate(f)}>
                      定位到表格
                    </Button>
                  )}
                  {marking &&
                    (mark ? (
                      <Button
                        type="link"
                        size="small"
                        disabled={busy}
                        onClick={() => void send('restore', findingKey(f), '')}
                      >
                        撤销标记
                      </Button>
                    ) : (
                      <Button
                        type="link"
                        size="small"
                        disabled={busy}
                        onClick={() => {
                          setReason('');
                          setDismissing(f);
                        }}
                      >
                        标记为不是问题
                      </Button>
                    ))}
                  <Evidence f={f} />
                </div>
              }
            />
          );
        }),
      }))}
    />
  );

  return (
    <>
      {panel}
      {history && history.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>处置记录</Typography.Text>}
          data-testid="disposition-history"
          dataSource={history}
          renderItem={(h) => (
            <List.Item>
              <Typography.Text style={{ fontSize: 12 }}>
                {formatTime(h.at)} {h.authorName}
                {h.action === 'dismiss' ? ' 标记为不是问题' : ' 撤销标记'}：{messages.get(h.key) ?? h.key}
                {h.reason ? `（${h.reason}）` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      <Modal
        title="标记为不是问题"
        open={dismissing !== null}
        okText="确认标记"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setDismissing(null)}
        onOk={async () => {
          if (dismissing && (await send('dismiss', findingKey(dismissing), reason.trim())))
            setDismissing(null);
        }}
      >
        {dismissing && (
          <Typography.Paragraph>
            <Tag>{FINDING_CODE_NAMES[dismissing.code]}</Tag> {dismissing.message}
          </Typography.Paragraph>
        )}
        <Input.TextArea
          aria-label="不是问题的理由"
          rows={3}
          placeholder="请写明理由（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
