import { Table, Typography } from 'antd';
import type { Framework, Stated } from '@jixiao/core';
import { restate } from '../lib/assess.ts';
import { EditCell } from './EditCell.tsx';

interface InputRow {
  name: string;
  description: string;
  value: Stated | undefined;
}

/**
 * 计分数据 — the figures a 部门整体 framework's formulas read that are not indicator rows
 * (年初部门预算数, 6月执行进度, 违规问题个数 …). A formula whose figures are blank scores nothing
 * and says which it lacks, so these are filled like any other cell.
 */
export function InputsTable({
  inputs,
  framework,
  editable,
  onChange,
}: {
  inputs: Record<string, Stated>;
  framework: Framework | undefined;
  editable: boolean;
  onChange: (inputs: Record<string, Stated>) => void;
}) {
  const declared = framework?.inputs ?? [];
  const rows: InputRow[] = [
    ...declared.map((i) => ({ name: i.name, description: i.description ?? '', value: inputs[i.name] })),
    // Figures a reader found that this framework does not declare: shown, kept, never dropped.
    ...Object.keys(inputs)
      .filter((k) => !declared.some((i) => i.name === k))
      .map((k) => ({ name: k, description: '', value: inputs[k] })),
  ];
  if (!rows.length)
    return <Typography.Text type="secondary">这个评分框架不需要另填计分数据。</Typography.Text>;
  return (
    <Table<InputRow>
      rowKey="name"
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '计分数据', dataIndex: 'name', width: 200 },
        { title: '说明', dataIndex: 'description' },
        {
          title: '数值',
          dataIndex: 'value',
          width: 150,
          render: (v: Stated | undefined, row) => (
            <EditCell
              value={v}
              editable={editable}
              label={row.name}
              column="input"
              width={130}
              onChange={(raw) => onChange({ ...inputs, [row.name]: restate(v, raw) })}
            />
          ),
        },
      ]}
    />
  );
}
