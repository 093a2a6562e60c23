import type { Evaluation } from '../model/evaluation.ts';
import { WHOLE_DEPARTMENT } from '../targets/library.ts';

/**
 * 同一项目 across years: a project's evaluations are matched by their department and project name (written
 * alike but for spaces), a 部门整体 evaluation by its department alone. Null when a project evaluation names
 * no project: nothing can be carried to or from it.
 */
export function carryKeyOf(e: Pick<Evaluation, 'kind' | 'projectName'>): string | null {
  if (e.kind === 'department') return WHOLE_DEPARTMENT;
  if (e.kind !== 'project') return null;
  const name = (e.projectName ?? '').replace(/\s+/g, '');
  return name || null;
}
