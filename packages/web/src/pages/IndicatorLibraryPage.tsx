import { Card, Typography } from 'antd';
import { IndicatorLibraryTable } from '../components/IndicatorLibraryTable.tsx';

/**
 * 指标库 — every approved indicator with its project, year, target and (once the year's self-evaluation is
 * accepted) its actual: what a department reuses when setting next year's targets.
 */
export function IndicatorLibraryPage() {
  return (
    <Card title="指标库">
      <Typography.Paragraph type="secondary">
        历年批复的绩效目标指标及其完成值（完成值取自已审核的自评）。设置新一年度的绩效目标时，可在目标页「从指标库选用」。
      </Typography.Paragraph>
      <IndicatorLibraryTable />
    </Card>
  );
}
