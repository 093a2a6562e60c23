import { Alert, App, Button, Card, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, type FrameworkEntry, type RecomputeProgress } from '../lib/api.ts';
import { loadFrameworks } from '../lib/assess.ts';
import { formatTime } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

/**
 * 重新计分 — after a new version, the drafts under it are recomputed in the background; until each is, the
 * 汇总表 shows it under the version that scored it. Asked again every two seconds while a run is going.
 */
function RecomputeCard({ refresh }: { refresh: number }) {
  const progress = useLoad(
    () => api<RecomputeProgress>('GET', '/api/admin/recompute'),
    `recompute-${refresh}`,
  );
  const p = progress.data;
  const running = p?.runningSince != null;
  const { reload } = progress;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, 2000);
    return () => clearTimeout(timer);
  }, [running, p?.done, p?.failed, reload]);
  if (progress.error) return <Alert type="error" showIcon message={progress.error} />;
  if (!p) return null;
  const finished = p.done + p.failed;
  return (
    <Card size="small" title="重新计分" data-testid="recompute-progress">
      {running ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Progress percent={p.total ? Math.floor((finished / p.total) * 100) : 0} />
          <Typography.Text>
            已完成 {p.done} / {p.total} 份{p.failed ? `，${p.failed} 份失败（查看时再计算）` : ''}；开始于{' '}
            {formatTime(p.runningSince)}
          </Typography.Text>
          <Typography.Text type="secondary">
            完成前，汇总表和看板中尚未重新计分的行注明其计分所用的框架版本。
          </Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="secondary">
          {p.lastFinishedAt
            ? `没有进行中的重新计分；上次共 ${p.total} 份，完成 ${p.done} 份${p.failed ? `，失败 ${p.failed} 份` : ''}，结束于 ${formatTime(p.lastFinishedAt)}`
            : '没有进行中的重新计分'}
        </Typography.Text>
      )}
    </Card>
  );
}

const KIND_NAMES: Record<string, string> = { project: '项目支出', department: '部门整体', summary: '汇总表' };

/** Frameworks are a few dozen kB; a file far larger is not one, and is refused before reading. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * 评分框架 — every stored version of every framework; the admin uploads a new version as a JSON file.
 * A stored version never changes: submissions stay scored under the version they were submitted with.
 */
export function FrameworksPage() {
  const { message } = App.useApp();
  const list = useLoad(() => api<FrameworkEntry[]>('GET', '/api/frameworks'), 'frameworks');
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploads, setUploads] = useState(0);

  async function upload(file: File) {
    setUploadError(null);
    if (file.size > MAX_FILE_BYTES) {
      setUploadError(
        `文件 ${file.name} 有 ${(file.size / 1024 / 1024).toFixed(1)} MB，评分框架文件不应超过 2 MB`,
      );
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
    } catch (e) {
      setUploadError(`文件 ${file.name} 不是有效的 JSON：${(e as Error).message}`);
      return;
    }
    setBusy(true);
    try {
      const added = await api<FrameworkEntry>('POST', '/api/frameworks', json);
      message.success(`已添加评分框架 ${added.name} ${added.version} 版，此后新的和草稿自评按它计分`);
      list.reload();
      setUploads((n) => n + 1);
      await loadFrameworks(true);
    } catch (e) {
      setUploadError(e instanceof ApiError ? e.message : `上传失败：${String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      size="small"
      title="评分框架"
      extra={
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button loading={busy} data-testid="upload-framework">
            上传新版本（JSON）
          </Button>
        </Upload>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          每个框架的最新版本用于新建和草稿自评；已提交的自评始终按提交时的版本计分，新版本的结果只作对照。已保存的版本不能修改，修改规则请下载后改用新的版本号再上传。
        </Typography.Paragraph>
        {uploadError && (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => setUploadError(null)}
            message="上传未成功"
            description={uploadError}
            data-testid="framework-upload-error"
          />
        )}
        {list.error && <Alert type="error" showIcon message={list.error} />}
        <RecomputeCard refresh={uploads} />
        <Table<FrameworkEntry>
          rowKey={(f) => `${f.id}@${f.version}`}
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={false}
          locale={{ emptyText: '还没有评分框架' }}
          columns={[
            { title: '框架', dataIndex: 'name' },
            {
              title: '编号',
              dataIndex: 'id',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: '版本',
              dataIndex: 'version',
              render: (v: string, f) => (
                <Space>
                  {v}
                  {f.current && <Tag color="green">当前</Tag>}
                </Space>
              ),
            },
            { title: '适用', dataIndex: 'kind', render: (k: string) => KIND_NAMES[k] ?? k },
            {
              title: '来源',
              dataIndex: 'origin',
              render: (o: string, f) => (o === 'builtin' ? '内置' : `上传（${f.createdByName}）`),
            },
            { title: '加入时间', dataIndex: 'createdAt', render: (t: string) => formatTime(t) },
            {
              title: '',
              key: 'download',
              render: (_: unknown, f) => (
                <a
                  href={`/api/frameworks/${encodeURIComponent(f.id)}/${encodeURIComponent(f.version)}`}
                  download={`${f.id}-${f.version}.json`}
                >
                  下载 JSON
                </a>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
