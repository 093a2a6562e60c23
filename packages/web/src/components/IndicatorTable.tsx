import { App, Button, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useLayoutEffect, useRef, useState, type ClipboardEvent, type HTMLAttributes } from 'react';
import {
  D,
  indicatorPool,
  isSatisfactionIndicator,
  type Framework,
  type Indicator,
  type IndicatorDirection,
  type IndicatorScore,
  type Stated,
} from '@jixiao/core';
import { restate } from '../lib/assess.ts';
import { score, statedScore, statedText } from '../lib/format.ts';
import {
  indicatorCategories,
  insertIndicator,
  isCriterion,
  isEntered,
  mergeSpans,
  newIndicatorRow,
  renameLevel2,
  type NewIndicator,
} from '../lib/indicators.ts';
import { clipboardBlock, pasteIntoIndicators, type PasteColumn } from '../lib/paste.ts';
import { AddIndicatorDialog, DIRECTION_OPTIONS } from './AddIndicatorDialog.tsx';
import { EditCell } from './EditCell.tsx';
import { FormulaSteps } from './FormulaSteps.tsx';

/**
 * The cells a 填报人 fills at self-evaluation on every row: 完成值, 分值, 自评得分. 指标值 of a row
 * read from a document stays as set in the year's 绩效目标 (changed through 调整后指标值, never
 * typed over at year end); a row entered here has no other home, so its definition is editable.
 */
type Field = 'actual' | 'statedScore' | 'weight' | 'target';

const DIRECTION: Record<string, string> = Object.fromEntries(
  DIRECTION_OPTIONS.map((o) => [o.value, o.label]),
);

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
          <FormulaSteps explanation={s.explanation} />
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

/** What a row's 规则得分 cell shows: when it is unchanged the cell is not drawn again. */
const shownScore = (s: IndicatorScore | undefined) =>
  s ? `${s.outcome}|${s.computed}|${s.stated}|${s.explanation.summary}|${s.explanation.formula ?? ''}` : '';

/** Name of a row for labels and prompts: its 三级 name, or its place while it has none. */
const rowName = (ind: Indicator, i: number) => ind.name.trim() || `第${i + 1}行`;

/**
 * 绩效指标表 — the 一级/二级/三级 indicator tree as the official 自评表 lays it out (merged 一级/二级
 * cells), with 指标值, 完成值, 分值, 自评得分 and the score the framework's rule gives (hover for
 * rule, formula and clause). On a draft a 填报人 adds rows under a 一级/二级, removes rows and
 * edits 分值; scores and findings follow as they type.
 */
