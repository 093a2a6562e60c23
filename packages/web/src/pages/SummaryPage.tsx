import { Alert, Button, Card, Empty, Pagination, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { Link } from 'react-router';
import { SUMMARY_GRADES, type SummaryProject } from '@jixiao/core';
import { PageState } from '../components/PageState.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import {
  api,
  type Status,
  type SummaryEvaluationLine,
  type SummaryTable,
  type SummaryTotalLine,
} from '../lib/api.ts';
import { KIND_NAMES, money, percent, score, STATUS } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

/** 汇总表的一行 (an evaluation) and 小计 / 合计 — GET /api/summary, core's contract. */
type EvaluationLine = SummaryEvaluationLine;
type TotalLine = SummaryTotalLine;

/** One row of the antd table: an evaluation (its projects as children), a project, a 小计 or a 合计. */
type Row =
  | { key: string; kind: 'evaluation'; line: EvaluationLine; first: boolean; children?: Row[] }
  | { key: string; kind: 'project'; line: SummaryProject; parent: EvaluationLine }
  | { key: string; kind: 'subtotal' | 'total'; line: TotalLine };

function rowsOf(lines: SummaryTable['lines']): Row[] {
  const rows: Row[] = [];
  let department = '';
  for (const l of lines) {
    if (l.type !== 'evaluation') {
      rows.push({ key: `${l.type}-${l.department ?? ''}-${l.group ?? ''}`, kind: l.type, line: l });
      continue;
    }
    const children: Row[] = l.projects.map((p, k) => ({
      key: `p-${l.id}-${k}`,
      kind: 'project',
      line: p,
      parent: l,
    }));
    rows.push({
      key: `e-${l.id}`,
      kind: 'evaluation',
      line: l,
      first: l.department !== department,
      ...(children.length ? { children } : {}),
    });
    department = l.department;
  }
  return rows;
}

const STYLE: Record<Row['kind'], CSSProperties | undefined> = {
  evaluation: undefined,
  project: { color: '#595959' },
  subtotal: { fontWeight: 600, background: '#fafafa' },
  total: { fontWeight: 700, background: '#f0f0f0' },
};

const num: Pick<ColumnType<Row>, 'align' | 'className'> = { align: 'right', className: 'num' };

function rateCell(rate: string | null, stated: boolean): ReactNode {
  if (rate === null) return '—';
  return stated ? (
    <Tooltip title="缺执行数或调整后预算，这是填报的执行率，未能重算">
      <span>
        {percent(rate)}
        <sup style={{ color: 'rgba(0,0,0,0.45)' }}>填报</sup>
      </span>
    </Tooltip>
  ) : (
    percent(rate)
  );
}

function computedCell(e: EvaluationLine): ReactNode {
  if (e.totalIncomplete) {
    return e.computedScore === null ? (
      <Tooltip title="完成值空白，无法复算">
        <Tag color="warning">无法复算</Tag>
      </Tooltip>
    ) : (
      <Tooltip title="有完成值空白的指标未能计分：这是下限，不是得分">
        <Typography.Text type="warning" data-testid="lower-bound">
          ≥{score(e.computedScore)}
        </Typography.Text>
      </Tooltip>
    );
  }
  return score(e.computedScore);
}

