import { App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { YearsCard } from '../components/YearsCard.tsx';
import { api, ApiError, type Account, type ApiAnswer, type Department, type Role } from '../lib/api.ts';
import { ROLE_NAMES, useAuth } from '../lib/auth.tsx';
import { useLoad } from '../lib/useLoad.ts';

interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
  departmentId?: number;
  region?: string;
}

/**
 * 用户与部门 — the admin creates accounts (填报人 of a department, 财政审核人 of a region), disables them or
 * resets their password (a one-time one, shown once), adds departments, and opens or closes 填报年度.
 */
export function UsersPage() {
  const { message, modal } = App.useApp();
  const { user: me } = useAuth();
  const users = useLoad(() => api<Account[]>('GET', '/api/users'), 'users');
  const departments = useLoad(() => api<Department[]>('GET', '/api/departments'), 'departments');
  const [userForm] = Form.useForm<NewUser>();
  const [deptForm] = Form.useForm<{ name: string; region?: string }>();
  const role = Form.useWatch('role', userForm);
  const deptName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));

  async function addUser(values: NewUser) {
    try {
      await api('POST', '/api/users', values);
      message.success(`已创建用户 ${values.username}`);
      userForm.resetFields();
      users.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '创建失败');
    }
  }

  async function setDisabled(u: Account, disabled: boolean) {
    try {
      await api('PUT', `/api/users/${u.id}`, { disabled });
      message.success(disabled ? `已停用 ${u.username}，其登录已全部退出` : `已启用 ${u.username}`);
      users.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  }

  function resetPassword(u: Account) {
    modal.confirm({
      title: `重置 ${u.username} 的密码？`,
      content: '将生成一个一次性密码，该用户的登录全部退出；用它登录后必须先设置新密码。',
      okText: '重置',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await api<ApiAnswer<'POST /api/users/:id/reset-password'>>(
            'POST',
            `/api/users/${u.id}/reset-password`,
            {},
          );
          users.reload();
          modal.info({
            title: `${u.username} 的一次性密码`,
            content: (
              <>
                <Typography.Paragraph copyable={{ text: r.password }} code data-testid="one-time-password">
                  {r.password}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  只显示这一次，请当面或通过可靠渠道交给本人。
                </Typography.Text>
              </>
            ),
          });
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '重置失败');
        }
      },
    });
  }

  async function addDepartment(values: { name: string; region?: string }) {
    try {
      await api('POST', '/api/departments', values);
      message.success(`已添加部门 ${values.name}`);
      deptForm.resetFields();
      departments.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '添加失败');
    }
  }

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={14}>
        <Card size="small" title="用户">
          <Table
            rowKey="id"
            size="small"
            loading={users.loading}
            pagination={false}
            dataSource={users.data ?? []}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'displayName' },
              { title: '角色', dataIndex: 'role', render: (r: Role) => <Tag>{ROLE_NAMES[r]}</Tag> },
              {
                title: '部门',
                dataIndex: 'departmentId',
                render: (id: number | null) => (id ? (deptName.get(id) ?? id) : '—'),
              },
              { title: '地区', dataIndex: 'region', render: (r: string) => r || '—' },
              {
                title: '状态',
                key: 'state',
                render: (_: unknown, u: Account) =>
                  u.disabled ? (
                    <Tag color="red">已停用</Tag>
                  ) : u.mustChangePassword ? (
                    <Tag color="orange">待改密码</Tag>
                  ) : (
                    <Tag color="green">正常</Tag>
                  ),
              },
              {
                title: '操作',
                key: 'actions',
                render: (_: unknown, u: Account) =>
                  u.id === me?.id ? (
                    '—'
                  ) : (
                    <Space size="small">
                      <Button size="small" onClick={() => setDisabled(u, !u.disabled)}>
                        {u.disabled ? '启用' : '停用'}
                      </Button>
                      <Button size="small" onClick={() => resetPassword(u)}>
                        重置密码
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
          <Form
            form={userForm}
            layout="inline"
            onFinish={addUser}
            style={{ marginTop: 12, rowGap: 8 }}
            initialValues={{ role: 'filler' }}
          >
            <Form.Item name="username" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input placeholder="用户名" aria-label="用户名" />
            </Form.Item>
            <Form.Item name="displayName">
              <Input placeholder="姓名" aria-label="姓名" />
            </Form.Item>
            <Form.Item name="role">
              <Select
                aria-label="角色"
                style={{ width: 120 }}
                options={(['filler', 'reviewer', 'admin'] as const).map((r) => ({
                  value: r,
                  label: ROLE_NAMES[r],
                }))}
              />
            </Form.Item>
            {role === 'filler' && (
              <Form.Item name="departmentId" rules={[{ required: true, message: '请选择部门' }]}>
                <Select
                  aria-label="部门"
                  placeholder="部门"
                  style={{ width: 200 }}
                  options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                />
              </Form.Item>
            )}
            {role === 'reviewer' && (
              <Form.Item name="region">
                <Input placeholder="地区（审核该地区的部门）" aria-label="地区" />
              </Form.Item>
            )}
            <Form.Item name="password" rules={[{ required: true, min: 10, message: '密码至少 10 个字符' }]}>
              <Input.Password placeholder="初始密码" aria-label="初始密码" autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              创建用户
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title="部门">
          <Table
            rowKey="id"
            size="small"
            loading={departments.loading}
            pagination={false}
            dataSource={departments.data ?? []}
            columns={[
              { title: '部门', dataIndex: 'name' },
              { title: '地区', dataIndex: 'region', render: (r: string) => r || '—' },
            ]}
          />
          <Form form={deptForm} layout="inline" onFinish={addDepartment} style={{ marginTop: 12 }}>
            <Form.Item name="name" rules={[{ required: true, message: '请填写部门名称' }]}>
              <Input placeholder="部门名称" aria-label="部门名称" />
            </Form.Item>
            <Form.Item name="region">
              <Input placeholder="地区" aria-label="部门地区" />
            </Form.Item>
            <Button htmlType="submit">添加部门</Button>
          </Form>
        </Card>
        <YearsCard />
      </Col>
    </Row>
  );
}
