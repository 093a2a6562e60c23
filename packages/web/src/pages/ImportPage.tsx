import { sameOrganization } from '@jixiao/core';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  List,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SEVERITY } from '../components/FindingsPanel.tsx';
import { api, ApiError, type ApiAnswer, type Department, type ImportPreview } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { KIND_NAMES, score } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

const ACCEPT = '.txt,.html,.htm,.docx,.doc,.wps,.xlsx,.xls,.et,.pdf';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** 导入 — upload a report, preview what was read with its scores and findings, then save the chosen ones as drafts. */
export function ImportPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // Saving sends the file again: the server keeps what the file says (tables and prose), not the preview.
  const [file, setFile] = useState<File | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  // Tables saved over the department's draft of the same project and year (offered, on by default).
  const [updating, setUpdating] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The admin imports for a department they choose (a file another body's 填报人 may not save).
  const isAdmin = useAuth().user?.role === 'admin';
  const departments = useLoad(
    () => (isAdmin ? api<Department[]>('GET', '/api/departments') : Promise.resolve([])),
    `departments-${isAdmin}`,
  );
  const [departmentId, setDepartmentId] = useState<number | undefined>();

  async function read(file: File) {
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      const p = await api<ImportPreview>('POST', '/api/import', {
        fileName: file.name,
        contentBase64: await toBase64(file),
      });
      setPreview(p);
      setFile(file);
      const elsewhere = new Set(p.department?.elsewhere.map((x) => x.index));
      setChosen(p.evaluations.map((_, i) => i).filter((i) => !elsewhere.has(i)));
      setUpdating((p.drafts ?? []).map((d) => d.index));
      const organization = p.evaluations.find((r) => r.evaluation.organization)?.evaluation.organization;
      if (isAdmin && organization)
        setDepartmentId(departments.data?.find((d) => sameOrganization(organization, d.name))?.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '读取失败');
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!preview || !file) return;
    setBusy(true);
    try {
      const saved = await api<ApiAnswer<'POST /api/import/save'>>('POST', '/api/import/save', {
        fileName: file.name,
        contentBase64: await toBase64(file),
        select: chosen,
        update: updating.filter((i) => chosen.includes(i)),
        ...(isAdmin ? { departmentId } : {}),
      });
      const updated = updating.filter((i) => chosen.includes(i)).length;
      message.success(
        updated
          ? `已保存 ${saved.length} 份自评为草稿，其中 ${updated} 份更新了已有草稿`
          : `已保存 ${saved.length} 份自评为草稿`,
      );
      navigate(saved.length === 1 ? `/evaluations/${saved[0]!.id}` : '/evaluations');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="导入自评报告">
      <Steps
        size="small"
        current={preview ? 1 : 0}
        items={[{ title: '选择文件' }, { title: '预览与核对' }, { title: '保存为草稿' }]}
        style={{ marginBottom: 16 }}
      />
      <Upload.Dragger
        accept={ACCEPT}
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void read(file);
          return false;
        }}
      >
        <p style={{ fontSize: 16 }}>点击或拖入文件</p>
        <p style={{ color: '#888' }}>
          支持 .txt、.html、.docx、.doc、.wps、.xlsx、.xls、.et、.pdf；读取后先预览，确认后才保存
        </p>
      </Upload.Dragger>
      {busy && !preview && <Alert style={{ marginTop: 16 }} type="info" message="正在读取并审核…" showIcon />}
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon message={error} />}
      {preview && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>
            「{preview.file}」中读到 {preview.evaluations.length} 份自评
          </Typography.Title>
          {preview.issues.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={`读取时有 ${preview.issues.length} 个问题`}
              description={preview.issues.slice(0, 8).map((i, k) => (
                <div key={k}>{i.message}</div>
              ))}
            />
          )}
          {preview.department && preview.department.elsewhere.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="department-mismatch"
              message={`有 ${preview.department.elsewhere.length} 份自评不是你的部门「${preview.department.name}」的`}
              description={
                <>
                  {[...new Set(preview.department.elsewhere.map((x) => x.organization))].map((o) => (
                    <div key={o}>文件写明的单位：{o}</div>
                  ))}
                  <div>这些自评不能保存为本部门的草稿；如确属本部门，请管理员导入。</div>
                </>
              }
            />
          )}
          {preview.evaluations.length === 0 ? (
            <Empty description="没有读到自评表；请检查文件是否为自评报告" />
          ) : (
            <Checkbox.Group
              value={chosen}
              onChange={(v) => setChosen(v as number[])}
              style={{ width: '100%' }}
            >
              <List
                bordered
                style={{ width: '100%' }}
                dataSource={preview.evaluations}
                renderItem={(r, i) => {
                  const counts = (['error', 'warning', 'info'] as const).map(
                    (s) => [s, r.findings.filter((f) => f.severity === s).length] as const,
                  );
                  return (
                    <List.Item>
                      <Space direction="vertical" size={2} style={{ width: '100%' }}>
                        <Checkbox
                          value={i}
                          disabled={preview.department?.elsewhere.some((x) => x.index === i)}
                        >
                          {/* A file's project tables share the form's title: each is named by its project. */}
                          <b>{r.evaluation.projectName ?? r.evaluation.title}</b>{' '}
                          <Tag>{KIND_NAMES[r.evaluation.kind]}</Tag>
                          {r.evaluation.year ?? ''}
                        </Checkbox>
                        {preview.drafts
                          ?.filter((d) => d.index === i)
                          .map((d) => (
                            <Checkbox
                              key={d.id}
                              style={{ marginLeft: 24 }}
                              checked={updating.includes(i)}
                              disabled={!chosen.includes(i)}
                              onChange={(ev) =>
                                setUpdating((u) => (ev.target.checked ? [...u, i] : u.filter((x) => x !== i)))
                              }
                            >
                              本部门已有同一项目、同一年度的{d.status === 'returned' ? '退回' : ''}草稿（
                              <a href={`/evaluations/${d.id}`} target="_blank" rel="noreferrer">
                                {d.title}
                              </a>
                              ）：更新它，不另建一份
                            </Checkbox>
                          ))}
                        <Typography.Text type="secondary">
                          指标 {r.evaluation.indicators.length} 个 · 预算行 {r.evaluation.budget.length} ·
                          自评 {score(r.score.statedTotal)} 分 · 规则得分 {score(r.score.computedTotal)}
                          {r.score.totalIncomplete ? '（下限）' : ''} ·{' '}
                          {counts.map(([s, n]) => (
                            <Tag key={s} color={SEVERITY[s].color}>
                              {SEVERITY[s].label} {n}
                            </Tag>
                          ))}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  );
                }}
              />
            </Checkbox.Group>
          )}
          <Space style={{ marginTop: 12 }}>
            {isAdmin && (
              <Select
                style={{ width: 280 }}
                placeholder="保存到哪个部门"
                aria-label="保存到哪个部门"
                showSearch
                optionFilterProp="label"
                value={departmentId}
                onChange={setDepartmentId}
                options={(departments.data ?? []).map((d) => ({
                  value: d.id,
                  label: d.region ? `${d.name}（${d.region}）` : d.name,
                }))}
              />
            )}
            <Button
              type="primary"
              disabled={!chosen.length || (isAdmin && departmentId === undefined)}
              loading={busy}
              onClick={save}
            >
              保存所选为草稿（{chosen.length}）
            </Button>
            <Button onClick={() => setPreview(null)}>重新选择</Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
