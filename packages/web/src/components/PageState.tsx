import { Alert, Button, Spin } from 'antd';

/** 加载中与出错 — shown instead of a page while it loads or when it failed. */
export function PageState({
  loading,
  error,
  reload,
}: {
  loading: boolean;
  error: string | null;
  reload?: () => void;
}) {
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
