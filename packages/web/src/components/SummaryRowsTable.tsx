import { Table } from 'antd';
import type { Evaluation, Stated } from '@jixiao/core';
import { statedMoney, statedScore, statedText } from '../lib/format.ts';

/** 项目支出绩效自评汇总表 (seed 000) — one row per project, amounts with 2 decimals. */
export function SummaryRowsTable({ e }: { e: Evaluation }) {
  return (
    <Table
      rowKey={(r) => `${r.index ?? ''}-${r.name}`}
      size="small"
      bordered
      pagination={false}
      dataSource={e.summaryRows}
      scroll={{ x: 800 }}
      columns={[
        { title: '序号', dataIndex: 'index', width: 60 },
        { title: '项目名称', dataIndex: 'name' },
        {
          title: '全年预算数',
          dataIndex: 'adjustedBudget',
          align: 'right',
          render: (v: Stated | undefined) => statedMoney(v),
        },
        {
          title: '全年执行数',
          dataIndex: 'executed',
          align: 'right',
          render: (v: Stated | undefined) => statedMoney(v),
        },
        {
          title: '执行率',
          dataIndex: 'executionRate',
          align: 'right',
          render: (v: Stated | undefined) => statedText(v),
        },
        {
          title: '自评得分',
          dataIndex: 'statedScore',
          align: 'right',
          render: (v: Stated | undefined) => statedScore(v),
        },
        { title: '是否有较大偏差', dataIndex: 'deviation' },
      ]}
    />
  );
}
