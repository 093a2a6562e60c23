import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Row, Space, Tabs, Typography } from 'antd';
import {
  displayTitle,
  parseStated,
  rowScoreTotal,
  surveyActual,
  surveyRate,
  type Evaluation,
  type Finding,
  type Indicator,
} from '@jixiao/core';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { BudgetTable } from '../components/BudgetTable.tsx';
import { dismissedKeys, FindingsPanel } from '../components/FindingsPanel.tsx';
import { FindingCounts } from '../components/FindingCounts.tsx';
import { IndicatorTable } from '../components/IndicatorTable.tsx';
import { SurveyDialog, type SurveySaved } from '../components/SurveyDialog.tsx';
import { InputsTable } from '../components/InputsTable.tsx';
import { NarrativeFields } from '../components/NarrativeFields.tsx';
import { PageState } from '../components/PageState.tsx';
import { ReviewPanel } from '../components/ReviewPanel.tsx';
import { returnComment, RevisionsTable } from '../components/RevisionsTable.tsx';
import { ScoreSummary } from '../components/ScoreSummary.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { SubmitDialog } from '../components/SubmitDialog.tsx';
import { SummaryRowsTable } from '../components/SummaryRowsTable.tsx';
import { TargetTraceNote } from '../components/TargetTraceNote.tsx';
import { CarryOverCard } from '../components/CarryOverCard.tsx';
import {
  api,
  ApiError,
  type ApiAnswer,
  type DispositionEntry,
  type Revision,
  type StoredEvaluation,
} from '../lib/api.ts';
import { assessInBrowser, frameworks } from '../lib/assess.ts';
import { useAuth } from '../lib/auth.tsx';
import { showRow, tabOf } from '../lib/locate.ts';
import { useEditGuards } from '../lib/useEditGuards.ts';
import { formatTime, KIND_NAMES, STATUS } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';
import { followRowTotal } from '../lib/self-score.ts';
import { ExportLinks } from '../components/ExportLinks.tsx';

interface Conflict {
  message: string;
  current?: { version: number; updatedAt: string; updatedBy: string };
}

/**
 * 自评详情/编辑 — the budget table and the indicator tree in the official layout. A 填报人 edits
 * a draft and sees scores and findings recomputed in the browser as they type; save is
 * optimistic-locked; submit asks for reasons for the errors left. Reviewers get the 复核 panel.
 */
