import { Card, Col, Empty, Row, Select, Space, Statistic, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { PageState } from '../components/PageState.tsx';
import { api, type Dashboard } from '../lib/api.ts';
import { money, percent, score } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

const BINS = [
  { label: '<60', min: -Infinity, max: 60 },
  { label: '60–70', min: 60, max: 70 },
  { label: '70–80', min: 70, max: 80 },
  { label: '80–90', min: 80, max: 90 },
  { label: '≥90', min: 90, max: Infinity },
];
const GRADE_COLORS: Record<string, string> = { 优: '#389e0d', 良: '#1677ff', 中: '#faad14', 差: '#cf1322' };

function histogram(values: Array<string | null>): number[] {
  return BINS.map((b) => values.filter((v) => v !== null && Number(v) >= b.min && Number(v) < b.max).length);
}

function executionOption(d: Dashboard): ChartOption {
  const rows = [...d.byDepartment].sort((a, b) => Number(a.rate ?? 0) - Number(b.rate ?? 0));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(2)}%` },
    grid: { left: 8, right: 72, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      name: '%',
      max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
    },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.department),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: '预算执行率',
        barMaxWidth: 28,
        data: rows.map((r) => ({
          value: Number(r.rate ?? 0),
          itemStyle: { color: Number(r.rate ?? 0) < 90 ? '#faad14' : '#b71c1c' },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: unknown }) => `${Number(p.value).toFixed(2)}%`,
        },
        markLine: {
          symbol: 'none',
          data: [{ xAxis: 90, name: '90%' }],
          lineStyle: { type: 'dashed', color: '#888' },
          label: { formatter: '90%' },
        },
      },
    ],
  };
}

function distributionOption(d: Dashboard): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: BINS.map((b) => b.label), name: '分' },
    yAxis: { type: 'value', minInterval: 1, name: '份' },
    series: [
      {
        type: 'bar',
        name: '自评得分',
        barMaxWidth: 40,
        data: histogram(d.scores.map((s) => s.stated)),
        itemStyle: { color: '#b71c1c' },
      },
      {
        type: 'bar',
        name: '规则得分',
        barMaxWidth: 40,
        data: histogram(d.scores.map((s) => s.computed)),
        itemStyle: { color: '#1677ff' },
      },
    ],
  };
}

function gradeOption(d: Dashboard): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 份（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        label: { formatter: '{b} {c}' },
        data: Object.entries(d.gradeCounts).map(([name, value]) => ({
          name,
          value,
          itemStyle: { color: GRADE_COLORS[name] },
        })),
      },
    ],
  };
}

/** 看板 — execution by department, score distribution, grade counts and the largest gaps between stated and rule scores. */
export default function DashboardPage() {
  const [year, setYear] = useState<number | 'all'>('all');
  const board = useLoad(
    () => api<Dashboard>('GET', `/api/dashboard${year === 'all' ? '' : `?year=${year}`}`),
    String(year),
  );
  const d = board.data;
  const options = useMemo(
    () => (d ? { exec: executionOption(d), dist: distributionOption(d), grade: gradeOption(d) } : null),
    [d],
  );
  const totals = useMemo(() => {
    if (!d) return null;
    const budget = d.byDepartment.reduce((s, r) => s + Number(r.budget), 0);
    const executed = d.byDepartment.reduce((s, r) => s + Number(r.executed), 0);
    return { budget, executed, rate: budget ? (executed / budget) * 100 : null };
  }, [d]);
  const thisYear = new Date().getFullYear();

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title="绩效看板"
        extra={
          <Select
            aria-label="年度"
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[
              { value: 'all', label: '全部年度' },
              ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({ value: thisYear - k, label: `${thisYear - k} 年` })),
            ]}
          />
        }
      >
        {(board.error || (board.loading && !d)) && (
          <PageState loading={board.loading} error={board.error} reload={board.reload} />
        )}
        {d && totals && (
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title="自评份数" value={d.scores.length} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="全年预算数（万元）" value={money(totals.budget.toFixed(2))} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="执行数（万元）" value={money(totals.executed.toFixed(2))} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="总体执行率"
                value={totals.rate === null ? '—' : percent(totals.rate.toFixed(2))}
              />
            </Col>
          </Row>
        )}
      </Card>
      {d && options && (
        <>
          {d.scores.length === 0 && <Empty description="这一年度还没有可统计的自评" />}
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title="各部门预算执行率">
                {d.byDepartment.length ? (
                  <Chart
                    label="各部门预算执行率"
                    option={options.exec}
                    height={Math.max(240, d.byDepartment.length * 36)}
                  />
                ) : (
                  <Empty description="没有预算执行数据" />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="得分分布">
                <Chart label="得分分布" option={options.dist} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title="等级分布">
                {Object.keys(d.gradeCounts).length ? (
                  <Chart label="等级分布" option={options.grade} height={280} />
                ) : (
                  <Empty description="没有可定级的自评" />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card size="small" title="自评得分与规则得分差异最大">
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={d.largestDeviations}
                  locale={{ emptyText: '没有差异' }}
                  columns={[
                    {
                      title: '自评',
                      dataIndex: 'title',
                      render: (t: string, r) => <Link to={`/evaluations/${r.id}`}>{t}</Link>,
                    },
                    { title: '部门', dataIndex: 'department', width: 160 },
                    { title: '自评得分', dataIndex: 'stated', width: 80, align: 'right', render: score },
                    { title: '规则得分', dataIndex: 'computed', width: 80, align: 'right', render: score },
                    {
                      title: '差异',
                      dataIndex: 'difference',
                      width: 70,
                      align: 'right',
                      render: (v: string) => (
                        <b style={{ color: Number(v) >= 5 ? '#cf1322' : undefined }}>{score(v)}</b>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
