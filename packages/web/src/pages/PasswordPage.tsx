import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, type ApiAnswer } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 修改密码 — the current password and a new one (the server's policy: at least 10 characters, not a
 * common or repeated one). Every other sign-in of the account ends. After an admin reset this is the only
 * page open until the new password is set.
 */
export function PasswordPage() {
  const { user, updateUser } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const r = await api<ApiAnswer<'POST /api/me/password'>>('POST', '/api/me/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      updateUser(r.user);
      message.success(r.endedSessions ? `密码已修改，其他 ${r.endedSessions} 处登录已退出` : '密码已修改');
      navigate('/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '修改失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="修改密码" style={{ maxWidth: 480, margin: '24px auto' }}>
      {user?.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="管理员已重置你的密码：请先设置新密码，然后才能继续使用"
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form<Values> layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item
          name="currentPassword"
          label={user?.mustChangePassword ? '管理员给的临时密码' : '当前密码'}
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 10 个字符；不能是常见密码、重复或连续的字符，也不能包含用户名"
          rules={[{ required: true, min: 10, message: '新密码至少 10 个字符' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="再次输入新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
