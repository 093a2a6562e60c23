import {
  Alert,
  Card,
  Col,
  Empty,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { D } from '@jixiao/core';
import { Chart, type ChartOption } from '../components/Chart.tsx';
import { PageState } from '../components/PageState.tsx';
import { api, type Dashboard, type DashboardYear } from '../lib/api.ts';
import { money, percent, score } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

/** 同比 — one department's figures of one year (core's contract). */
type YearFigures = DashboardYear;

const GRADE_COLORS: Record<string, string> = { 优: '#389e0d', 良: '#1677ff', 中: '#faad14', 差: '#cf1322' };
/** The latest year in the app's red, the year before in blue, older years in greys. */
const YEAR_COLORS = ['#b71c1c', '#1677ff', '#8c8c8c', '#bfbfbf', '#d9d9d9'];
const INCOMPLETE = '无法复算（完成值空白）';

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
  const { bins, incomplete } = d.distribution;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: [...bins.map((b) => b.label), INCOMPLETE],
      axisLabel: { interval: 0, formatter: (v: string) => (v === INCOMPLETE ? '无法复算\n(完成值空白)' : v) },
    },
    yAxis: { type: 'value', minInterval: 1, name: '份' },
    series: [
      {
        type: 'bar',
        name: '自评得分',
        barMaxWidth: 40,
        data: [...bins.map((b) => b.stated), '-'],
        itemStyle: { color: '#b71c1c' },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { value: unknown }) => (p.value ? `${p.value}` : ''),
        },
      },
      {
        type: 'bar',
        name: '规则得分',
        barMaxWidth: 40,
        // A lower bound is not a score: its own grey bar, never in a band.
        data: [...bins.map((b) => b.computed), { value: incomplete, itemStyle: { color: '#bfbfbf' } }],
        itemStyle: { color: '#1677ff' },
        label: {
          show: true,
          position: 'top',
          formatter: (p: { value: unknown }) => (p.value ? `${p.value}` : ''),
        },
      },
    ],
  };
}

function yearOnYearOption(d: Dashboard, measure: 'rate' | 'score'): ChartOption {
  const { years, departments } = d.yearOnYear;
  const pick = (f: YearFigures | undefined) => {
    const v = measure === 'rate' ? f?.rate : f?.averageStated;
    return v == null ? '-' : Number(v);
  };
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) =>
        typeof v === 'number' ? (measure === 'rate' ? `${v.toFixed(2)}%` : `${v.toFixed(2)} 分`) : '—',
    },
    legend: { top: 0 },
    grid: { left: 8, right: 36, top: 48, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: departments.map((x) => x.department),
      axisLabel: { interval: 0, width: 110, overflow: 'break' },
    },
    yAxis: {
      type: 'value',
      name: measure === 'rate' ? '执行率 %' : '平均自评得分',
      // Bars start at 0 (a cut axis would make 89.6 look half of 100); scores are out of 100.
      min: 0,
      ...(measure === 'score' ? { max: 100 } : {}),
    },
    series: years.map((year, k) => ({
      type: 'bar',
      name: `${year} 年`,
      barMaxWidth: 28,
      itemStyle: { color: YEAR_COLORS[Math.min(years.length - 1 - k, YEAR_COLORS.length - 1)] },
      data: departments.map((x) => pick(x.years.find((f) => f.year === year))),
      label: {
        show: departments.length * years.length <= 24,
        position: 'top',
        fontSize: 10,
        formatter: (p: { value: unknown }) =>
          typeof p.value === 'number'
            ? measure === 'rate'
              ? `${p.value.toFixed(1)}%`
              : p.value.toFixed(1)
            : '',
      },
      ...(measure === 'rate' && k === 0
        ? {
            markLine: {
              symbol: 'none',
              data: [{ yAxis: 90, name: '90%' }],
              lineStyle: { type: 'dashed', color: '#888' },
              label: { formatter: '90%' },
            },
          }
        : {}),
    })),
  };
}

