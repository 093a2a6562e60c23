import type { Evaluation } from '@jixiao/core';

/**
 * An evaluation without the form's head and signature fields (实施单位, 项目/财务负责人, 年度目标完成情况,
 * 项目实施内容): the seeds print some of them, and a test of what a form without them looks like strips them.
 */
export function withoutSignatures(e: Evaluation): Evaluation {
  const bare: Evaluation = { ...e };
  for (const k of [
    'projectLead',
    'financeLead',
    'implementingUnit',
    'goalAchieved',
    'implementation',
  ] as const)
    delete bare[k];
  return bare;
}