export function EvaluationPage() {
  const id = Number(useParams().id);
  const { user } = useAuth();
  const { message } = App.useApp();
  const loaded = useLoad(() => api<StoredEvaluation>('GET', `/api/evaluations/${id}`), String(id));
  const revisions = useLoad(
    () => api<Revision[]>('GET', `/api/evaluations/${id}/revisions`),
    `${id}-${loaded.data?.version ?? 0}-${loaded.data?.status ?? ''}`,
  );
  const history = useLoad(
    () =>
      loaded.data && loaded.data.status !== 'draft'
        ? api<DispositionEntry[]>('GET', `/api/evaluations/${id}/findings/history`)
        : Promise.resolve([]),
    `${id}-${loaded.data?.status ?? ''}-${(loaded.data?.dispositions ?? []).map((d) => d.at).join(',')}`,
  );
  const [draft, setDraft] = useState<Evaluation | null>(null);
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [tab, setTab] = useState('indicators');
  /** The indicator whose 满意度调查 is open. */
  const [surveyOf, setSurveyOf] = useState<Indicator | null>(null);

  /** 定位: switch to the table a finding points at, then show its row. */
  function locate(f: Finding) {
    const target = tabOf(f);
    if (!target) return;
    setTab(target);
    window.setTimeout(() => showRow(f), 50);
  }

  useEffect(() => {
    if (loaded.data) {
      const e = loaded.data.evaluation;
      // Open on the table the evaluation has: a 汇总表 or a budget-only report has no indicators.
      setTab((t) =>
        t !== 'indicators' || e.indicators.length ? t : e.summaryRows.length ? 'summary' : 'budget',
      );
      setDraft(loaded.data.evaluation);
      setVersion(loaded.data.version);
      setDirty(false);
      setConflict(null);
    }
  }, [loaded.data]);

  // Keep typing smooth: re-score the deferred copy, not on every keystroke's render.
  const deferred = useDeferredValue(draft);
  const pin = loaded.data?.frozen ?? null;
  const context = loaded.data?.context ?? null;
  const live = useMemo(
    () => (deferred ? assessInBrowser(deferred, pin, context, loaded.data?.id) : null),
    [deferred, pin, context, loaded.data?.id],
  );
  // The server may know frameworks the browser does not (JIXIAO_FRAMEWORKS_DIR): say so when the
  // stored evaluation scores differently here than there, and trust the server.
  const mismatch = useMemo(() => {
    const server = loaded.data?.score;
    if (!server) return null;
    const d = loaded.data!;
    const here = assessInBrowser(d.evaluation, d.frozen, d.context, d.id).score;
    return here.frameworkId !== server.frameworkId ||
      here.frameworkVersion !== server.frameworkVersion ||
      here.computedTotal !== server.computedTotal
      ? { here, server }
      : null;
  }, [loaded.data]);

  const saveRef = useRef<() => void>(() => undefined);
  useEditGuards(dirty, () => saveRef.current());

  if (!loaded.data || !draft || !live)
    return (
      <PageState
        loading={loaded.loading || !draft}
        error={loaded.error}
        status={loaded.status}
        reload={loaded.reload}
      />
    );
  const stored = loaded.data;
  const editable =
    user?.role === 'filler' &&
    user.departmentId === stored.departmentId &&
    (stored.status === 'draft' || stored.status === 'returned');
  const canReview = user?.role === 'admin' || user?.role === 'reviewer';
  const errors = live.findings.filter((f) => f.severity === 'error');
  const dismissed = new Set(dismissedKeys(stored.dispositions).keys());
  const flagged = new Set(
    live.findings.map((f) => f.location.indicator).filter((n): n is string => Boolean(n)),
  );
  // The framework version the page scores under: its 一级 order and 二级 names guide new rows.
  const framework = frameworks().get(live.score.frameworkId, live.score.frameworkVersion);
  const inputCount = new Set([...(framework?.inputs ?? []).map((i) => i.name), ...Object.keys(draft.inputs)])
    .size;

  function edit(next: Partial<Evaluation>) {
    setDraft((d) => (d ? followRowTotal(d, { ...d, ...next }) : d));
    setDirty(true);
  }

  async function save(baseVersion = version): Promise<boolean> {
    if (!draft) return false;
    setSaving(true);
    try {
      const saved = await api<ApiAnswer<'PUT /api/evaluations/:id'>>('PUT', `/api/evaluations/${id}`, {
        version: baseVersion,
        evaluation: draft,
      });
      setVersion(saved.version);
      setDirty(false);
      setConflict(null);
      message.success(`已保存（第 ${saved.version} 版）`);
      revisions.reload();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict({ message: e.message, current: e.body.current as Conflict['current'] });
      } else {
        message.error(e instanceof ApiError ? e.message : '保存失败，请重试；你的修改仍在页面上');
      }
      return false;
    } finally {
      setSaving(false);
    }
  }

  /**
   * A survey saved on the server set the indicator's 完成值 in a new version: the page takes that version and
   * writes the same 完成值 (core's, from the same counts) into its copy, keeping any unsaved edit beside it.
   */
  function surveySaved(saved: SurveySaved) {
    const actual = surveyActual(
      draft?.indicators.find((i) => i.id === saved.indicatorId) ?? {},
      surveyRate(saved),
    );
    setVersion(saved.version);
    if (actual)
      setDraft((d) =>
        d
          ? {
              ...d,
              indicators: d.indicators.map((i) => (i.id === saved.indicatorId ? { ...i, actual } : i)),
            }
          : d,
      );
    setSurveyOf(null);
    revisions.reload();
  }

  async function submit(explanations: Record<string, string>) {
    setSubmitting(true);
    setSubmitError(null);
    try {
      if (dirty && !(await save())) return;
      await api('POST', `/api/evaluations/${id}/submit`, { explanations });
      setSubmitOpen(false);
      message.success('已提交，等待财政部门审核');
      loaded.reload();
    } catch (e) {
      setSubmitError(e instanceof ApiError ? e.message : '提交失败，请重试');
    } finally {
      setSubmitting(false);
    }
  }

  saveRef.current = () => {
    if (editable && dirty && !saving) void save();
  };

  const e = draft;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Breadcrumb
        items={[{ title: <Link to="/evaluations">自评列表</Link> }, { title: displayTitle(e) || '自评' }]}
      />
      <Card
        size="small"
        className="evaluation-head"
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
              {displayTitle(e)}
            </Typography.Title>
            <StatusTag status={stored.status} />
            {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
            <FindingCounts findings={live.findings} dismissed={dismissed} />
          </Space>
        }
        extra={
          <Space wrap>
            <ExportLinks base={`/api/evaluations/${stored.id}`} formats={['xlsx', 'docx', 'pdf']} />
            {editable && (
              <Button
                onClick={() => save()}
                loading={saving}
                disabled={!dirty}
                type={dirty ? 'primary' : 'default'}
              >
                保存
              </Button>
            )}
            {editable && (
              <Button type="primary" onClick={() => setSubmitOpen(true)} disabled={saving}>
                提交审核
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'k', label: '类型', children: KIND_NAMES[e.kind] ?? e.kind },
            { key: 'o', label: '部门（单位）', children: e.organization ?? '—' },
            { key: 'y', label: '年度', children: e.year ?? '—' },
            ...(e.projectName ? [{ key: 'p', label: '项目名称', children: e.projectName }] : []),
            {
              key: 'v',
              label: '版本',
              children: `第 ${version} 版 · ${formatTime(stored.updatedAt)} ${stored.updatedBy ?? ''}`,
            },
            { key: 's', label: '来源文件', children: stored.sourceFile ?? '—' },
          ]}
        />
        {!editable && stored.status !== 'draft' && user?.role === 'filler' && (
          <Alert type="info" showIcon message={`这份自评${STATUS[stored.status].label}，不能修改`} />
        )}
      </Card>

      {conflict && (
        <Alert
          type="error"
          showIcon
          message={conflict.message}
          description={
            conflict.current
              ? `最新为第 ${conflict.current.version} 版（${conflict.current.updatedBy}，${formatTime(conflict.current.updatedAt)}）。你的修改仍保留在页面上：可载入最新版重新填写，或确认后用你的修改覆盖。`
              : '你的修改仍保留在页面上。'
          }
          action={
            <Space direction="vertical">
              <Button size="small" onClick={loaded.reload}>
                放弃我的修改，载入最新版
              </Button>
              {conflict.current && (
                <Button size="small" danger onClick={() => save(conflict.current!.version)}>
                  用我的修改覆盖
                </Button>
              )}
            </Space>
          }
        />
      )}

      {stored.evaluation.kind === 'project' && <TargetTraceNote evaluationId={stored.id} version={version} />}

      <CarryOverCard evaluationId={stored.id} version={version} />

      {stored.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          data-testid="return-comment"
          message="财政部门已退回，请按意见修改后重新提交"
          description={
            stored.lastReturn
              ? `${stored.lastReturn.comment}（${stored.lastReturn.by}，${formatTime(stored.lastReturn.at)}）`
              : returnComment(revisions.data) || stored.review?.comment || '（未填写退回意见）'
          }
        />
      )}

      {stored.frozen && (
        <Alert
          type="info"
          showIcon
          data-testid="frozen"
          message={`已冻结：第 ${stored.frozen.version} 版于 ${formatTime(stored.frozen.submittedAt)} 提交，按评分框架「${stored.score.frameworkName ?? '提交时的评分框架'}」${stored.frozen.frameworkVersion} 版计分`}
          description={
            stored.rescored
              ? `${stored.rescored.label}：复算得分 ${stored.rescored.score.computedTotal ?? '—'}${stored.rescored.score.totalIncomplete ? '（完成值空白，为下限）' : ''}，等级 ${stored.rescored.score.computedGrade ?? '—'}（提交时复算得分 ${stored.score.computedTotal ?? '—'}，等级 ${stored.score.computedGrade ?? '—'}）。`
              : '提交后的数字和计分框架版本不再改变；公开的报告读取的就是这一版。'
          }
        />
      )}

      {mismatch && (
        <Alert
          type="warning"
          showIcon
          message="浏览器内的计分与服务器不一致，以服务器为准"
          description={`服务器：${mismatch.server.frameworkName}（${mismatch.server.frameworkVersion}）得分 ${mismatch.server.computedTotal ?? '—'}；本页：${mismatch.here.frameworkName}（${mismatch.here.frameworkVersion}）得分 ${mismatch.here.computedTotal ?? '—'}。可能是服务器加载了本地评分框架；提交时按服务器的审核结果检查。`}
        />
      )}
      <ScoreSummary
        result={live.score}
        review={stored.review}
        evaluation={e}
        editable={editable}
        onStatedTotal={(raw) => {
          // Clearing the override returns to the rows' total.
          const total = raw.trim() || rowScoreTotal(e).total;
          edit({ statedTotal: total ? parseStated(total) : undefined });
        }}
      />

      <Row gutter={12}>
        <Col xs={24} xxl={16}>
          <Card size="small">
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'indicators',
                  label: `绩效指标（${e.indicators.length}）`,
                  children: (
                    <IndicatorTable
                      indicators={e.indicators}
                      scores={live.score.indicators}
                      editable={editable}
                      flagged={flagged}
                      framework={framework}
                      evaluationId={id}
                      onChange={(indicators) => edit({ indicators })}
                      onSurvey={setSurveyOf}
                    />
                  ),
                },
                ...(inputCount
                  ? [
                      {
                        key: 'inputs',
                        label: `计分数据（${inputCount}）`,
                        children: (
                          <InputsTable
                            inputs={e.inputs}
                            framework={framework}
                            editable={editable}
                            onChange={(inputs) => edit({ inputs })}
                          />
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'budget',
                  label: `预算执行（${e.budget.length}）`,
                  children: (
                    <BudgetTable
                      lines={e.budget}
                      execution={live.score.budgetExecution}
                      editable={editable}
                      onChange={(budget) => edit({ budget })}
                    />
                  ),
                },
                ...(e.summaryRows.length
                  ? [
                      {
                        key: 'summary',
                        label: `汇总表（${e.summaryRows.length}）`,
                        children: <SummaryRowsTable e={e} />,
                      },
                    ]
                  : []),
                {
                  key: 'text',
                  label: '目标与问题',
                  children: <NarrativeFields evaluation={e} editable={editable} onChange={edit} />,
                },
                {
                  key: 'revisions',
                  label: '修订记录',
                  children: <RevisionsTable revisions={revisions.data} loading={revisions.loading} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={8}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            {canReview && stored.status !== 'draft' && (
              <ReviewPanel stored={stored} onChanged={loaded.reload} />
            )}
            <Card
              id="findings"
              size="small"
              title={`审核发现（${live.findings.length}）${editable ? ' · 随输入实时更新' : ''}`}
            >
              <FindingsPanel
                findings={live.findings}
                onLocate={locate}
                dispositions={stored.dispositions}
                explanations={stored.explanations}
                history={history.data}
                {...(canReview && (stored.status === 'submitted' || stored.status === 'accepted')
                  ? { marking: { evaluationId: stored.id, onChanged: loaded.reload } }
                  : {})}
              />
            </Card>
          </Space>
        </Col>
      </Row>

      <SurveyDialog
        evaluationId={id}
        indicator={surveyOf}
        version={version}
        editable={editable}
        onClose={() => setSurveyOf(null)}
        onSaved={surveySaved}
      />
      {editable && (
        <SubmitDialog
          open={submitOpen}
          errors={errors}
          dismissed={dismissed}
          explained={stored.explanations}
          busy={submitting}
          serverError={submitError}
          onCancel={() => setSubmitOpen(false)}
          onSubmit={submit}
        />
      )}
    </Space>
  );
}
