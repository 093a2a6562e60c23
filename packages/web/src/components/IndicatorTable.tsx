import { Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { Indicator, IndicatorScore, Stated } from '@jixiao/core';
import { restate } from '../lib/assess.ts';
import { score } from '../lib/format.ts';
import { EditCell } from './EditCell.tsx';

/**
 * The cells a 填报人 fills at self-evaluation. 指标值 stays as set in the year's 绩效目标: a target
 * is changed through 调整后指标值, never by typing over it at year end.
 */
type Field = 'actual' | 'statedScore';

const DIRECTION: Record<string, string> = {
  '≥': '≥ 正向',
  '≤': '≤ 反向',
  '=': '= 等于',
  qualitative: '定性',
};

/** Row spans that merge equal 一级 / 二级 cells the way the official 自评表 does. */
function spans(rows: Indicator[], key: (r: Indicator) => string): number[] {
  const out = rows.map(() => 0);
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || key(rows[i]!) !== key(rows[start]!)) {
      out[start] = i - start;
      start = i;
    }
  }
  return out;
}

function ComputedScore({ s }: { s: IndicatorScore | undefined }) {
  if (!s) return null;
  const label =
    s.outcome === 'scored'
      ? score(s.computed)
      : s.outcome === 'not-judgeable'
        ? '无法判定'
        : s.outcome === 'manual'
          ? '酌情'
          : '不适用';
  const differs =
    s.outcome === 'scored' &&
    s.stated !== null &&
    s.computed !== null &&
    Math.abs(Number(s.stated) - Number(s.computed)) > 0.005;
  return (
    <Tooltip
      title={
        <div>
          <div>{s.explanation.summary}</div>
          {s.explanation.formula && <div>算式：{s.explanation.formula}</div>}
          <div style={{ opacity: 0.8 }}>依据：{s.explanation.citation}</div>
        </div>
      }
    >
      <span
        data-testid={`computed-${s.indicatorId}`}
        style={{ cursor: 'help', color: differs ? '#cf1322' : undefined, fontWeight: differs ? 600 : 400 }}
      >
        {label}
      </span>
    </Tooltip>
  );
}

/**
 * 绩效指标表 — the 一级/二级/三级 indicator tree as the official 自评表 lays it out, with 指标值,
 * 完成值, 分值, 自评得分 and the score the framework's rule gives (hover for rule, formula and clause).
 */
export function IndicatorTable({
  indicators,
  scores,
  editable,
  flagged,
  onChange,
}: {
  indicators: Indicator[];
  scores: IndicatorScore[];
  editable: boolean;
  /** Names of indicators some finding points at. */
  flagged: Set<string>;
  onChange: (indicators: Indicator[]) => void;
}) {
  if (!indicators.length) return <Typography.Text type="secondary">这份自评没有绩效指标表。</Typography.Text>;
  const byId = new Map(scores.map((s) => [s.indicatorId, s]));
  const span1 = spans(indicators, (r) => r.level1);
  const span2 = spans(indicators, (r) => `${r.level1}/${r.level2}`);

  function set(index: number, field: Field | 'deviationReason', raw: string) {
    onChange(
      indicators.map((ind, i) => {
        if (i !== index) return ind;
        if (field === 'deviationReason') return { ...ind, deviationReason: raw };
        return { ...ind, [field]: restate(ind[field], raw) };
      }),
    );
  }

  const cell =
    (field: Field, label: string, width: number) => (v: Stated | undefined, ind: Indicator, i: number) => (
      <EditCell
        value={v}
        editable={editable}
        label={`${ind.name} ${label}`}
        width={width}
        onChange={(raw) => set(i, field, raw)}
      />
    );

  return (
    <Table<Indicator>
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      dataSource={indicators}
      sticky
      scroll={{ x: 1200 }}
      rowClassName={(ind) => (flagged.has(ind.name) ? 'row-flagged' : '')}
      onRow={(ind) => ({ 'data-indicator': ind.name }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '一级指标', dataIndex: 'level1', width: 90, onCell: (_, i) => ({ rowSpan: span1[i ?? 0] }) },
        {
          title: '二级指标',
          dataIndex: 'level2',
          width: 100,
          onCell: (_, i) => ({ rowSpan: span2[i ?? 0] }),
        },
        {
          title: '三级指标',
          dataIndex: 'name',
          width: 200,
          render: (name: string, ind) => (
            <span>
              {name}
              {ind.notApplicable && <Tag style={{ marginLeft: 4 }}>不适用</Tag>}
            </span>
          ),
        },
        {
          title: '性质',
          dataIndex: 'direction',
          width: 70,
          render: (d: string | null) => (d ? (DIRECTION[d] ?? d) : '—'),
        },
        {
          title: '指标值',
          dataIndex: 'target',
          width: 110,
          render: (v: Stated | undefined, ind) =>
            ind.adjustedTarget?.raw ? (
              <Tooltip title={`原指标值 ${v?.raw ?? '—'}，年中调整为 ${ind.adjustedTarget.raw}`}>
                <span>
                  {ind.adjustedTarget.raw} <Tag>调整后</Tag>
                </span>
              </Tooltip>
            ) : (
              (v?.raw ?? '')
            ),
        },
        { title: '单位', dataIndex: 'unit', width: 60 },
        { title: '完成值', dataIndex: 'actual', width: 110, render: cell('actual', '完成值', 96) },
        {
          title: '分值',
          dataIndex: 'weight',
          width: 60,
          align: 'right',
          render: (v: Stated | undefined) => v?.raw ?? '',
        },
        {
          title: '自评得分',
          dataIndex: 'statedScore',
          width: 90,
          align: 'right',
          render: cell('statedScore', '自评得分', 72),
        },
        {
          title: '规则得分',
          key: 'computed',
          width: 90,
          align: 'right',
          render: (_: unknown, ind) => <ComputedScore s={byId.get(ind.id)} />,
        },
        {
          title: '偏差原因及改进措施',
          dataIndex: 'deviationReason',
          width: 240,
          render: (v: string | undefined, ind, i) => (
            <EditCell
              value={v ?? ''}
              editable={editable}
              multiline
              label={`${ind.name} 偏差原因`}
              onChange={(raw) => set(i, 'deviationReason', raw)}
            />
          ),
        },
      ]}
    />
  );
}
