import { AutoComplete, Button, Col, Form, Input, Modal, Row, Select, Space } from 'antd';
import type { Framework, Indicator } from '@jixiao/core';
import { useEffect, useRef, useState } from 'react';
import { api, type IndicatorChoices } from '../lib/api.ts';
import type { InputRef } from 'antd';
import { indicatorCategories, level2Suggestions, type NewIndicator } from '../lib/indicators.ts';

/** 指标性质 as the official tables write them. */
export const DIRECTION_OPTIONS = [
  { value: '≥', label: '≥ 正向' },
  { value: '≤', label: '≤ 反向' },
  { value: '=', label: '= 等于' },
  { value: 'qualitative', label: '定性' },
] as const;

const NUMBER = /^\s*$|^\s*-?\d+(\.\d+)?\s*$/;

/**
 * 添加指标 — a new 三级 row under a 一级/二级: its name, 指标性质, 指标值, 单位 and 分值. Enter
 * anywhere in the form adds it (a Select takes its own Enter first); 完成值 is typed in the table.
 */
export function AddIndicatorDialog({
  open,
  at,
  framework,
  rows,
  onCancel,
  onAdd,
  evaluationId,
}: {
  /** The stored self-evaluation: the dialog offers the year's targets and last year's indicators of its project. */
  evaluationId?: number | undefined;
  open: boolean;
  /** The group the 添加 button sits in, pre-filled. */
  at: { level1: string; level2?: string } | null;
  framework: Framework | undefined;
  rows: readonly Indicator[];
  onCancel: () => void;
  onAdd: (row: NewIndicator) => void;
}) {
  const [form] = Form.useForm<NewIndicator>();
  const level1 = Form.useWatch('level1', form) ?? '';
  const first = useRef<InputRef>(null);
  const second = useRef<InputRef>(null);
  const name = useRef<InputRef>(null);
  const [choices, setChoices] = useState<IndicatorChoices | null>(null);

  useEffect(() => {
    if (!open || evaluationId === undefined) return;
    let live = true;
    api<IndicatorChoices>('GET', `/api/evaluations/${evaluationId}/indicator-choices`)
      .then((c) => live && setChoices(c))
      .catch(() => live && setChoices(null));
    return () => {
      live = false;
    };
  }, [open, evaluationId]);
  const present = new Set(rows.map((r) => r.name.trim()));
  const offered = [
    ...(choices?.thisYear ?? []).map((r) => ({ r, group: '本年批复的绩效目标' })),
    ...(choices?.lastYear ?? []).map((r) => ({ r, group: '上年指标' })),
  ].filter((c) => !present.has(c.r.name.trim()));
  const pick = (k: number) => {
    const c = offered[k];
    if (!c) return;
    form.setFieldsValue({
      level1: c.r.level1,
      level2: c.r.level2,
      name: c.r.name,
      direction: c.r.direction,
      target: c.r.target,
      unit: c.r.unit,
      weight: c.r.weight,
    });
  };

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      level1: at?.level1 ?? indicatorCategories(framework)[0] ?? '',
      level2: at?.level2 ?? '',
      name: '',
      direction: '≥',
      target: '',
      unit: '',
      weight: '',
    });
  }, [open, at, framework, form]);

  const level1Options = [
    ...new Set([...indicatorCategories(framework), ...rows.map((r) => r.level1.trim()).filter(Boolean)]),
  ].map((v) => ({ value: v }));
  const level2Options = level2Suggestions(framework, rows, level1).map((v) => ({ value: v }));

  return (
    <Modal
      title="添加指标"
      open={open}
      onCancel={onCancel}
      footer={null}
      width={620}
      forceRender
      focusTriggerAfterClose={false}
      // Start at the first field the button's place leaves open: the 三级 name inside a 二级 group,
      // the 二级 inside a 一级, else the 一级.
      afterOpenChange={(visible) =>
        visible && (at?.level2 !== undefined ? name : at ? second : first).current?.focus()
      }
    >
      <Form<NewIndicator>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          onAdd({ ...values, direction: values.direction ?? null });
          form.resetFields();
        }}
      >
        {offered.length ? (
          <Form.Item label="从指标库选用">
            <Select
              aria-label="从指标库选用"
              placeholder="本年批复的目标或上年的指标"
              onChange={(k: number) => pick(k)}
              options={['本年批复的绩效目标', '上年指标']
                .map((group) => ({
                  label: group,
                  options: offered
                    .map((c, k) => ({ c, k }))
                    .filter(({ c }) => c.group === group)
                    .map(({ c, k }) => ({
                      value: k,
                      label: `${c.r.name}（指标值 ${c.r.target || '—'}${c.r.actual !== null ? `，${c.r.year} 年完成值 ${c.r.actual}` : ''}）`,
                    })),
                }))
                .filter((g) => g.options.length)}
            />
          </Form.Item>
        ) : null}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="level1" label="一级指标" rules={[{ required: true, message: '请填写一级指标' }]}>
              <AutoComplete options={level1Options}>
                <Input ref={first} aria-label="一级指标" />
              </AutoComplete>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="level2" label="二级指标">
              <AutoComplete options={level2Options}>
                <Input ref={second} aria-label="二级指标" placeholder="如 数量指标" />
              </AutoComplete>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="name"
          label="三级指标"
          rules={[{ required: true, whitespace: true, message: '请填写三级指标名称' }]}
        >
          <Input ref={name} aria-label="三级指标" placeholder="如 培训人次" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="direction" label="指标性质">
              <Select aria-label="指标性质" options={[...DIRECTION_OPTIONS]} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="target" label="指标值">
              <Input aria-label="指标值" placeholder="如 100 或 ≥95%" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="unit" label="度量单位">
              <Input aria-label="度量单位" placeholder="如 人次" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="weight" label="分值" rules={[{ pattern: NUMBER, message: '分值应为数字' }]}>
              <Input aria-label="分值" placeholder="如 10" />
            </Form.Item>
          </Col>
        </Row>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" htmlType="submit">
            添加
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
