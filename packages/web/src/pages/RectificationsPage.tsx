import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { RectificationStatus } from '@jixiao/core';
import { PageState } from '../components/PageState.tsx';
import { api, ApiError, type ListItem, type RectificationItem } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { formatTime } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

/** A row of GET /api/rectifications (core's contract). */
type Item = RectificationItem;

const STATUS_COLOURS: Record<RectificationStatus, string> = {
  open: 'default',
  'in-progress': 'processing',
  done: 'success',
};

const STATUS_OPTIONS: Array<{ value: RectificationStatus; label: string }> = [
  { value: 'open', label: '未开始' },
  { value: 'in-progress', label: '整改中' },
  { value: 'done', label: '已完成' },
];

/** What the date picker holds: antd's date, of which only the day is sent. */
type Day = { format(pattern: string): string } | null | undefined;

interface NewValues {
  evaluationId: number;
  problem: string;
  measure?: string;
  owner?: string;
  due?: Day;
}

interface ProgressValues {
  status: RectificationStatus;
  measure?: string;
  result?: string;
}

/**
 * 问题整改 — the problems found by the self-evaluation and the review, with measure, owner and deadline,
 * overdue first. The department's 填报人 registers its own, moves each on and closes it with what was done;
 * the region's 财政审核人 registers those of the review and follows them.
 */