/** The columns in the official order; 小计 and 合计 span the text columns with their label. */
function columns(): Array<ColumnType<Row>> {
  const textSpan = (r: Row, at: 'department' | 'name' | 'rest') => {
    if (r.kind === 'total') return { colSpan: at === 'department' ? 5 : 0 };
    if (r.kind === 'subtotal' && at !== 'department') return { colSpan: at === 'name' ? 4 : 0 };
    return {};
  };
  const cols: Array<ColumnType<Row>> = [
    {
      title: '部门',
      key: 'department',
      width: 130,
      fixed: 'left',
      onCell: (r) => textSpan(r, 'department'),
      render: (_: unknown, r) => {
        if (r.kind === 'total')
          return (
            <span>
              {r.line.label}
              <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                {' '}
                · 共 {r.line.count} 份
              </Typography.Text>
            </span>
          );
        return r.kind === 'evaluation' && r.first ? r.line.department : '';
      },
    },
    {
      title: '项目/自评名称',
      key: 'title',
      width: 250,
      onCell: (r) => textSpan(r, 'name'),
      render: (_: unknown, r) => {
        if (r.kind === 'evaluation') {
          // Inline, so the expand button of a filed 汇总表 stays on the same line as its name.
          return (
            <span>
              <Link to={`/evaluations/${r.line.id}`} title={r.line.title}>
                {r.line.name}
              </Link>
              {r.line.projects.length > 0 && (
                <Typography.Text type="secondary">（含 {r.line.projects.length} 个项目）</Typography.Text>
              )}
            </span>
          );
        }
        if (r.kind === 'project') return <span>其中：{r.line.name}</span>;
        if (r.kind === 'subtotal') return `${r.line.department ?? ''} ${r.line.label}`;
        return null;
      },
    },
    {
      title: '类型',
      key: 'kind',
      width: 104,
      onCell: (r) => textSpan(r, 'rest'),
      render: (_: unknown, r) =>
        r.kind === 'evaluation'
          ? (KIND_NAMES[r.line.kind] ?? r.line.kind)
          : r.kind === 'project'
            ? '项目'
            : null,
    },
    {
      title: '年度',
      key: 'year',
      width: 52,
      align: 'center',
      onCell: (r) => textSpan(r, 'rest'),
      render: (_: unknown, r) => (r.kind === 'evaluation' ? (r.line.year ?? '—') : null),
    },
    {
      title: '状态',
      key: 'status',
      width: 72,
      align: 'center',
      onCell: (r) => textSpan(r, 'rest'),
      render: (_: unknown, r) => (r.kind === 'evaluation' ? <StatusTag status={r.line.status} /> : null),
    },
    {
      title: '年初预算',
      key: 'initialBudget',
      width: 96,
      ...num,
      render: (_: unknown, r) => (r.kind === 'project' ? '' : money(r.line.initialBudget)),
    },
    {
      title: '调整后预算',
      key: 'adjustedBudget',
      width: 96,
      ...num,
      render: (_: unknown, r) => money(r.line.adjustedBudget),
    },
    {
      title: '执行数',
      key: 'executed',
      width: 96,
      ...num,
      render: (_: unknown, r) => money(r.line.executed),
    },
    {
      title: '执行率',
      key: 'rate',
      width: 90,
      ...num,
      render: (_: unknown, r) => {
        if (r.kind === 'evaluation' || r.kind === 'project') return rateCell(r.line.rate, r.line.rateStated);
        const partial = r.line.rate !== null && r.line.rateCount < r.line.count;
        return partial ? (
          <Tooltip title={`按 ${r.line.rateCount}/${r.line.count} 份同时填有调整后预算和执行数的自评计算`}>
            <span>{percent(r.line.rate)}*</span>
          </Tooltip>
        ) : (
          percent(r.line.rate)
        );
      },
    },
    {
      title: '自评得分',
      key: 'stated',
      width: 74,
      ...num,
      render: (_: unknown, r) =>
        r.kind === 'evaluation' || r.kind === 'project' ? score(r.line.statedScore) : '',
    },
    {
      title: '复算得分',
      key: 'computed',
      width: 80,
      ...num,
      render: (_: unknown, r) => (r.kind === 'evaluation' ? computedCell(r.line) : ''),
    },
    {
      title: '等级',
      key: 'grade',
      width: 52,
      align: 'center',
      render: (_: unknown, r) => {
        if (r.kind !== 'evaluation') return '';
        const { grade, computedGrade } = r.line;
        if (computedGrade && grade && computedGrade !== grade)
          return (
            <Tooltip title={`按自评得分为「${grade}」，按复算得分为「${computedGrade}」`}>
              <span>
                {grade}
                <Typography.Text type="danger">→{computedGrade}</Typography.Text>
              </span>
            </Tooltip>
          );
        return grade ?? '—';
      },
    },
    {
      title: '复核得分',
      key: 'review',
      width: 74,
      ...num,
      render: (_: unknown, r) => (r.kind === 'evaluation' ? score(r.line.reviewScore) : ''),
    },
    {
      title: (
        <Tooltip title="未标记「不是问题」的审核发现">
          <span>错误/警告</span>
        </Tooltip>
      ),
      key: 'findings',
      width: 84,
      align: 'center',
      render: (_: unknown, r) =>
        r.kind === 'project' ? (
          ''
        ) : (
          <span data-testid="finding-counts">
            <span style={{ color: r.line.errors ? '#cf1322' : undefined }}>{r.line.errors}</span>
            <Typography.Text type="secondary"> / </Typography.Text>
            <span style={{ color: r.line.warnings ? '#d48806' : undefined }}>{r.line.warnings}</span>
          </span>
        ),
    },
  ];
  // Every cell of a 小计 / 合计 row is bold on grey, as on the paper form.
  return cols.map((c) => ({
    ...c,
    onCell: (r: Row, index?: number) => ({
      ...(c.onCell?.(r, index) ?? {}),
      style: STYLE[r.kind],
    }),
  }));
}

/** 排序: by department with 小计 (the official table), or one flat list by a column, largest first. */
type SortKey = 'department' | 'stated' | 'computed' | 'review' | 'rate' | 'budget' | 'errors';
const SORTS: Array<{ value: SortKey; label: string }> = [
  { value: 'department', label: '按部门（含小计）' },
  { value: 'stated', label: '按自评得分' },
  { value: 'computed', label: '按规则得分' },
  { value: 'review', label: '按复核得分' },
  { value: 'rate', label: '按执行率（低的在前）' },
  { value: 'budget', label: '按全年预算数' },
  { value: 'errors', label: '按错误条数' },
];

