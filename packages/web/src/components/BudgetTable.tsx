import { Table, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import {
  D,
  executionRatePercent,
  type BudgetExecutionScore,
  type BudgetLine,
  type Stated,
} from '@jixiao/core';
import { restate } from '../lib/assess.ts';
import { percent, score, statedMoney, statedScore, statedText } from '../lib/format.ts';
import { EditCell } from './EditCell.tsx';
import { FormulaSteps } from './FormulaSteps.tsx';

type Field = 'initialBudget' | 'adjustedBudget' | 'executed' | 'executionRate' | 'statedScore';

const INDENT: Record<BudgetLine['role'], number> = {
  total: 0,
  source: 1,
  nature: 1,
  task: 1,
  economic: 2,
  function: 2,
  other: 1,
};

/** 执行数 ÷ 全年预算数 in percent, 2 decimals, half up; '' while either is missing or the budget is 0. */
function recomputedRate(line: BudgetLine): string {
  const executed = line.executed?.value;
  const adjusted = line.adjustedBudget?.value;
  if (executed == null || adjusted == null) return '';
  const rate = executionRatePercent(new D(executed), new D(adjusted));
  return rate === null ? '' : percent(rate.toFixed());
}

/**
 * 预算执行情况表 — budget lines in the official layout (万元, 2 decimals): 年初预算数, 全年预算数,
 * 全年执行数, 执行率, 分值, 得分. Cells are editable for a 填报人 on a draft (Tab to the next cell,
 * Enter down to the same column of the next line); the rate is recomputed from 执行数 ÷ 全年预算数.
 */
export function BudgetTable({
  lines,
  execution,
  editable,
  onChange,
}: {
  lines: BudgetLine[];
  execution: BudgetExecutionScore | undefined;
  editable: boolean;
  onChange: (lines: BudgetLine[]) => void;
}) {
  if (!lines.length) return <Typography.Text type="secondary">这份自评没有预算执行表。</Typography.Text>;

  function set(index: number, field: Field | 'reason', raw: string) {
    const next = lines.map((line, i) => {
      if (i !== index) return line;
      if (field === 'reason') return { ...line, reason: raw };
      return { ...line, [field]: restate(line[field], raw) };
    });
    onChange(next);
  }

  const moneyCell = (field: Field, label: string) => (v: Stated | undefined, line: BudgetLine, i: number) => (
    <EditCell
      value={v}
      display={
        field === 'executionRate' ? statedText(v) : field === 'statedScore' ? statedScore(v) : statedMoney(v)
      }
      // 得分 belongs to the line that carries the 分值 (usually 总额); other lines write "/".
      editable={editable && (field !== 'statedScore' || line.weight?.value != null)}
      label={`${line.label} ${label}`}
      onChange={(raw) => set(i, field, raw)}
      column={field}
      // The rate follows from 执行数 ÷ 全年预算数: shown as a hint, typed only to state what the form says.
      required={field !== 'executionRate'}
      {...(field === 'executionRate' ? { placeholder: recomputedRate(line) } : {})}
      width={field === 'executionRate' || field === 'statedScore' ? 72 : 100}
    />
  );

  return (
    <Table<BudgetLine>
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      dataSource={lines}
      onRow={(line) =>
        ({ 'data-budget-line': line.id, 'data-budget-label': line.label }) as HTMLAttributes<HTMLElement>
      }
      scroll={{ x: 960 }}
      columns={[
        {
          title: '项目',
          dataIndex: 'label',
          width: 200,
          render: (label: string, line) => (
            <span
              style={{ paddingLeft: INDENT[line.role] * 16, fontWeight: line.role === 'total' ? 600 : 400 }}
            >
              {label}
            </span>
          ),
        },
        {
          title: '年初预算数',
          dataIndex: 'initialBudget',
          align: 'right',
          render: moneyCell('initialBudget', '年初预算数'),
        },
        {
          title: '全年预算数',
          dataIndex: 'adjustedBudget',
          align: 'right',
          render: moneyCell('adjustedBudget', '全年预算数'),
        },
        {
          title: '全年执行数',
          dataIndex: 'executed',
          align: 'right',
          render: moneyCell('executed', '全年执行数'),
        },
        {
          title: '执行率',
          dataIndex: 'executionRate',
          align: 'right',
          render: moneyCell('executionRate', '执行率'),
        },
        {
          title: '分值',
          dataIndex: 'weight',
          align: 'right',
          width: 64,
          render: (v: Stated | undefined) => statedScore(v),
        },
        { title: '得分', dataIndex: 'statedScore', align: 'right', render: moneyCell('statedScore', '得分') },
        {
          title: '计算得分',
          key: 'computed',
          align: 'right',
          width: 90,
          render: (_: unknown, line) =>
            line.role === 'total' && execution ? (
              <Tooltip
                title={
                  <div>
                    <div>{execution.explanation.summary}</div>
                    <FormulaSteps explanation={execution.explanation} />
                  </div>
                }
              >
                <span data-testid="computed-budget" style={{ cursor: 'help' }}>
                  {score(execution.computed)}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    执行率 {percent(execution.rate ?? execution.rateUsed)}
                  </Typography.Text>
                </span>
              </Tooltip>
            ) : null,
        },
        {
          title: '原因说明',
          dataIndex: 'reason',
          render: (v: string | undefined, line, i) => (
            <EditCell
              value={v ?? ''}
              editable={editable}
              multiline
              label={`${line.label} 原因说明`}
              onChange={(raw) => set(i, 'reason', raw)}
            />
          ),
        },
      ]}
    />
  );
}
