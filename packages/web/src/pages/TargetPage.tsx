import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  libraryProblems,
  targetFromLibrary,
  targetProblems,
  type DroppedIndicator,
  type IndicatorDirection,
  type TargetIndicator,
  type TargetTraceView,
  type TargetView,
} from '@jixiao/core';
import { IndicatorLibraryTable } from '../components/IndicatorLibraryTable.tsx';
import { PageState } from '../components/PageState.tsx';
import { api, ApiError, type ApiAnswer } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { formatTime } from '../lib/format.ts';
import { useEditGuards } from '../lib/useEditGuards.ts';
import { useLoad } from '../lib/useLoad.ts';
import { TARGET_COLOURS } from './TargetsPage.tsx';

const DIRECTIONS: Array<{ value: IndicatorDirection; label: string }> = [
  { value: '≥', label: '≥（正向）' },
  { value: '≤', label: '≤（反向）' },
  { value: '=', label: '=' },
  { value: 'qualitative', label: '定性' },
];

const blankRow = (rows: TargetIndicator[]): TargetIndicator => {
  let k = rows.length + 1;
  while (rows.some((r) => r.id === `ind-${k}`)) k++;
  return {
    id: `ind-${k}`,
    level1: '',
    level2: '',
    name: '',
    direction: null,
    target: '',
    unit: '',
    weight: '',
  };
};

/** The self-evaluation made from an approved revision: each 指标值 beside the approved one. */
function TraceCard({ evaluationId }: { evaluationId: number }) {
  const trace = useLoad(
    () => api<TargetTraceView | null>('GET', `/api/evaluations/${evaluationId}/targets`),
    `trace-${evaluationId}`,
  );
  if (trace.error || !trace.data)
    return <PageState loading={trace.loading} error={trace.error} status={trace.status} />;
  const t = trace.data;
  const changed = t.rows.filter((r) => !r.same).length;
  return (
    <Card
      size="small"
      title={
        <span>
          年度自评 <Link to={`/evaluations/${evaluationId}`}>（打开）</Link>：指标值来自第 {t.revision}{' '}
          版批复（
          {t.approvedBy ?? '—'} {formatTime(t.approvedAt)}）
        </span>
      }
      data-testid="target-trace"
    >
      {changed ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={`有 ${changed} 项指标值与批复的不一致`}
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 8 }} message="各项指标值均与批复一致" />
      )}
      {t.laterRevision ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={`目标其后又调整并批复了第 ${t.laterRevision} 版，这份自评仍按第 ${t.revision} 版`}
        />
      ) : null}
      <Table
        rowKey="indicatorId"
        size="small"
        pagination={false}
        dataSource={t.rows}
        columns={[
          { title: '三级指标', dataIndex: 'name' },
          { title: '批复的指标值', dataIndex: 'approved' },
          { title: '自评中的指标值', dataIndex: 'current', render: (c: string | null) => c ?? '（已删除）' },
          {
            title: '',
            width: 90,
            render: (_, r) => (r.same ? <Tag color="success">一致</Tag> : <Tag color="error">不一致</Tag>),
          },
        ]}
      />
    </Card>
  );
}

/**
 * 绩效目标详情 — one project's targets for a year: the 填报人 edits the rows while a revision is a draft or
 * returned, submits it, adjusts an approved one with a reason and creates the year-end self-evaluation from
 * the approved rows; the region's 财政审核人 returns a submitted revision with a comment or approves it.
 */
