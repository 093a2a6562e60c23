import type { CarryOver } from '@jixiao/core';
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../lib/api.ts';
import { useLoad } from '../lib/useLoad.ts';

type Item = CarryOver['previous'][number]['rectifications'][number] & { source: string };
type Actual = CarryOver['actuals'][number];

/**
 * 上年整改与完成情况 — on a self-evaluation: last year's evaluation of the same project (or the department's
 * 部门整体), its 整改 items with their status (those not done flagged) and last year's actuals from the 指标库.
 * Nothing when last year has no evaluation of it.
 */
export function CarryOverCard({ evaluationId, version }: { evaluationId: number; version: number }) {
  const carry = useLoad(
    () => api<CarryOver>('GET', `/api/evaluations/${evaluationId}/carry-over`),
    `carry-${evaluationId}-${version}`,
  );
  const c = carry.data;
  if (!c || c.year === null || !c.previous.length) return null;
  const items: Item[] = c.previous.flatMap((p) =>
    p.rectifications.map((i) => ({ ...i, source: p.evaluation.title })),
  );
  return (
    <Card
      size="small"
      title={`上年（${c.year} 年度）整改与完成情况`}
      data-testid="carry-over"
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        上年同一{c.previous[0]!.evaluation.kind === 'department' ? '部门整体' : '项目'}的自评：
        {c.previous.map((p, k) => (
          <span key={p.evaluation.id}>
            {k ? '、' : ''}
            <Link to={`/evaluations/${p.evaluation.id}`}>{p.evaluation.title}</Link>
          </span>
        ))}
      </Typography.Paragraph>
      {c.openCount ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="carry-over-open"
          message={`上年有 ${c.openCount} 项整改尚未完成${c.overdueCount ? `，其中 ${c.overdueCount} 项已逾期` : ''}，请在本年自评中说明进展`}
        />
      ) : null}
      <Table<Item>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: '上年没有登记整改事项' }}
        columns={[
          { title: '存在问题', dataIndex: 'problem' },
          { title: '整改措施', dataIndex: 'measure', render: (m: string) => m || '—' },
          { title: '整改期限', dataIndex: 'due', width: 120, render: (d: string | null) => d ?? '未定' },
          {
            title: '整改进度',
            width: 140,
            render: (_, r) => (
              <>
                <Tag color={r.status === 'done' ? 'success' : 'warning'}>{r.statusName}</Tag>
                {r.overdue ? <Tag color="error">逾期</Tag> : null}
              </>
            ),
          },
          { title: '整改结果', dataIndex: 'result', render: (x: string) => x || '—' },
        ]}
      />
      {c.actuals.length ? (
        <Table<Actual>
          style={{ marginTop: 12 }}
          rowKey={(r) => `${r.level1}-${r.level2}-${r.name}`}
          size="small"
          pagination={false}
          dataSource={c.actuals}
          title={() => '上年指标完成情况（指标库）'}
          columns={[
            { title: '一级指标', dataIndex: 'level1', width: 110 },
            { title: '二级指标', dataIndex: 'level2', width: 110 },
            { title: '三级指标', dataIndex: 'name' },
            { title: '上年指标值', dataIndex: 'target', width: 130 },
            {
              title: '上年完成值',
              dataIndex: 'actual',
              width: 130,
              render: (a: string | null) => a ?? '上年自评尚未审核',
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