/** A change with its sign, green up and red down: "+1.23" 百分点 or 分. */
function Change({ value, unit }: { value: string | null; unit: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const v = new D(value);
  const color = v.isZero() ? undefined : v.gt(0) ? '#389e0d' : '#cf1322';
  return (
    <span style={{ color }}>
      {v.gt(0) ? '+' : ''}
      {v.toFixed(2)}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {' '}
        {unit}
      </Typography.Text>
    </span>
  );
}

/** One row of the 同比 table: a department's year. */
interface YearRow extends YearFigures {
  key: string;
  department: string;
  /** Rows of the department, on its first row (the department cell spans them). */
  span: number;
}

function YearOnYear({ d }: { d: Dashboard }) {
  const [measure, setMeasure] = useState<'rate' | 'score'>('rate');
  const option = useMemo(() => yearOnYearOption(d, measure), [d, measure]);
  const rows: YearRow[] = d.yearOnYear.departments.flatMap((x) =>
    x.years.map((f, k) => ({
      ...f,
      key: `${x.department}-${f.year}`,
      department: x.department,
      span: k === 0 ? x.years.length : 0,
    })),
  );
  const comparable = d.yearOnYear.departments.filter((x) => x.years.length > 1).length;
  return (
    <Card
      size="small"
      title="各部门年度对比（同比）"
      extra={
        <Segmented
          aria-label="对比指标"
          value={measure}
          onChange={(v) => setMeasure(v as 'rate' | 'score')}
          options={[
            { value: 'rate', label: '预算执行率' },
            { value: 'score', label: '平均自评得分' },
          ]}
        />
      }
    >
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          不受上方年度筛选影响，列出可查看的全部年度。部门有部门整体自评时取其预算与执行数，否则为各项目之和；执行率由金额重算。
        </Typography.Text>
        {comparable === 0 && (
          <Alert
            type="info"
            showIcon
            message="各部门目前都只有一个年度的自评，暂无同比变化；有了第二个年度后在下表列出变化。"
          />
        )}
        {d.yearOnYear.departments.length ? (
          <Chart
            label="各部门年度对比"
            option={option}
            height={Math.max(280, Math.min(420, 200 + d.yearOnYear.departments.length * 24))}
          />
        ) : (
          <Empty description="没有可对比的年度数据" />
        )}
        <Table<YearRow>
          rowKey="key"
          size="small"
          bordered
          pagination={false}
          dataSource={rows}
          scroll={{ x: 820 }}
          columns={[
            {
              title: '部门',
              dataIndex: 'department',
              width: 180,
              onCell: (r) => ({ rowSpan: r.span }),
            },
            { title: '年度', dataIndex: 'year', width: 64, align: 'center' },
            {
              title: '预算执行率',
              dataIndex: 'rate',
              width: 100,
              align: 'right',
              render: (v: string | null, r) =>
                v === null ? (
                  <Tooltip title="缺调整后预算或执行数">—</Tooltip>
                ) : (
                  <Tooltip
                    title={`${r.basis === 'department' ? '部门整体自评' : '各项目合计'}：执行 ${money(r.executed)} ÷ 预算 ${money(r.budget)} 万元`}
                  >
                    {percent(v)}
                  </Tooltip>
                ),
            },
            {
              title: '较上年（百分点）',
              dataIndex: 'rateChange',
              width: 130,
              align: 'right',
              render: (v: string | null, r) => (
                <span data-testid={`rate-change-${r.department}-${r.year}`}>
                  <Change value={v} unit="百分点" />
                  {r.previousYear !== null && r.previousYear !== r.year - 1 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      （较 {r.previousYear}）
                    </Typography.Text>
                  )}
                </span>
              ),
            },
            {
              title: '平均自评得分',
              dataIndex: 'averageStated',
              width: 110,
              align: 'right',
              render: (v: string | null, r) => (
                <span>
                  {score(v)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    （{r.statedCount} 份）
                  </Typography.Text>
                </span>
              ),
            },
            {
              title: '较上年（分）',
              dataIndex: 'averageStatedChange',
              width: 110,
              align: 'right',
              render: (v: string | null) => <Change value={v} unit="分" />,
            },
            {
              title: '平均复算得分',
              dataIndex: 'averageComputed',
              width: 120,
              align: 'right',
              render: (v: string | null, r) =>
                v === null ? (
                  <Tooltip title="完成值空白，无法复算">—</Tooltip>
                ) : (
                  <span>
                    {score(v)}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      （{r.computedCount} 份）
                    </Typography.Text>
                  </span>
                ),
            },
          ]}
        />
      </Space>
    </Card>
  );
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
  // Sums come from the server in decimals; the page adds no floats.
  const totals = d?.totals ?? null;
  // The years come from the 同比 data, which covers every year the user may see whatever the filter.
  const years = d?.yearOnYear.years ?? (year === 'all' ? [] : [year]);

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
              ...[...years].reverse().map((y) => ({ value: y, label: `${y} 年` })),
            ]}
          />
        }
      >
        {(board.error || (board.loading && !d)) && (
          <PageState
            loading={board.loading}
            error={board.error}
            status={board.status}
            reload={board.reload}
          />
        )}
        {d && totals && (
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title="自评份数" value={totals.count} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="全年预算数（万元）" value={money(totals.budget)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="执行数（万元）" value={money(totals.executed)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="总体执行率" value={percent(totals.rate)} />
            </Col>
          </Row>
        )}
      </Card>
      {d && options && (
        <>
          {d.totals.count === 0 && <Empty description="这一年度还没有可统计的自评" />}
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
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="incomplete-count">
                  规则得分只统计完成值齐全的自评；{d.distribution.incomplete}{' '}
                  份因完成值空白只能算出下限，列为「
                  {INCOMPLETE}」，不计入分段。
                </Typography.Text>
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
            <Col xs={24}>
              <YearOnYear d={d} />
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