export function TargetPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const navigate = useNavigate();
  const loaded = useLoad(() => api<TargetView>('GET', `/api/targets/${id}`), `target-${id}`);
  const [rows, setRows] = useState<TargetIndicator[]>([]);
  const [goal, setGoal] = useState('');
  const [dirty, setDirty] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const [reason, setReason] = useState('');
  const [dropped, setDropped] = useState<DroppedIndicator[]>([]);
  const [picking, setPicking] = useState(false);
  const t = loaded.data;
  const current = t ? t.revisions[t.revisions.length - 1]! : null;

  useEffect(() => {
    if (!current) return;
    setRows(current.indicators.map((r) => ({ ...r })));
    setGoal(current.goal);
    setDropped(current.dropped ?? []);
    setDirty(false);
  }, [current?.id, current?.updatedAt]);

  // Leaving with unsaved rows asks first; Ctrl+S saves (as on the 自评 page).
  const saveRef = useRef<() => void>(() => undefined);
  useEditGuards(dirty, () => saveRef.current());

  if (loaded.error || !t || !current)
    return (
      <PageState
        loading={loaded.loading}
        error={loaded.error}
        status={loaded.status}
        reload={loaded.reload}
      />
    );

  const own = user?.role === 'filler' && user.departmentId === t.departmentId;
  const decides = user?.role === 'admin' || (user?.role === 'reviewer' && user.region === t.region);
  const editable = own && (current.status === 'draft' || current.status === 'returned');
  const made = t.evaluations ?? [];

  const run = async (label: string, action: () => Promise<unknown>) => {
    setBusy(label);
    setError(null);
    try {
      const r = await action();
      loaded.reload();
      return r;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : `${label}失败，请重试`);
      return null;
    } finally {
      setBusy(null);
    }
  };
  // Only the reasons of last year's indicators still left out are kept.
  const lastYear = t.lastYear ?? [];
  const names = new Set(rows.map((r) => r.name.trim()));
  const leftOut = lastYear.filter((r) => !names.has(r.name.trim()));
  const reasons = dropped.filter((d) => d.reason.trim() && leftOut.some((r) => r.name === d.name));
  const body = () => ({ revision: current.revision, indicators: rows, goal, dropped: reasons });
  const save = () => run('保存', () => api('PUT', `/api/targets/${t.id}`, body()));
  const submit = () =>
    run('提交', async () => {
      if (dirty) {
        await api('PUT', `/api/targets/${t.id}`, body());
        setDirty(false);
      }
      return api('POST', `/api/targets/${t.id}/submit`, {});
    });
  saveRef.current = () => {
    if (dirty && editable) void save();
  };
  const change = (k: number, patch: Partial<TargetIndicator>) => {
    setRows((rs) => rs.map((r, j) => (j === k ? { ...r, ...patch } : r)));
    setDirty(true);
  };
  // Inputs while the revision can change; the values as text otherwise (readable, not greyed out).
  const cell = (
    k: number,
    key: 'level1' | 'level2' | 'name' | 'target' | 'unit' | 'weight',
    label: string,
  ) =>
    editable ? (
      <Input
        aria-label={`第 ${k + 1} 行 ${label}`}
        value={rows[k]![key]}
        onChange={(e) => change(k, { [key]: e.target.value })}
      />
    ) : (
      <span>{rows[k]![key] || '—'}</span>
    );
  // The same checks the server makes before it accepts a submission, on the rows as typed.
  const problems = [...targetProblems(rows), ...libraryProblems(rows, lastYear, dropped)];
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span>
              {t.projectName} · {t.year} 年度绩效目标
            </span>
            <Tag color={TARGET_COLOURS[current.status]}>{t.statusName}</Tag>
          </Space>
        }
        extra={<Link to="/targets">返回绩效目标列表</Link>}
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="填报单位">{t.department}</Descriptions.Item>
          <Descriptions.Item label="当前版本">第 {current.revision} 版</Descriptions.Item>
          <Descriptions.Item label="执行中的批复">
            {t.approvedRevision ? `第 ${t.approvedRevision} 版` : '尚未批复'}
          </Descriptions.Item>
          {current.reason ? (
            <Descriptions.Item label="调整原因" span={3}>
              {current.reason}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {current.status === 'returned' ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`退回意见（${current.decidedBy ?? ''} ${formatTime(current.decidedAt)}）`}
            description={current.decisionComment}
          />
        ) : null}
        {editable && (errors.length || warnings.length) ? (
          <Alert
            type={errors.length ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            message={errors.length ? `提交前须改正 ${errors.length} 处` : '请留意'}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {[...errors, ...warnings].map((p, k) => (
                  <li key={k}>{p.message}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Typography.Paragraph strong style={{ marginBottom: 4 }}>
          年度绩效目标
        </Typography.Paragraph>
        {editable ? (
          <Input.TextArea
            aria-label="年度绩效目标"
            rows={2}
            value={goal}
            onChange={(e) => {
              setGoal(e.target.value);
              setDirty(true);
            }}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <Typography.Paragraph>{goal || '—'}</Typography.Paragraph>
        )}
        <Table<TargetIndicator>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 1100 }}
          columns={[
            { title: '一级指标', width: 130, render: (_, _r, k) => cell(k, 'level1', '一级指标') },
            { title: '二级指标', width: 130, render: (_, _r, k) => cell(k, 'level2', '二级指标') },
            { title: '三级指标', render: (_, _r, k) => cell(k, 'name', '三级指标') },
            {
              title: '指标性质',
              width: 130,
              render: (_, r, k) =>
                editable ? (
                  <Select
                    aria-label={`第 ${k + 1} 行 指标性质`}
                    value={r.direction}
                    style={{ width: '100%' }}
                    options={DIRECTIONS}
                    placeholder="未选"
                    onChange={(d: IndicatorDirection) => change(k, { direction: d })}
                  />
                ) : (
                  (DIRECTIONS.find((d) => d.value === r.direction)?.label ?? '—')
                ),
            },
            { title: '年度指标值', width: 140, render: (_, _r, k) => cell(k, 'target', '年度指标值') },
            { title: '度量单位', width: 90, render: (_, _r, k) => cell(k, 'unit', '度量单位') },
            { title: '分值', width: 80, render: (_, _r, k) => cell(k, 'weight', '分值') },
            { title: '上年完成值', width: 110, dataIndex: 'lastActual', render: (v?: string) => v ?? '—' },
            ...(editable
              ? [
                  {
                    title: '',
                    width: 60,
                    render: (_: unknown, _r: TargetIndicator, k: number) => (
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={() => {
                          setRows((rs) => rs.filter((_x, j) => j !== k));
                          setDirty(true);
                        }}
                      >
                        删除
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
        <Space style={{ marginTop: 12 }} wrap>
          {editable ? (
            <>
              <Button
                onClick={() => {
                  setRows((rs) => [...rs, blankRow(rs)]);
                  setDirty(true);
                }}
              >
                添加指标
              </Button>
              <Button onClick={() => setPicking(true)}>从指标库选用</Button>
              <Button onClick={save} loading={busy === '保存'} disabled={!dirty}>
                保存
              </Button>
              <Popconfirm
                title={`提交第 ${current.revision} 版绩效目标？`}
                description="提交后由财政审核人审核，审核完成前不能修改。"
                okText="确认提交"
                cancelText="取消"
                onConfirm={submit}
              >
                <Button type="primary" loading={busy === '提交'}>
                  提交审核
                </Button>
              </Popconfirm>
            </>
          ) : null}
          {own && current.status === 'approved' ? (
            <>
              <Button
                onClick={() => {
                  setReason('');
                  setAdjusting(true);
                }}
              >
                调整目标
              </Button>
              {made.length === 0 ? (
                <Popconfirm
                  title="由批复的绩效目标生成年度自评？"
                  description={`自评的三级指标和指标值取自第 ${current.revision} 版批复，每个项目只生成一次。`}
                  okText="确认生成"
                  cancelText="取消"
                  onConfirm={async () => {
                    const r = (await run('生成自评', () =>
                      api<ApiAnswer<'POST /api/targets/:id/evaluation'>>(
                        'POST',
                        `/api/targets/${t.id}/evaluation`,
                        {},
                      ),
                    )) as { id: number } | null;
                    if (r) navigate(`/evaluations/${r.id}`);
                  }}
                >
                  <Button type="primary" loading={busy === '生成自评'}>
                    生成年度自评
                  </Button>
                </Popconfirm>
              ) : null}
            </>
          ) : null}
        </Space>
      </Card>

      {decides && current.status === 'submitted' ? (
        <Card title="审核" size="small">
          <Input.TextArea
            aria-label="审核意见"
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            style={{ marginBottom: 12 }}
          />
          <Space>
            <Popconfirm
              title="退回这版绩效目标？"
              description="退回后填报人按意见修改，再重新提交。"
              okText="确认退回"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              disabled={!comment.trim()}
              onConfirm={() =>
                run('退回', () => api('POST', `/api/targets/${t.id}/return`, { comment })).then(() =>
                  setComment(''),
                )
              }
            >
              <Button
                danger
                disabled={!comment.trim()}
                title={!comment.trim() ? '退回需要填写审核意见' : undefined}
              >
                退回
              </Button>
            </Popconfirm>
            <Popconfirm
              title={`批复第 ${current.revision} 版绩效目标？`}
              description="批复后即为本年度执行的目标，年度中如需调整须重新报批。"
              okText="确认批复"
              cancelText="取消"
              onConfirm={() =>
                run('批复', () => api('POST', `/api/targets/${t.id}/approve`, { comment })).then(() =>
                  setComment(''),
                )
              }
            >
              <Button type="primary" loading={busy === '批复'}>
                批复
              </Button>
            </Popconfirm>
          </Space>
        </Card>
      ) : null}

      {made.map((m) => (
        <TraceCard key={m.evaluationId} evaluationId={m.evaluationId} />
      ))}

      <Card title="版本记录" size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...t.revisions].reverse()}
          columns={[
            { title: '版本', dataIndex: 'revision', width: 70, render: (r: number) => `第 ${r} 版` },
            { title: '状态', dataIndex: 'statusName', width: 90 },
            { title: '调整原因', dataIndex: 'reason', render: (r: string) => r || '—' },
            { title: '审核意见', dataIndex: 'decisionComment', render: (c: string) => c || '—' },
            {
              title: '审核',
              width: 200,
              render: (_, r) => (r.decidedBy ? `${r.decidedBy} ${formatTime(r.decidedAt)}` : '—'),
            },
            {
              title: '最近经手',
              width: 200,
              render: (_, r) => `${r.updatedBy} ${formatTime(r.updatedAt)}`,
            },
          ]}
        />
      </Card>

      {leftOut.length ? (
        <Card size="small" title={`上年指标本年未再设置（${leftOut.length} 项）`} data-testid="left-out">
          <Table
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={leftOut}
            columns={[
              { title: '上年三级指标', dataIndex: 'name' },
              { title: '上年指标值', dataIndex: 'target', width: 120 },
              {
                title: '上年完成值',
                dataIndex: 'actual',
                width: 120,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: '未再设置的原因',
                render: (_, r) => {
                  const given = dropped.find((d) => d.name === r.name)?.reason ?? '';
                  return editable ? (
                    <Input
                      aria-label={`${r.name} 未再设置的原因`}
                      value={given}
                      onChange={(e) => {
                        const reason = e.target.value;
                        setDropped((ds) => [
                          ...ds.filter((d) => d.name !== r.name),
                          { name: r.name, reason },
                        ]);
                        setDirty(true);
                      }}
                    />
                  ) : (
                    given || '—'
                  );
                },
              },
            ]}
          />
        </Card>
      ) : null}
      <Modal
        open={picking}
        title="从指标库选用"
        width={1100}
        footer={null}
        onCancel={() => setPicking(false)}
        destroyOnHidden
      >
        <IndicatorLibraryTable
          initialQuery={t.projectName}
          onPick={(r) => {
            setRows((rs) => {
              let k = rs.length + 1;
              while (rs.some((x) => x.id === `ind-${k}`)) k++;
              return [...rs, targetFromLibrary(r, `ind-${k}`)];
            });
            setDirty(true);
            setPicking(false);
          }}
        />
      </Modal>
      <Modal
        title="调整绩效目标"
        open={adjusting}
        okText="开始调整"
        cancelText="取消"
        okButtonProps={{ disabled: !reason.trim() }}
        confirmLoading={busy === '调整'}
        onOk={async () => {
          await run('调整', () => api('POST', `/api/targets/${t.id}/adjust`, { reason }));
          setAdjusting(false);
        }}
        onCancel={() => setAdjusting(false)}
      >
        <Typography.Paragraph type="secondary">
          调整将以第 {current.revision} 版为基础建立新版本，修改后须重新提交批复；批复前仍执行第{' '}
          {current.revision} 版。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="调整原因"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
