import { App, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, type StoredEvaluation } from '../lib/api.ts';
import { score } from '../lib/format.ts';
import { selfAccuracy } from '../lib/review.ts';

/**
 * 复核 — the 财政审核人's review score and comment beside the self score, and the status
 * actions: 退回 (with a comment), 审核通过, 公开. 退回 and 公开 ask first (one sends the work back, the other
 * shows it to everyone); 审核通过 needs a saved 复核得分 or the reviewer's tick that it is 与自评一致.
 */
export function ReviewPanel({ stored, onChanged }: { stored: StoredEvaluation; onChanged: () => void }) {
  const { message } = App.useApp();
  const [total, setTotal] = useState<number | null>(
    stored.review?.review_total ? Number(stored.review.review_total) : null,
  );
  const [comment, setComment] = useState(stored.review?.comment ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  const [sameAsSelf, setSameAsSelf] = useState(false);
  const reviewed = stored.review?.review_total != null && stored.review.review_total !== '';
  const status = stored.status;
  const self = stored.score.statedTotal ?? stored.score.computedTotal;
  const accuracy = total !== null && self !== null ? selfAccuracy(stored.score, self, total) : null;

  async function run(label: string, call: () => Promise<unknown>) {
    setBusy(label);
    try {
      await call();
      message.success(`${label}成功`);
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : `${label}失败`);
    } finally {
      setBusy(null);
    }
  }

  const canScore = status === 'submitted' || status === 'accepted';
  return (
    <Card size="small" title="财政复核">
      <Form layout="vertical">
        <Space wrap align="start">
          <Form.Item label={`复核得分（自评 ${score(self)}）`} style={{ marginBottom: 8 }}>
            <InputNumber
              aria-label="复核得分"
              min={0}
              max={100}
              step={0.01}
              precision={2}
              value={total}
              disabled={!canScore}
              onChange={(v) => setTotal(v)}
              style={{ width: 140 }}
            />
          </Form.Item>
          {accuracy && (
            <Typography.Text
              data-testid="review-gap"
              type={accuracy.deduction !== null && accuracy.deduction !== '0' ? 'danger' : 'secondary'}
              style={{ display: 'inline-block', paddingTop: 34, maxWidth: 360 }}
            >
              与自评相差 {accuracy.gap} 分（占复核得分 {accuracy.percent}%）
              {accuracy.deduction !== null && `；按本框架「自评准确」扣 ${score(accuracy.deduction)} 分`}
            </Typography.Text>
          )}
        </Space>
        <Form.Item label="复核意见" style={{ marginBottom: 8 }}>
          <Input.TextArea
            aria-label="复核意见"
            value={comment}
            autoSize={{ minRows: 2, maxRows: 5 }}
            onChange={(e) => setComment(e.target.value)}
          />
        </Form.Item>
        <Space wrap>
          <Button
            disabled={!canScore || total === null}
            loading={busy === '保存复核'}
            onClick={() =>
              run('保存复核', () =>
                api('PUT', `/api/evaluations/${stored.id}/review`, {
                  reviewTotal: total?.toFixed(2),
                  comment,
                }),
              )
            }
          >
            保存复核得分
          </Button>
          <Popconfirm
            title="退回这份自评？"
            description="退回后填报人按复核意见修改，再重新提交。"
            okText="确认退回"
            cancelText="取消"
            okButtonProps={{ danger: true }}
            disabled={status !== 'submitted' || !comment.trim()}
            onConfirm={() =>
              run('退回', () => api('POST', `/api/evaluations/${stored.id}/return`, { comment }))
            }
          >
            <Button
              danger
              disabled={status !== 'submitted' || !comment.trim()}
              title={!comment.trim() ? '退回需要填写复核意见' : undefined}
              loading={busy === '退回'}
            >
              退回
            </Button>
          </Popconfirm>
          {status === 'submitted' && !reviewed && (
            <Checkbox checked={sameAsSelf} onChange={(e) => setSameAsSelf(e.target.checked)}>
              与自评一致
            </Checkbox>
          )}
          <Button
            type="primary"
            disabled={status !== 'submitted' || (!reviewed && !sameAsSelf)}
            title={!reviewed && !sameAsSelf ? '请先保存复核得分，或勾选“与自评一致”' : undefined}
            loading={busy === '审核通过'}
            onClick={() =>
              run('审核通过', () =>
                api('POST', `/api/evaluations/${stored.id}/accept`, {
                  comment,
                  ...(reviewed ? {} : { sameAsSelf: true }),
                }),
              )
            }
          >
            审核通过
          </Button>
          <Popconfirm
            title="公开这份自评？"
            description="公开后任何人都能在门户网站看到这份报告。"
            okText="确认公开"
            cancelText="取消"
            disabled={status !== 'accepted'}
            onConfirm={() => run('公开', () => api('POST', `/api/evaluations/${stored.id}/publish`, {}))}
          >
            <Button disabled={status !== 'accepted'} loading={busy === '公开'}>
              公开
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}