export function IndicatorTable({
  indicators,
  scores,
  editable,
  flagged,
  framework,
  onChange,
  evaluationId,
  onSurvey,
}: {
  /** 满意度调查 of a row: shown on every 满意度指标, and on any row through its 操作 when editable. */
  onSurvey?: ((indicator: Indicator) => void) | undefined;
  /** The stored self-evaluation, whose project's targets and last year's indicators the 添加 dialog offers. */
  evaluationId?: number;
  indicators: Indicator[];
  scores: IndicatorScore[];
  editable: boolean;
  /** Names of indicators some finding points at. */
  flagged: Set<string>;
  /** The framework the evaluation is scored under: its 一级 order and 二级 names for new rows. */
  framework?: Framework | undefined;
  onChange: (indicators: Indicator[]) => void;
}) {
  const { message } = App.useApp();
  const [adding, setAdding] = useState<{ level1: string; level2?: string } | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const byId = new Map(scores.map((s) => [s.indicatorId, s]));
  const span1 = mergeSpans(indicators, (r) => r.level1);
  const span2 = mergeSpans(indicators, (r) => `${r.level1}/${r.level2}`);
  /**
   * 逐键只重画改动的行 — a keystroke changes one row (the others keep their objects) and the scores that
   * follow; a cell is drawn again only when its row, its score or the table's shape changed since the
   * last commit (antd's shouldCellUpdate), so typing at 139 rows does not redraw 1,500 cells twice.
   * Handlers of cells not redrawn read the committed rows from `latest`, never a stale copy.
   */
  /**
   * 可定义 — the row's definition is the 填报人's to write: entered here, and not a criterion the
   * framework fixes (renaming one would unhook it from its formula).
   */
  const definable = (ind: Indicator) => editable && isEntered(ind) && !isCriterion(framework, ind);
  const shape = [
    editable,
    onSurvey ? 'survey' : '',
    framework ? `${framework.id}@${framework.version}` : '',
    indicators.map((ind) => `${ind.id}:${definable(ind) ? 1 : 0}`).join(','),
    span1.join(','),
    span2.join(','),
  ].join('|');
  const latest = useRef(indicators);
  const committed = useRef<{ shape: string; scores: Map<string, string> }>({ shape: '', scores: new Map() });
  useLayoutEffect(() => {
    latest.current = indicators;
    committed.current = {
      shape,
      scores: new Map(scores.map((s) => [s.indicatorId, shownScore(s)])),
    };
  });
  const shapeChanged = shape !== committed.current.shape;
  const rowChanged = (row: Indicator, prev: Indicator) => row !== prev || shapeChanged;
  if (!indicators.length && !editable)
    return <Typography.Text type="secondary">这份自评没有绩效指标表。</Typography.Text>;

  function update(index: number, patch: (ind: Indicator) => Indicator) {
    onChange(latest.current.map((ind, i) => (i === index ? patch(ind) : ind)));
  }
  function set(index: number, field: Field, raw: string) {
    update(index, (ind) => ({ ...ind, [field]: restate(ind[field], raw) }));
  }
  function remove(index: number) {
    onChange(latest.current.filter((_, i) => i !== index));
  }
  function openAdd(at: { level1: string; level2?: string } | null) {
    setAdding(at);
    setDialogOpen(true);
  }
  function add(input: NewIndicator) {
    const row = newIndicatorRow(latest.current, input);
    onChange(insertIndicator(latest.current, row, indicatorCategories(framework)));
    setDialogOpen(false);
    // The row is there on the next paint: continue on its 完成值, the cell the year-end form fills.
    window.setTimeout(() => {
      const cell = document.querySelector<HTMLInputElement>(
        `tr[data-row-key="${CSS.escape(row.id)}"] input[data-cell-col="actual"]`,
      );
      cell?.scrollIntoView({ block: 'center' });
      cell?.focus();
    }, 50);
  }

  /** A group (merged 二级 cell) is the 填报人's to rename when every row in it is. */
  const enteredGroup = (start: number, count: number) =>
    indicators.slice(start, start + count).every(definable);

  /** Whether a pasted block may fill this cell of the row: the cells the table lets one type. */
  const pastable = (ind: Indicator, column: PasteColumn) =>
    column === 'name' || column === 'direction' || column === 'unit'
      ? definable(ind)
      : column === 'target'
        ? definable(ind) && !ind.adjustedTarget?.raw
        : editable;
  /** 粘贴 — a block copied from Excel or WPS fills the table from this cell, as in a spreadsheet. */
  function paste(index: number, column: PasteColumn, e: ClipboardEvent<HTMLElement>) {
    const block = clipboardBlock(e.clipboardData.getData('text/plain'));
    if (!block) return;
    e.preventDefault();
    const r = pasteIntoIndicators(latest.current, { row: index, column }, block, pastable);
    onChange(r.indicators);
    message.info(
      `已粘贴 ${r.filled} 格${r.added ? `，新增 ${r.added} 行` : ''}` +
        (r.kept ? `；${r.kept} 格保持原值（读自文件的指标值、固定指标的名称不随粘贴改变）` : ''),
    );
  }

  const cell =
    (field: Field, label: string, width: number) => (v: Stated | undefined, ind: Indicator, i: number) => (
      <EditCell
        value={v}
        display={field === 'weight' || field === 'statedScore' ? statedScore(v) : statedText(v)}
        editable={editable}
        label={`${rowName(ind, i)} ${label}`}
        width={width}
        column={field}
        onChange={(raw) => set(i, field, raw)}
        onPaste={(e) => paste(i, field, e)}
      />
    );

  const addButton = (at: { level1: string; level2?: string }, label: string) =>
    editable && (
      <Button
        size="small"
        type="link"
        // Keeps Tab moving from cell to cell; the toolbar's 添加指标 is the keyboard way in.
        tabIndex={-1}
        aria-label={label}
        title={label}
        style={{ padding: 0, height: 'auto', fontSize: 12 }}
        onClick={() => openAdd(at)}
      >
        + 指标
      </Button>
    );

  const surveyButton = (ind: Indicator, i: number, text = '满意度调查') =>
    onSurvey && (
      <Button
        size="small"
        type="link"
        tabIndex={-1}
        aria-label={`${rowName(ind, i)} 满意度调查`}
        title={`${rowName(ind, i)} 的满意度调查：按问卷份数计算完成值`}
        style={{ padding: 0, height: 'auto', fontSize: 12 }}
        onClick={() => onSurvey(ind)}
      >
        {text}
      </Button>
    );

  const weightSum = indicators.reduce((a, i) => a.plus(i.weight?.value ?? 0), new D(0));
  const pool = framework ? indicatorPool(framework) : null;

  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      {editable && (
        <Space wrap>
          <Button onClick={() => openAdd(null)}>添加指标</Button>
          <Typography.Text
            type={pool && !pool.eq(weightSum) ? 'warning' : 'secondary'}
            data-testid="indicator-weight-sum"
          >
            指标分值合计 {score(weightSum.toFixed())}
            {pool ? `，应为 ${score(pool.toFixed())}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Tab 到下一格，Enter 确认并移到下一行；从 Excel、WPS 复制的多行多列可直接粘贴
          </Typography.Text>
        </Space>
      )}
      <Table<Indicator>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={indicators}
        sticky
        // Fits a 1366-wide screen without sideways scrolling; narrower screens scroll the table.
        scroll={{ x: editable ? 1190 : 1200 }}
        locale={{ emptyText: '还没有绩效指标：点「添加指标」按一级、二级指标逐条添加' }}
        rowClassName={(ind) => (flagged.has(ind.name) ? 'row-flagged' : '')}
        onRow={(ind) => ({ 'data-indicator': ind.name }) as HTMLAttributes<HTMLElement>}
        columns={(
          [
            {
              title: '一级指标',
              dataIndex: 'level1',
              width: 90,
              onCell: (_, i) => ({ rowSpan: span1[i ?? 0] }),
              render: (level1: string) => (
                <Space direction="vertical" size={2}>
                  <span>{level1}</span>
                  {addButton({ level1 }, `在「${level1}」下添加指标`)}
                </Space>
              ),
            },
            {
              title: '二级指标',
              dataIndex: 'level2',
              width: 110,
              onCell: (_, i) => ({ rowSpan: span2[i ?? 0] }),
              render: (level2: string, ind, i) => (
                <Space direction="vertical" size={2}>
                  {enteredGroup(i, span2[i] ?? 1) ? (
                    <EditCell
                      value={level2}
                      editable
                      required={false}
                      placeholder="二级指标"
                      label={`${ind.level1} ${level2 || '（未填）'} 二级指标`}
                      width={94}
                      onChange={(raw) => onChange(renameLevel2(latest.current, i, span2[i] ?? 1, raw))}
                    />
                  ) : (
                    <span>{level2}</span>
                  )}
                  {/* Without a 二级 the 一级 cell's button is the one. */}
                  {level2.trim() !== '' &&
                    addButton({ level1: ind.level1, level2 }, `在「${ind.level1} / ${level2}」下添加指标`)}
                </Space>
              ),
            },
            {
              title: '三级指标',
              dataIndex: 'name',
              width: 180,
              render: (name: string, ind, i) =>
                definable(ind) ? (
                  <EditCell
                    value={name}
                    editable
                    placeholder="三级指标名称"
                    label={`${rowName(ind, i)} 三级指标`}
                    width={162}
                    column="name"
                    onChange={(raw) => update(i, (r) => ({ ...r, name: raw }))}
                    onPaste={(e) => paste(i, 'name', e)}
                  />
                ) : (
                  <Tooltip title={ind.criterionText ? `计分标准：${ind.criterionText}` : undefined}>
                    <span>
                      {name}
                      {ind.notApplicable && <Tag style={{ marginLeft: 4 }}>不适用</Tag>}
                    </span>
                  </Tooltip>
                ),
            },
            {
              title: '性质',
              dataIndex: 'direction',
              width: 100,
              render: (d: IndicatorDirection | null, ind, i) =>
                definable(ind) ? (
                  <Select<IndicatorDirection>
                    size="small"
                    aria-label={`${rowName(ind, i)} 指标性质`}
                    value={d ?? undefined}
                    placeholder="选择"
                    style={{ width: 86 }}
                    popupMatchSelectWidth={false}
                    options={DIRECTION_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
                    onChange={(v) => update(i, (r) => ({ ...r, direction: v }))}
                  />
                ) : d ? (
                  (DIRECTION[d] ?? d)
                ) : (
                  '—'
                ),
            },
            {
              title: '指标值',
              dataIndex: 'target',
              width: 96,
              render: (v: Stated | undefined, ind, i) =>
                definable(ind) && !ind.adjustedTarget?.raw ? (
                  cell('target', '指标值', 82)(v, ind, i)
                ) : ind.adjustedTarget?.raw ? (
                  <Tooltip
                    title={`原指标值 ${statedText(v) || '—'}，年中调整为 ${statedText(ind.adjustedTarget)}`}
                  >
                    <span>
                      {statedText(ind.adjustedTarget)} <Tag>调整后</Tag>
                    </span>
                  </Tooltip>
                ) : (
                  statedText(v)
                ),
            },
            {
              title: '单位',
              dataIndex: 'unit',
              width: 64,
              render: (unit: string | undefined, ind, i) =>
                definable(ind) ? (
                  <EditCell
                    value={unit ?? ''}
                    editable
                    required={false}
                    label={`${rowName(ind, i)} 单位`}
                    width={50}
                    column="unit"
                    onPaste={(e) => paste(i, 'unit', e)}
                    onChange={(raw) =>
                      update(i, (r) => {
                        const next: Indicator = { ...r, unit: raw };
                        if (!raw.trim()) delete next.unit;
                        return next;
                      })
                    }
                  />
                ) : (
                  unit
                ),
            },
            {
              title: '完成值',
              dataIndex: 'actual',
              width: 96,
              // A criterion is scored from the 计分数据, not from a 完成值 of its own.
              render: (v: Stated | undefined, ind: Indicator, i: number) =>
                isCriterion(framework, ind) && !v?.raw ? (
                  ''
                ) : onSurvey && isSatisfactionIndicator(ind) ? (
                  <Space direction="vertical" size={2}>
                    <Tooltip title={v?.source?.derivation}>
                      <span>{cell('actual', '完成值', 82)(v, ind, i)}</span>
                    </Tooltip>
                    {surveyButton(ind, i)}
                  </Space>
                ) : (
                  cell('actual', '完成值', 82)(v, ind, i)
                ),
            },
            {
              title: '分值',
              dataIndex: 'weight',
              width: 64,
              align: 'right',
              render: cell('weight', '分值', 50),
            },
            {
              title: '自评得分',
              dataIndex: 'statedScore',
              width: 80,
              align: 'right',
              render: cell('statedScore', '自评得分', 64),
            },
            {
              title: '规则得分',
              key: 'computed',
              width: 76,
              align: 'right',
              shouldCellUpdate: (row, prev) =>
                rowChanged(row, prev) ||
                shownScore(byId.get(row.id)) !== committed.current.scores.get(row.id),
              render: (_: unknown, ind) => <ComputedScore s={byId.get(ind.id)} />,
            },
            {
              title: '偏差原因及改进措施',
              dataIndex: 'deviationReason',
              width: 170,
              render: (v: string | undefined, ind, i) => (
                <EditCell
                  value={v ?? ''}
                  editable={editable}
                  multiline
                  width={150}
                  label={`${rowName(ind, i)} 偏差原因`}
                  onChange={(raw) => update(i, (r) => ({ ...r, deviationReason: raw }))}
                  onPaste={(e) => paste(i, 'deviationReason', e)}
                />
              ),
            },
            ...(editable
              ? [
                  {
                    title: '操作',
                    key: 'remove',
                    width: 56,
                    render: (_: unknown, ind: Indicator, i: number) => (
                      <Space direction="vertical" size={0}>
                        {onSurvey && !isSatisfactionIndicator(ind) && surveyButton(ind, i, '调查')}
                        <Popconfirm
                          title={`删除指标「${rowName(ind, i)}」？`}
                          description="删除后保存才生效；未保存前可重新载入恢复"
                          okText="删除"
                          cancelText="取消"
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove(i)}
                        >
                          <Button size="small" type="link" danger aria-label={`删除 ${rowName(ind, i)}`}>
                            删除
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ] satisfies ColumnsType<Indicator>
        ).map((column) => ({ shouldCellUpdate: rowChanged, ...column }))}
      />
      <AddIndicatorDialog
        open={dialogOpen}
        at={adding}
        framework={framework}
        rows={indicators}
        onCancel={() => setDialogOpen(false)}
        onAdd={add}
        evaluationId={evaluationId}
      />
    </Space>
  );
}