export function RectificationsPage() {
  const { user } = useAuth();
  const { modal } = App.useApp();
  const filler = user?.role === 'filler';
  const items = useLoad(() => api<Item[]>('GET', '/api/rectifications'), 'rectifications');
  const evaluations = useLoad(() => api<ListItem[]>('GET', '/api/evaluations'), 'rectification-evaluations');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Item | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [addForm] = Form.useForm<NewValues>();
  const [progressForm] = Form.useForm<ProgressValues>();
  const closing = Form.useWatch('status', progressForm) === 'done';

  const run = async (action: () => Promise<unknown>, done: () => void) => {
    setSaving(true);
    setError(null);
    try {
      await action();
      done();
      items.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    } finally {
      setSaving(false);
    }
  };

  const register = async () => {
    const v = await addForm.validateFields();
    await run(
      () =>
        api('POST', `/api/evaluations/${v.evaluationId}/rectifications`, {
          problem: v.problem,
          ...(v.measure ? { measure: v.measure } : {}),
          ...(v.owner ? { owner: v.owner } : {}),
          ...(v.due ? { due: v.due.format('YYYY-MM-DD') } : {}),
        }),
      () => setAdding(false),
    );
  };

  const save = async () => {
    if (!editing) return;
    const v = await progressForm.validateFields();
    const send = () =>
      run(
        () =>
          api('PUT', `/api/rectifications/${editing.id}`, {
            status: v.status,
            ...(v.result ? { result: v.result } : {}),
            ...(v.measure !== undefined ? { measure: v.measure } : {}),
          }),
        () => setEditing(null),
      );
    if (v.status !== 'done') return send();
    // Closing is the last step of an item: asked once more, with what will be recorded.
    modal.confirm({
      title: '确认整改已完成？',
      content: `「${editing.problem}」将标为已完成，整改结果记为：${v.result ?? ''}`,
      okText: '确认完成',
      cancelText: '再看看',
      onOk: send,
    });
  };

  if (items.error || (items.loading && !items.data))
    return (
      <PageState loading={items.loading} error={items.error} status={items.status} reload={items.reload} />
    );
  const rows = items.data ?? [];
  const overdue = rows.filter((r) => r.overdue).length;
  // The reviewer registers problems of the review: only evaluations it has received.
  const choices = (evaluations.data ?? []).filter((e) => filler || e.status !== 'draft');

  return (
    <Card
      title="问题整改"
      extra={
        <Button
          type="primary"
          onClick={() => {
            addForm.resetFields();
            setError(null);
            setAdding(true);
          }}
        >
          {filler ? '登记自评发现的问题' : '登记复核发现的问题'}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        自评和财政复核发现的问题逐项登记整改措施、责任人和整改期限；本部门填报人更新整改进度，完成时写明整改结果。逾期未完成的排在最前。
      </Typography.Paragraph>
      {overdue ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`有 ${overdue} 项整改已逾期未完成`}
        />
      ) : null}
      <Table<Item>
        rowKey="id"
        size="middle"
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description="还没有登记整改事项" /> }}
        columns={[
          {
            title: '存在问题',
            dataIndex: 'problem',
            width: 240,
            render: (p: string, r) => (
              <Space direction="vertical" size={0}>
                <span>{p}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.foundBy === 'self' ? '自评发现' : '复核发现'} · {r.createdBy}登记
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '所属自评',
            width: 220,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/evaluations/${r.evaluationId}`}>{r.evaluation.title}</Link>
                {!filler ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.evaluation.department}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          { title: '整改措施', dataIndex: 'measure', render: (m: string) => m || '—' },
          { title: '责任人', dataIndex: 'owner', width: 110, render: (o: string) => o || '—' },
          {
            title: '整改期限',
            dataIndex: 'due',
            width: 130,
            render: (d: string | null, r) => (
              <Space direction="vertical" size={0}>
                <span>{d ?? '未定'}</span>
                {r.overdue ? <Tag color="error">逾期</Tag> : null}
              </Space>
            ),
          },
          {
            title: '整改进度',
            width: 100,
            render: (_, r) => <Tag color={STATUS_COLOURS[r.status]}>{r.statusName}</Tag>,
          },
          { title: '整改结果', dataIndex: 'result', render: (x: string) => x || '—' },
          {
            title: '最近更新',
            width: 150,
            render: (_, r) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.updatedBy} {formatTime(r.updatedAt)}
              </Typography.Text>
            ),
          },
          ...(filler
            ? [
                {
                  title: '操作',
                  width: 110,
                  render: (_: unknown, r: Item) =>
                    r.status === 'done' ? null : (
                      <Button
                        size="small"
                        onClick={() => {
                          progressForm.setFieldsValue({
                            status: r.status,
                            measure: r.measure,
                            result: r.result,
                          });
                          setError(null);
                          setEditing(r);
                        }}
                      >
                        更新进度
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />

      <Modal
        title={filler ? '登记自评发现的问题' : '登记复核发现的问题'}
        open={adding}
        okText="登记"
        cancelText="取消"
        confirmLoading={saving}
        onOk={register}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form form={addForm} layout="vertical" preserve={false}>
          <Form.Item
            label="所属自评"
            name="evaluationId"
            rules={[{ required: true, message: '请选择所属自评' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={choices.map((e) => ({
                value: e.id,
                label: `${e.title}${filler ? '' : ` · ${e.department}`}`,
              }))}
              notFoundContent={filler ? '本部门还没有自评' : '本地区还没有提交的自评'}
            />
          </Form.Item>
          <Form.Item
            label="存在问题"
            name="problem"
            rules={[{ required: true, whitespace: true, message: '请填写存在问题' }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label="整改措施" name="measure">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label="责任人或责任单位" name="owner">
            <Input />
          </Form.Item>
          <Form.Item label="整改期限" name="due">
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon message={error} /> : null}
      </Modal>

      <Modal
        title={editing ? `更新整改进度：${editing.problem}` : ''}
        open={editing !== null}
        okText={closing ? '完成整改' : '保存'}
        cancelText="取消"
        confirmLoading={saving}
        onOk={save}
        onCancel={() => setEditing(null)}
      >
        <Form form={progressForm} layout="vertical">
          <Form.Item label="整改进度" name="status" rules={[{ required: true, message: '请选择整改进度' }]}>
            <Select options={STATUS_OPTIONS} />
          </Form.Item>
          <Form.Item label="整改措施" name="measure">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item
            label="整改结果（完成时必填）"
            name="result"
            rules={[
              {
                required: closing,
                whitespace: true,
                message: '整改完成须写明整改结果',
              },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon message={error} /> : null}
      </Modal>
    </Card>
  );
}
