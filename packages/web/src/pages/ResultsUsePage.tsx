import type { ResultsUse, ResultsUseRow } from '@jixiao/core';
import { Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageState } from '../components/PageState.tsx';
import { api } from '../lib/api.ts';
import { money, score } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

const ACTION_COLOURS: Record<ResultsUseRow['use']['action'], string> = {
  priority: 'success',
  keep: 'processing',
  cut: 'warning',
  none: 'default',
};

/** The years offered: from this year back, last year first chosen (its evaluations are the ones reviewed now). */
const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, k) => thisYear - k);

/**
 * 结果应用表 — the finance bureau's view of a year's evaluations: grade, budget and what its rule for budget
 * use by grade suggests for next year, with the reason; the open 整改 items beside each.
 */
export function ResultsUsePage() {
  const [year, setYear] = useState(thisYear - 1);
  const table = useLoad(() => api<ResultsUse>('GET', `/api/results-use?year=${year}`), `results-use-${year}`);
  const t = table.data;
  return (
    <Card
      title="结果应用"
      extra={
        <Space>
          <span>年度</span>
          <Select
            aria-label="年度"
            data-testid="results-use-year"
            value={year}
            style={{ width: 120 }}
            onChange={setYear}
            options={YEARS.map((y) => ({ value: y, label: `${y} 年度` }))}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        已提交、已审核和已公开的自评按等级对照{t ? `《${t.rule.name}》` : '结果应用规则'}
        给出下年度预算安排建议：等级取复核得分的，未复核的取规则得分的，再无则取自评等级；下年度自评写明年初预算的以它为基数，否则以本年调整后预算为基数。金额单位：万元。
      </Typography.Paragraph>
      {table.error || (table.loading && !t) ? (
        <PageState loading={table.loading} error={table.error} status={table.status} reload={table.reload} />
      ) : (
        <Table<ResultsUseRow>
          rowKey={(r) => r.evaluation.id}
          size="middle"
          data-testid="results-use-table"
          dataSource={t?.rows ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={`${year} 年度还没有已提交的自评`} /> }}
          columns={[
            { title: '部门', width: 160, render: (_, r) => r.evaluation.department },
            {
              title: '项目',
              width: 200,
              render: (_, r) => <Link to={`/evaluations/${r.evaluation.id}`}>{r.project}</Link>,
            },
            {
              title: '得分',
              width: 90,
              align: 'right',
              render: (_, r) => score(r.score),
            },
            {
              title: '等级',
              width: 110,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>{r.use.grade ?? '—'}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.gradeBasis}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '本年调整后预算', width: 130, align: 'right', render: (_, r) => money(r.budget) },
            {
              title: '建议',
              width: 110,
              render: (_, r) => <Tag color={ACTION_COLOURS[r.use.action]}>{r.use.actionName}</Tag>,
            },
            {
              title: '建议安排',
              width: 170,
              align: 'right',
              render: (_, r) =>
                r.use.suggestedLow === null
                  ? '—'
                  : r.use.suggestedLow === r.use.suggestedHigh
                    ? money(r.use.suggestedLow)
                    : `${money(r.use.suggestedLow)}–${money(r.use.suggestedHigh)}`,
            },
            {
              title: '理由',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>{r.use.words}</span>
                  {r.use.citation ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      依据：{r.use.citation.title}（{r.use.citation.clause}）
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '未完成整改',
              width: 100,
              align: 'right',
              render: (_, r) =>
                r.openRectifications ? <Tag color="warning">{r.openRectifications} 项</Tag> : '—',
            },
          ]}
        />
      )}
    </Card>
  );
}
