import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  DEFAULT_SURVEY_OPTIONS,
  surveyRate,
  type ApiAnswer,
  type Indicator,
  type SurveyOption,
} from '@jixiao/core';
import { api, ApiError } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';

type Survey = NonNullable<ApiAnswer<'GET /api/evaluations/:id/indicators/:indicator/survey'>>;
export type SurveySaved = ApiAnswer<'PUT /api/evaluations/:id/indicators/:indicator/survey'>;

interface Counts {
  issued: number | null;
  returned: number | null;
  options: SurveyOption[];
}

const blank = (): Counts => ({
  issued: null,
  returned: null,
  options: DEFAULT_SURVEY_OPTIONS.map((o) => ({ ...o })),
});

/**
 * 满意度调查 — the counts behind a 满意度指标's 完成值: questionnaires issued and returned valid, and each option
 * with how many chose it and whether it counts as satisfied. The rate and its formula are core's, live as one
 * types; saving records the counts and sets the 完成值 on the server (a new version of the evaluation). Read-only
 * for those who do not edit (the reviewer sees the counts and formula).
 */
export function SurveyDialog({
  evaluationId,
  indicator,
  version,
  editable,
  onClose,
  onSaved,
}: {
  evaluationId: number;
  /** The indicator the survey is of; the dialog is open while there is one. */
  indicator: Indicator | null;
  /** The version of the evaluation the editor holds. */
  version: number;
  editable: boolean;
  onClose: () => void;
  onSaved: (saved: SurveySaved) => void;
}) {
  const { message } = App.useApp();
  const [counts, setCounts] = useState<Counts>(blank);
  const [stored, setStored] = useState<Survey | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const indicatorId = indicator?.id;

  useEffect(() => {
    if (indicatorId === undefined) return;
    let live = true;
    setLoading(true);
    setError(null);
    setStored(null);
    setCounts(blank());
    api<Survey | null>(
      'GET',
      `/api/evaluations/${evaluationId}/indicators/${encodeURIComponent(indicatorId)}/survey`,
    )
      .then((s) => {
        if (!live) return;
        setStored(s);
        if (s) setCounts({ issued: s.issued, returned: s.returned, options: s.options });
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : '满意度调查未能载入'))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [evaluationId, indicatorId]);

  const filled = counts.issued !== null && counts.returned !== null;
  const live = filled
    ? surveyRate({ issued: counts.issued!, returned: counts.returned!, options: counts.options })
    : null;
  const setOption = (k: number, patch: Partial<SurveyOption>) =>
    setCounts((c) => ({ ...c, options: c.options.map((o, i) => (i === k ? { ...o, ...patch } : o)) }));

  async function save() {
    if (!indicator || !filled) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await api<SurveySaved>(
        'PUT',
        `/api/evaluations/${evaluationId}/indicators/${encodeURIComponent(indicator.id)}/survey`,
        { version, issued: counts.issued, returned: counts.returned, options: counts.options },
      );
      message.success(`已登记满意度调查，完成值为 ${saved.actual}（第 ${saved.version} 版）`);
      onSaved(saved);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试；填写的份数仍在此处');
    } finally {
      setSaving(false);
    }
  }

  const whole = (v: number | null) => (v === null ? null : Math.trunc(v));
  return (
    <Modal
      open={indicator !== null}
      title={`满意度调查 · ${indicator?.name ?? ''}`}
      width={640}
      onCancel={onClose}
      destroyOnHidden
      footer={
        editable
          ? [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button
                key="save"
                type="primary"
                loading={saving}
                disabled={!live || live.rate === null || live.problems.length > 0}
                onClick={() => void save()}
              >
                保存并填入完成值
              </Button>,
            ]
          : [
              <Button key="close" onClick={onClose}>
                关闭
              </Button>,
            ]
      }
    >
      {loading ? (
        <Typography.Text type="secondary">载入中…</Typography.Text>
      ) : !editable && !stored ? (
        <Typography.Text type="secondary">这项指标没有登记满意度调查。</Typography.Text>
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {editable ? (
            <Space wrap>
              <label>
                发出问卷数{' '}
                <InputNumber
                  aria-label="发出问卷数"
                  min={0}
                  precision={0}
                  value={counts.issued}
                  onChange={(v) => setCounts((c) => ({ ...c, issued: whole(v) }))}
                />{' '}
                份
              </label>
              <label>
                收回有效问卷数{' '}
                <InputNumber
                  aria-label="收回有效问卷数"
                  min={0}
                  precision={0}
                  value={counts.returned}
                  onChange={(v) => setCounts((c) => ({ ...c, returned: whole(v) }))}
                />{' '}
                份
              </label>
            </Space>
          ) : (
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="发出问卷数">{counts.issued} 份</Descriptions.Item>
              <Descriptions.Item label="收回有效问卷数">{counts.returned} 份</Descriptions.Item>
            </Descriptions>
          )}
          <Table<SurveyOption>
            size="small"
            bordered
            pagination={false}
            rowKey={(_, k) => String(k)}
            dataSource={counts.options}
            columns={[
              {
                title: '选项',
                dataIndex: 'label',
                render: (label: string, _o, k) =>
                  editable ? (
                    <Input
                      size="small"
                      aria-label={`第 ${k + 1} 个选项 名称`}
                      value={label}
                      maxLength={50}
                      onChange={(e) => setOption(k, { label: e.target.value })}
                    />
                  ) : (
                    label
                  ),
              },
              {
                title: '份数',
                dataIndex: 'count',
                width: 120,
                render: (count: number, o, k) =>
                  editable ? (
                    <InputNumber
                      size="small"
                      aria-label={`${o.label} 份数`}
                      min={0}
                      precision={0}
                      value={count}
                      onChange={(v) => setOption(k, { count: whole(v) ?? 0 })}
                    />
                  ) : (
                    `${count} 份`
                  ),
              },
              {
                title: '计为满意',
                dataIndex: 'satisfied',
                width: 90,
                render: (satisfied: boolean, o, k) => (
                  <Checkbox
                    aria-label={`${o.label} 计为满意`}
                    checked={satisfied}
                    disabled={!editable}
                    onChange={(e) => setOption(k, { satisfied: e.target.checked })}
                  />
                ),
              },
              ...(editable
                ? [
                    {
                      title: '',
                      key: 'remove',
                      width: 56,
                      render: (_: unknown, o: SurveyOption, k: number) => (
                        <Button
                          size="small"
                          type="link"
                          danger
                          aria-label={`删除选项 ${o.label}`}
                          disabled={counts.options.length <= 1}
                          onClick={() =>
                            setCounts((c) => ({ ...c, options: c.options.filter((_x, i) => i !== k) }))
                          }
                        >
                          删除
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {editable && counts.options.length < 20 && (
            <Button
              size="small"
              onClick={() =>
                setCounts((c) => ({
                  ...c,
                  options: [...c.options, { label: '其他', count: 0, satisfied: false }],
                }))
              }
            >
              添加选项
            </Button>
          )}
          {live && (
            <div data-testid="survey-result">
              <Typography.Text strong>满意度 {live.rate === null ? '—' : `${live.rate}%`}</Typography.Text>
              <div>
                <Typography.Text type="secondary" data-testid="survey-formula">
                  {live.formula}
                </Typography.Text>
              </div>
              {live.returnRate !== null && (
                <div>
                  <Typography.Text type="secondary">回收率 {live.returnRate}%</Typography.Text>
                </div>
              )}
            </div>
          )}
          {live && live.problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              message="份数有误，不能保存"
              description={live.problems.join('；')}
            />
          )}
          {!filled && editable && (
            <Typography.Text type="secondary">
              填写发出和收回的问卷数后，这里显示满意度及其算式。
            </Typography.Text>
          )}
          {stored && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {stored.recordedBy} 于 {formatTime(stored.recordedAt)} 登记
            </Typography.Text>
          )}
          {error && <Alert type="error" showIcon message={error} />}
        </Space>
      )}
    </Modal>
  );
}
