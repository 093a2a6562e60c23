import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinMonitoringPlans, lampsOf } from '@jixiao/core';
import { readDocumentFile } from './read-file.ts';
import { seedsDir } from './report/test-support.ts';

describe('监控预警灯 from what a real report states', () => {
  it('seed 004: the 9月 and 11月 进度 read from its prose give two yellow lamps, each with the reason it gives', async () => {
    const doc = await readDocumentFile(join(seedsDir, '004_bfa41fd3fc706bb4.txt'));
    const department = doc.evaluations.find((e) => e.kind === 'department')!;
    const plan = builtinMonitoringPlans().find((p) => p.frameworks.includes('honghe-department-2024'))!;
    const lamps = lampsOf(plan, department.monitoring);
    expect(lamps.map((l) => [l.month, l.actual, l.target, l.lamp])).toEqual([
      [9, '75.89', '80', 'yellow'],
      [11, '92.28', '95', 'yellow'],
    ]);
    const reasons = department.monitoring
      .filter((p) => p.month === 9 || p.month === 11)
      .map((p) => p.reason ?? '');
    expect(reasons.every((r) => r.includes('受财政收入影响'))).toBe(true);
  });
});
