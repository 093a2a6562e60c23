import { Alert, Button, Card, Empty, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Lamp, MonitoringCheckpoint } from '@jixiao/core';
import { PageState } from '../components/PageState.tsx';
import { api, ApiError, type MonitoringRow } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useLoad } from '../lib/useLoad.ts';

/** A row of GET /api/monitoring: an evaluation with its lamps (core's MonitoringStatus). */
type BoardRow = MonitoringRow;

const LAMP_COLOURS: Record<Lamp, string> = {
  green: 'success',
  yellow: 'warning',
  red: 'error',
  unknown: 'default',
};

function LampTag({ lamp, name }: { lamp: Lamp; name: string }) {
  return <Tag color={LAMP_COLOURS[lamp]}>{name}</Tag>;
}

/** 执行进度监控 — each monitored project's checkpoints as lamps; the 填报人 reports the month's 执行数 here. */
export function MonitoringPage() {
  const { user } = useAuth();
  const board = useLoad(() => api<BoardRow[]>('GET', '/api/monitoring'), 'monitoring');
  const [editing, setEditing] = useState<{ row: BoardRow; checkpoint: MonitoringCheckpoint } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ executed: string; budget?: string; reason?: string }>();
  const filler = user?.role === 'filler';

  const submit = async () => {
    if (!editing) return;
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api(
        'PUT',
        `/api/evaluations/${editing.row.evaluation.id}/monitoring/${editing.checkpoint.month}`,
        {
          executed: values.executed,
          ...(values.budget ? { budget: values.budget } : {}),
          ...(values.reason ? { reason: values.reason } : {}),
        },
      );
      setEditing(null);
      board.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    } finally {
      setSaving(false);
    }
  };

  if (board.error || (board.loading && !board.data))
    return (
      <PageState loading={board.loading} error={board.error} status={board.status} reload={board.reload} />
    );
  const rows = board.data ?? [];
  return (
    <Card title="执行进度监控">
      <Typography.Paragraph type="secondary">
        按各评分框架的执行进度监控方案，在监控时点填报截至月末的累计执行数；达到目标进度为绿灯，落后为黄灯或红灯，黄灯、红灯须说明原因。
      </Typography.Paragraph>
      {rows.length === 0 ? (
        <Empty description="没有需要监控执行进度的自评（其评分框架没有执行进度监控方案）" />
      ) : (
        <Table<BoardRow>
          rowKey={(r) => r.evaluation.id}
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: '项目或部门',
              render: (_, r) => <Link to={`/evaluations/${r.evaluation.id}`}>{r.evaluation.title}</Link>,
            },
            { title: '填报单位', render: (_, r) => r.evaluation.department },
            {
              title: '总体',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <LampTag lamp={r.worst} name={r.worstName} />
                  {r.focus?.focus ? <Tag color="magenta">重点监控</Tag> : null}
                </Space>
              ),
            },
            {
              title: '各监控时点',
              render: (_, r) => (
                <Space direction="vertical">
                  {r.checkpoints.map((c) => (
                    <Space key={c.month} wrap>
                      <Tooltip title={c.explanation}>
                        <span>
                          {c.month} 月（目标 {c.target}%）：
                          <LampTag lamp={c.lamp} name={c.lampName} />
                          {c.actual ? `${c.actual}%` : '未填报'}
                        </span>
                      </Tooltip>
                      {c.report?.reason ? (
                        <Typography.Text type="secondary">原因：{c.report.reason}</Typography.Text>
                      ) : null}
                      {filler ? (
                        <Button
                          size="small"
                          onClick={() => {
                            form.setFieldsValue({
                              executed: c.report?.executed ?? '',
                              budget: c.report?.budget ?? '',
                              reason: c.report?.reason ?? '',
                            });
                            setError(null);
                            setEditing({ row: r, checkpoint: c });
                          }}
                        >
                          填报 {c.month} 月
                        </Button>
                      ) : null}
                    </Space>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        title={editing ? `填报 ${editing.checkpoint.month} 月执行进度：${editing.row.evaluation.title}` : ''}
        open={editing !== null}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={submit}
        onCancel={() => setEditing(null)}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            label="截至月末累计执行数（万元）"
            name="executed"
            rules={[{ required: true, message: '请填写累计执行数' }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item label="全年预算数（万元，不填则取自评表的全年预算数）" name="budget">
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item label="未达进度原因（黄灯、红灯必填）" name="reason">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon message={error} /> : null}
      </Modal>
    </Card>
  );
}
