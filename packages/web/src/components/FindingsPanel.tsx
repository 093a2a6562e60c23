import { Alert, Button, Collapse, Descriptions, Empty, Tag, Typography } from 'antd';
import { describeSource, type Finding, type Severity } from '@jixiao/core';

export const SEVERITY: Record<Severity, { label: string; color: string }> = {
  error: { label: '错误', color: 'red' },
  warning: { label: '警告', color: 'orange' },
  info: { label: '提示', color: 'blue' },
};

const ROUNDING: Record<string, string> = {
  'within-rounding': '差异在四舍五入范围内',
  'beyond-rounding': '差异超出四舍五入范围',
  truncation: '像是截位而非四舍五入',
};

/** Where a finding points, in Chinese: the indicator or budget line, then the source position. */
export function findingPlace(f: Finding): string {
  const what = f.location.indicator
    ? `指标「${f.location.indicator}」`
    : f.location.budgetLine
      ? `预算行「${f.location.budgetLine}」`
      : '';
  return [what, describeSource(f.location)].filter(Boolean).join(' · ');
}

function Evidence({ f }: { f: Finding }) {
  const e = f.evidence;
  const items = [
    e.stated !== undefined && { key: 's', label: '填报值', children: e.stated },
    e.computed !== undefined && { key: 'c', label: '复算值', children: e.computed },
    e.formula && { key: 'f', label: '算式', children: e.formula },
    e.rounding && { key: 'r', label: '舍入', children: ROUNDING[e.rounding] ?? e.rounding },
    e.inputs && {
      key: 'i',
      label: '输入',
      children: Object.entries(e.inputs)
        .map(([k, v]) => `${k}：${v}`)
        .join('；'),
    },
    e.others?.length && {
      key: 'o',
      label: '其他出处',
      children: e.others.map((o) => `${o.value}（${describeSource(o.location)}）`).join('；'),
    },
    f.rule && { key: 'rule', label: '规则', children: f.rule },
  ].filter((x): x is { key: string; label: string; children: string } => Boolean(x));
  if (!items.length) return null;
  return <Descriptions size="small" column={1} items={items} style={{ marginTop: 8 }} />;
}

/** 审核发现 — findings grouped by severity, each with its place and evidence. */
export function FindingsPanel({
  findings,
  onLocate,
}: {
  findings: Finding[];
  /** Shows the row a finding points at (indicator or budget line); absent when there is no table. */
  onLocate?: (f: Finding) => void;
}) {
  if (!findings.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有发现问题" />;
  const groups = (['error', 'warning', 'info'] as const)
    .map((severity) => ({ severity, list: findings.filter((f) => f.severity === severity) }))
    .filter((g) => g.list.length);
  return (
    <Collapse
      size="small"
      defaultActiveKey={['error', 'warning']}
      items={groups.map((g) => ({
        key: g.severity,
        label: (
          <span data-testid={`findings-${g.severity}`}>
            <Tag color={SEVERITY[g.severity].color}>{SEVERITY[g.severity].label}</Tag>
            {g.list.length} 条
          </span>
        ),
        children: g.list.map((f, i) => (
          <Alert
            key={`${f.code}-${i}`}
            type={g.severity === 'error' ? 'error' : g.severity === 'warning' ? 'warning' : 'info'}
            style={{ marginBottom: 8 }}
            message={
              <span>
                <Typography.Text code>{f.code}</Typography.Text> {f.message}
              </span>
            }
            description={
              <div style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">位置：{findingPlace(f)}</Typography.Text>
                {onLocate && (f.location.indicator || f.location.budgetLine) && (
                  <Button type="link" size="small" onClick={() => onLocate(f)}>
                    定位到表格
                  </Button>
                )}
                <Evidence f={f} />
              </div>
            }
          />
        )),
      }))}
    />
  );
}
