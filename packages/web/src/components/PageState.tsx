import { Alert, Button, Spin } from 'antd';

/** 加载中与出错 — shown instead of a page while it loads or when it failed. */
export function PageState({
  loading,
  error,
  status,
  reload,
}: {
  loading: boolean;
  error: string | null;
  /** The failed load's HTTP status: a permission error or a missing record is said as such, with no 重试. */
  status?: number | null;
  reload?: () => void;
}) {
  if (error && status === 403) {
    return <Alert type="warning" showIcon data-testid="forbidden" message="没有权限" description={error} />;
  }
  if (error && status === 404) {
    return <Alert type="info" showIcon data-testid="not-found" message="未找到" description={error} />;
  }
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        message="加载失败"
        description={error}
        action={reload ? <Button onClick={reload}>重试</Button> : undefined}
      />
    );
  }
  if (loading) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin tip="加载中…" size="large">
          <div style={{ height: 40 }} />
        </Spin>
      </div>
    );
  }
  return null;
}
