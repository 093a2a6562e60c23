import { App, Button, Card, Form, Input, InputNumber, Switch, Table, Tag } from 'antd';
import { api, ApiError, type FiscalYear } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

/**
 * 填报年度 — the admin closes a year once its filling is over (截止): 填报人 can then no longer create,
 * change or submit that year's evaluations; reopening allows 补报.
 */
export function YearsCard() {
  const { message } = App.useApp();
  const years = useLoad(() => api<FiscalYear[]>('GET', '/api/years'), 'years');
  const [form] = Form.useForm<{ year: number; deadline?: string }>();

  async function put(year: number, open: boolean, deadline: string | null) {
    try {
      await api('PUT', `/api/years/${year}`, { open, deadline });
      message.success(`${year} 年度已${open ? '开放' : '截止'}填报`);
      years.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  }

  return (
    <Card size="small" title="填报年度" style={{ marginTop: 12 }}>
      <Table<FiscalYear>
        rowKey="year"
        size="small"
        loading={years.loading}
        pagination={false}
        dataSource={years.data ?? []}
        locale={{ emptyText: '未设置的年度均开放填报' }}
        columns={[
          { title: '年度', dataIndex: 'year' },
          {
            title: '填报',
            dataIndex: 'open',
            render: (open: boolean, y) => (
              <Switch
                checked={open}
                checkedChildren="开放"
                unCheckedChildren="截止"
                aria-label={`${y.year} 年度开放填报`}
                onChange={(next) => void put(y.year, next, y.deadline)}
              />
            ),
          },
          { title: '截止日期', dataIndex: 'deadline', render: (d: string | null) => d ?? '—' },
          {
            title: '修改',
            key: 'by',
            render: (_: unknown, y) => (
              <Tag>
                {y.updatedByName} {formatTime(y.updatedAt)}
              </Tag>
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 12, rowGap: 8 }}
        onFinish={(v) => void put(v.year, false, v.deadline || null).then(() => form.resetFields())}
      >
        <Form.Item name="year" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber placeholder="年度" aria-label="年度" min={1990} max={2200} precision={0} />
        </Form.Item>
        <Form.Item name="deadline">
          <Input type="date" aria-label="截止日期" />
        </Form.Item>
        <Button htmlType="submit">截止该年度填报</Button>
      </Form>
    </Card>
  );
}
