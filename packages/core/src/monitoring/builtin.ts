import honghe from '../../monitoring/honghe-2024.json' with { type: 'json' };
import suining from '../../monitoring/suining-district-2024.json' with { type: 'json' };
import { parseMonitoringPlan, type MonitoringPlan } from './plan.ts';

/** The shipped monitoring plans, bundled so the browser and tests have them without a file system. */
export const BUILTIN_MONITORING_FILES: Record<string, unknown> = {
  'suining-district-2024.json': suining,
  'honghe-2024.json': honghe,
};

export function builtinMonitoringPlans(): MonitoringPlan[] {
  return Object.entries(BUILTIN_MONITORING_FILES).map(([file, json]) => parseMonitoringPlan(json, file));
}

/** The plan that monitors evaluations of a framework, if one is shipped. */
export function monitoringPlanFor(
  frameworkId: string,
  plans = builtinMonitoringPlans(),
): MonitoringPlan | undefined {
  return plans.find((p) => p.frameworks.includes(frameworkId));
}
