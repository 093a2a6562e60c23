import { Descriptions, Form, Input } from 'antd';
import { BASIC_FIELDS, type Evaluation } from '@jixiao/core';

/** The short fields of the form's head and foot: 实施单位 and the signature lines, one line each. */
const SIGNATURES = [
  'implementingUnit',
  'projectLead',
  'financeLead',
  'preparer',
  'contact',
  'phone',
  'filledDate',
] as const;
type SignatureKey = (typeof SIGNATURES)[number];

/** The prose fields of the official 自评表, in the form's order. */
type NarrativeKey =
  | 'goal'
  | 'goalAchieved'
  | 'implementation'
  | 'problems'
  | 'measures'
  | 'conclusion'
  | 'resultUse'
  | SignatureKey;

const FIELDS: Array<{ key: NarrativeKey; label: string; hint: string }> = [
  { key: 'goal', label: '年度总体目标', hint: '年初设定的项目年度总体目标' },
  { key: 'goalAchieved', label: '实际完成情况', hint: '对照年度总体目标，全年实际完成了什么' },
  { key: 'implementation', label: BASIC_FIELDS.implementation.name, hint: '项目实施内容及过程概述' },
  { key: 'problems', label: '存在问题', hint: '执行中发现的问题；没有问题写“无”' },
  { key: 'measures', label: '改进措施', hint: '针对存在问题的改进措施' },
  { key: 'conclusion', label: '评价结论', hint: '自评等级及理由，例如：自评得分 92 分，评价等级为优' },
  { key: 'resultUse', label: '结果应用', hint: '自评结果如何用于预算安排、整改和公开' },
];

/**
 * 目标与问题 — 年度总体目标 with its 实际完成情况, 项目实施内容, 存在问题, 改进措施, 评价结论 and 结果应用,
 * then 实施单位 and the form's signature lines (负责人, 填报人, 联系电话, 填报日期). A 填报人 writes
 * them on a draft (saved with the revision like every cell); everyone else reads them.
 */
export function NarrativeFields({
  evaluation,
  editable,
  onChange,
}: {
  evaluation: Evaluation;
  editable: boolean;
  onChange: (next: Partial<Pick<Evaluation, NarrativeKey>>) => void;
}) {
  if (!editable)
    return (
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[...FIELDS, ...SIGNATURES.map((key) => ({ key, label: BASIC_FIELDS[key].name }))].map((f) => ({
          key: f.key,
          label: f.label,
          children: (
            <span data-testid={`narrative-${f.key}`} style={{ whiteSpace: 'pre-wrap' }}>
              {evaluation[f.key]?.trim() || '—'}
            </span>
          ),
        }))}
      />
    );
  return (
    <Form layout="vertical" style={{ maxWidth: 900 }}>
      {FIELDS.map((f) => (
        <Form.Item
          key={f.key}
          label={f.label}
          htmlFor={`narrative-${f.key}`}
          extra={f.hint}
          validateStatus={f.key === 'goal' && !evaluation.goal?.trim() ? 'warning' : undefined}
        >
          <Input.TextArea
            id={`narrative-${f.key}`}
            value={evaluation[f.key] ?? ''}
            autoSize={{ minRows: 2, maxRows: 8 }}
            // Cleared text is the field left out, as a reader leaves out a section the file lacks.
            onChange={(e) => onChange({ [f.key]: e.target.value === '' ? undefined : e.target.value })}
          />
        </Form.Item>
      ))}
      {SIGNATURES.map((key) => (
        <Form.Item
          key={key}
          label={BASIC_FIELDS[key].name}
          htmlFor={`narrative-${key}`}
          style={{ display: 'inline-block', width: 280, marginRight: 16 }}
        >
          <Input
            id={`narrative-${key}`}
            value={evaluation[key] ?? ''}
            onChange={(e) => onChange({ [key]: e.target.value === '' ? undefined : e.target.value })}
          />
        </Form.Item>
      ))}
    </Form>
  );
}
