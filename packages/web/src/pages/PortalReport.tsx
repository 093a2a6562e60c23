import { Breadcrumb, Card, Descriptions, Grid, List, Space, Tag, Typography } from 'antd';
import { displayTitle, type BudgetLine, type Indicator } from '@jixiao/core';
import { Link, useParams } from 'react-router';
import { BudgetTable } from '../components/BudgetTable.tsx';
import { IndicatorTable } from '../components/IndicatorTable.tsx';
import { PageState } from '../components/PageState.tsx';
import { PublicShell } from '../components/PublicShell.tsx';
import { SummaryRowsTable } from '../components/SummaryRowsTable.tsx';
import { api, type PublicReport } from '../lib/api.ts';
import { KIND_NAMES, score, statedMoney, statedScore, statedText } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';
import { ExportLinks } from '../components/ExportLinks.tsx';

const noop = () => undefined;

/** Indicators as cards on a phone: one per row, the figures readable without scrolling sideways. */
function IndicatorCards({ indicators }: { indicators: Indicator[] }) {
  return (
    <List
      dataSource={indicators}
      renderItem={(ind) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Typography.Text strong>{ind.name}</Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {ind.level1}
              {ind.level2 ? ` / ${ind.level2}` : ''}
            </Typography.Text>
            <div style={{ fontSize: 13 }}>
              指标值 {statedText(ind.target) || '—'}
              {ind.unit ? ` ${ind.unit}` : ''} · 完成值 {statedText(ind.actual) || '—'} · 分值{' '}
              {statedScore(ind.weight) || '—'} · 得分 {statedScore(ind.statedScore) || '—'}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

/** Budget lines as cards on a phone: 全年预算数, 执行数 and 执行率 of each line, in 万元. */
function BudgetCards({ lines }: { lines: BudgetLine[] }) {
  return (
    <List
      dataSource={lines}
      renderItem={(line) => (
        <List.Item>
          <div style={{ width: '100%', paddingLeft: line.role === 'total' ? 0 : 12 }}>
            <Typography.Text strong={line.role === 'total'}>{line.label}</Typography.Text>
            <div style={{ fontSize: 13 }}>
              全年预算 {statedMoney(line.adjustedBudget ?? line.initialBudget) || '—'} · 执行{' '}
              {statedMoney(line.executed) || '—'} · 执行率 {statedText(line.executionRate) || '—'}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

/** 公开报告 — a published evaluation, read-only, with its score; findings stay internal. */
export default function PortalReport() {
  const id = Number(useParams().id);
  const screens = Grid.useBreakpoint();
  const report = useLoad(() => api<PublicReport>('GET', `/api/public/reports/${id}`), String(id));
  const r = report.data;
  return (
    <PublicShell>
      {!r ? (
        <PageState
          loading={report.loading}
          error={report.error}
          status={report.status}
          reload={report.reload}
        />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Breadcrumb
            items={[{ title: <Link to="/public">公开报告</Link> }, { title: displayTitle(r.evaluation) }]}
          />
          <Card
            size="small"
            title={<span style={{ whiteSpace: 'normal' }}>{displayTitle(r.evaluation)}</span>}
            extra={<ExportLinks base={`/api/public/reports/${id}`} formats={['xlsx', 'pdf']} />}
          >
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, md: 3 }}
              items={[
                { key: 'o', label: '部门（单位）', children: r.evaluation.organization ?? '—' },
                { key: 'k', label: '类型', children: KIND_NAMES[r.evaluation.kind] },
                { key: 'y', label: '年度', children: r.evaluation.year ?? '—' },
                ...(r.evaluation.summaryRows.length > 0 && !r.evaluation.indicators.length
                  ? [{ key: 'n', label: '项目数', children: `${r.evaluation.summaryRows.length} 个` }]
                  : []),
                // A 汇总表 has no score of its own: its projects' scores are in its rows.
                ...(r.evaluation.summaryRows.length > 0 &&
                !r.evaluation.indicators.length &&
                !(r.score.statedTotal ?? r.score.computedTotal)
                  ? []
                  : [
                      {
                        key: 's',
                        label: '自评得分',
                        children: (
                          <span data-testid="public-score">
                            {score(r.score.statedTotal ?? r.score.computedTotal)}{' '}
                            {r.score.statedGrade && <Tag>{r.score.statedGrade}</Tag>}
                          </span>
                        ),
                      },
                    ]),
                ...(r.evaluation.projectName
                  ? [{ key: 'p', label: '项目', children: r.evaluation.projectName }]
                  : []),
              ]}
            />
          </Card>
          {r.evaluation.budget.length > 0 && (
            <Card size="small" title="预算执行情况（万元）">
              {screens.md ? (
                <BudgetTable
                  lines={r.evaluation.budget}
                  execution={r.score.budgetExecution}
                  editable={false}
                  onChange={noop}
                />
              ) : (
                <BudgetCards lines={r.evaluation.budget} />
              )}
            </Card>
          )}
          {r.evaluation.indicators.length > 0 && (
            <Card size="small" title="绩效指标完成情况">
              {screens.md ? (
                <IndicatorTable
                  indicators={r.evaluation.indicators}
                  scores={r.score.indicators}
                  editable={false}
                  flagged={new Set()}
                  onChange={noop}
                />
              ) : (
                <IndicatorCards indicators={r.evaluation.indicators} />
              )}
            </Card>
          )}
          {r.evaluation.summaryRows.length > 0 && (
            <Card size="small" title="项目汇总（万元）" data-testid="public-summary-rows">
              <SummaryRowsTable e={r.evaluation} />
            </Card>
          )}
          {(r.evaluation.goal || r.evaluation.goalAchieved || r.evaluation.conclusion) && (
            <Card size="small" title="目标完成与评价结论">
              {r.evaluation.goal && (
                <Typography.Paragraph>年度总体目标：{r.evaluation.goal}</Typography.Paragraph>
              )}
              {r.evaluation.goalAchieved && (
                <Typography.Paragraph>实际完成情况：{r.evaluation.goalAchieved}</Typography.Paragraph>
              )}
              {r.evaluation.conclusion && (
                <Typography.Paragraph>评价结论：{r.evaluation.conclusion}</Typography.Paragraph>
              )}
            </Card>
          )}
          {(r.evaluation.problems || r.evaluation.measures || r.evaluation.resultUse) && (
            <Card size="small" title="问题与改进">
              {r.evaluation.problems && (
                <Typography.Paragraph>存在问题：{r.evaluation.problems}</Typography.Paragraph>
              )}
              {r.evaluation.measures && (
                <Typography.Paragraph>改进措施：{r.evaluation.measures}</Typography.Paragraph>
              )}
              {r.evaluation.resultUse && (
                <Typography.Paragraph>结果应用：{r.evaluation.resultUse}</Typography.Paragraph>
              )}
            </Card>
          )}
        </Space>
      )}
    </PublicShell>
  );
}