/**
 * 汇总表 — the finance bureau's table across departments and projects for one year: money in 万元 with
 * 2 decimals, self, computed and review scores, open findings, 小计 per department and 合计; the same
 * table as an xlsx download.
 */
export default function SummaryPage() {
  const [year, setYear] = useState<number | null>(null);
  const [department, setDepartment] = useState<number | 'all'>('all');
  const [page, setPage] = useState(1);
  const [statuses, setStatuses] = useState<Status[]>([]);
  const [grade, setGrade] = useState<string | undefined>();
  const [sort, setSort] = useState<SortKey>('department');
  const params = new URLSearchParams();
  if (year !== null) params.set('year', String(year));
  if (department !== 'all') params.set('department', String(department));
  // Filters and order are the server's (the table is paged there): the 合计 stays the filtered table's.
  if (statuses.length) params.set('status', statuses.join(','));
  if (grade) params.set('grade', grade);
  if (sort !== 'department') params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  const table = useLoad(() => api<SummaryTable>('GET', `/api/summary${query ? `?${query}` : ''}`), query);
  const t = table.data;
  const rows = useMemo(() => (t ? rowsOf(t.lines) : []), [t]);
  const cols = useMemo(columns, []);
  // The download names the year the server chose, so it is the table on screen even before a choice.
  const download = new URLSearchParams();
  if (t?.year) download.set('year', String(t.year));
  if (department !== 'all') download.set('department', String(department));

  return (
    <Card
      title="预算绩效自评汇总表"
      extra={
        <Space wrap>
          <Select
            aria-label="年度"
            value={t?.year ?? year ?? undefined}
            placeholder="年度"
            style={{ width: 110 }}
            onChange={(y: number) => {
              setYear(y);
              setDepartment('all');
              setPage(1);
            }}
            options={(t?.years ?? []).map((y) => ({ value: y, label: `${y} 年度` }))}
          />
          <Select
            aria-label="部门"
            value={department}
            style={{ width: 220 }}
            onChange={(d: number | 'all') => {
              setDepartment(d);
              setPage(1);
            }}
            showSearch
            optionFilterProp="label"
            options={[
              { value: 'all' as const, label: '全部部门' },
              ...(t?.departments ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
          <Select<Status[]>
            aria-label="状态"
            mode="multiple"
            allowClear
            placeholder="全部状态"
            value={statuses}
            style={{ minWidth: 150 }}
            maxTagCount="responsive"
            onChange={(v) => {
              setStatuses(v);
              setPage(1);
            }}
            options={(Object.keys(STATUS) as Status[]).map((k) => ({ value: k, label: STATUS[k].label }))}
          />
          <Select<string>
            aria-label="等级"
            allowClear
            placeholder="全部等级"
            value={grade}
            style={{ width: 110 }}
            onChange={(g) => {
              setGrade(g);
              setPage(1);
            }}
            options={SUMMARY_GRADES.map((g) => ({ value: g, label: g }))}
          />
          <Select<SortKey>
            aria-label="排序"
            value={sort}
            style={{ width: 170 }}
            onChange={(v) => {
              setSort(v);
              setPage(1);
            }}
            options={SORTS}
          />
          <Button
            type="primary"
            href={`/api/summary/export?${download.toString()}`}
            download
            disabled={!t?.year}
            data-testid="summary-download"
          >
            下载汇总表 xlsx
          </Button>
        </Space>
      }
    >
      {(table.error || (table.loading && !t)) && (
        <PageState loading={table.loading} error={table.error} status={table.status} reload={table.reload} />
      )}
      {t && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary" data-testid="summary-caption">
            {[
              t.year ? `${t.year} 年度` : '—',
              `范围：${t.scope}`,
              '单位：万元',
              ...(t.departmentId !== null
                ? [`部门：${t.departments.find((d) => d.id === t.departmentId)?.name ?? ''}`]
                : []),
            ].join(' · ')}
          </Typography.Text>
          {t.undated > 0 && (
            <Alert type="info" showIcon message={`另有 ${t.undated} 份自评未注明年度，未列入汇总表。`} />
          )}
          {t.years.length === 0 ? (
            <Empty description="还没有可汇总的自评" />
          ) : (
            <Table<Row>
              rowKey="key"
              size="small"
              bordered
              sticky
              pagination={false}
              dataSource={rows}
              columns={cols}
              scroll={{ x: 1340 }}
              expandable={{ expandIconColumnIndex: 1, indentSize: 12 }}
              locale={{ emptyText: <Empty description="这一年度没有符合条件的自评" /> }}
            />
          )}
          {t.rowCount > t.pageSize && (
            <Pagination
              align="end"
              current={t.page}
              pageSize={t.pageSize}
              total={t.rowCount}
              showSizeChanger={false}
              showTotal={(n) => `共 ${n} 份自评，每页 ${t.pageSize} 份；合计为全表合计`}
              onChange={setPage}
            />
          )}
          <ol style={{ margin: 0, paddingLeft: 20, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
            {t.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ol>
        </Space>
      )}
    </Card>
  );
}
