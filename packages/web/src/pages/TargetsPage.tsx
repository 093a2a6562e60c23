import { Alert, Button, Card, Empty, Form, Input, InputNumber, Modal, Radio, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TargetStatus, TargetView } from '@jixiao/core';
import { PageState } from '../components/PageState.tsx';
import { api, ApiError, type ListItem } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { formatTime } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

export const TARGET_COLOURS: Record<TargetStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
};

interface NewValues {
  year: number;
  from: 'copy' | 'blank';
  fromEvaluationId?: number;
  projectName?: string;
}

/**
 * 绩效目标 — each project's targets for a year: the department's 填报人 starts a table (copied from last
 * year's evaluation of the project, or blank), the region's 财政审核人 sees those submitted to it.
 */
export function TargetsPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const filler = user?.role === 'filler';
  const list = useLoad(() => api<TargetView[]>('GET', '/api/targets'), 'targets');
  const evaluations = useLoad(
    () => (filler ? api<ListItem[]>('GET', '/api/evaluations') : Promise.resolve([])),
    `target-sources-${filler}`,
  );
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<NewValues>();
  const from = Form.useWatch('from', form);
  const year = Form.useWatch('year', form);
  const lastYear = (evaluations.data ?? []).filter((e) => e.kind === 'project' && e.year === (year ?? 0) - 1);

  const create = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const t = await api<TargetView>('POST', '/api/targets', {
        year: v.year,
        ...(v.projectName?.trim() ? { projectName: v.projectName.trim() } : {}),
        ...(v.from === 'copy' && v.fromEvaluationId ? { fromEvaluationId: v.fromEvaluationId } : {}),
      });
      setCreating(false);
      navigate(`/targets/${t.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '新建失败，请重试');
    } finally {
      setSaving(false);
    }
  };

  if (list.error || (list.loading && !list.data))
    return <PageState loading={list.loading} error={list.error} status={list.status} reload={list.reload} />;
  return (
    <Card
      title="绩效目标"
      extra={
        filler ? (
          <Button
            type="primary"
            onClick={() => {
              form.setFieldsValue({ year: new Date().getFullYear(), from: 'copy' });
              setError(null);
              setCreating(true);
            }}
          >
            新建绩效目标
          </Button>
        ) : null
      }
    >
      <Table<TargetView>
        rowKey="id"
        size="middle"
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <Empty
              description={filler ? '还没有绩效目标，点「新建绩效目标」开始' : '本地区还没有提交的绩效目标'}
            />
          ),
        }}
        columns={[
          {
            title: '项目名称',
            dataIndex: 'projectName',
            render: (p: string, r) => <Link to={`/targets/${r.id}`}>{p}</Link>,
          },
          { title: '年度', dataIndex: 'year', width: 80 },
          ...(filler ? [] : [{ title: '填报单位', dataIndex: 'department', width: 200 }]),
          {
            title: '状态',
            width: 120,
            render: (_, r) => <Tag color={TARGET_COLOURS[r.status]}>{r.statusName}</Tag>,
          },
          {
            title: '版本',
            width: 160,
            render: (_, r) =>
              `第 ${r.revision} 版${r.approvedRevision ? `（执行第 ${r.approvedRevision} 版批复）` : ''}`,
          },
          {
            title: '最近更新',
            width: 180,
            render: (_, r) => {
              const last = r.revisions[r.revisions.length - 1]!;
              return `${last.updatedBy} ${formatTime(last.updatedAt)}`;
            },
          },
        ]}
      />
      <Modal
        title="新建绩效目标"
        open={creating}
        okText="新建"
        cancelText="取消"
        confirmLoading={saving}
        onOk={create}
        onCancel={() => setCreating(false)}
      >
        <Form form={form} layout="vertical">
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={1990} max={2200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="指标来源" name="from">
            <Radio.Group
              options={[
                { value: 'copy', label: '复制上年同一项目的自评' },
                { value: 'blank', label: '空白目标表' },
              ]}
            />
          </Form.Item>
          {from === 'copy' ? (
            <Form.Item
              label={`上年（${(year ?? 0) - 1} 年度）自评`}
              name="fromEvaluationId"
              rules={[{ required: true, message: '请选择上年同一项目的自评' }]}
            >
              <Select
                options={lastYear.map((e) => ({ value: e.id, label: e.title }))}
                notFoundContent={`本部门没有 ${(year ?? 0) - 1} 年度的项目支出自评`}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            label={from === 'copy' ? '项目名称（不填则沿用上年自评的项目名称）' : '项目名称'}
            name="projectName"
            rules={[{ required: from !== 'copy', whitespace: true, message: '请填写项目名称' }]}
          >
            <Input />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon message={error} /> : null}
      </Modal>
    </Card>
  );
}
