import anhui from '../../frameworks/anhui-department-2023.json' with { type: 'json' };
import hengyang from '../../frameworks/hengyang-yanfeng-department-2024.json' with { type: 'json' };
import honghe from '../../frameworks/honghe-department-2024.json' with { type: 'json' };
import mof from '../../frameworks/mof-project-2020.json' with { type: 'json' };
import project1090 from '../../frameworks/project-10-90.json' with { type: 'json' };
import project2080 from '../../frameworks/project-20-80-2020.json' with { type: 'json' };
import project404020 from '../../frameworks/project-40-40-20-2022.json' with { type: 'json' };
import decisionManagementPerformance from '../../frameworks/project-decision-management-performance.json' with { type: 'json' };
import suining from '../../frameworks/suining-district-department-2024.json' with { type: 'json' };
import transfer from '../../frameworks/transfer-regional.json' with { type: 'json' };
import zhengzhou from '../../frameworks/zhengzhou-shangjie-department-2021.json' with { type: 'json' };
import { parseFramework } from './parse.ts';
import { FrameworkRegistry } from './registry.ts';

/**
 * The shipped framework files, bundled so the browser and tests have them without a file system.
 * The Node side (formats/frameworks) reads the same files from disk, plus the user's own.
 */
export const BUILTIN_FRAMEWORK_FILES: Record<string, unknown> = {
  'mof-project-2020.json': mof,
  'project-10-90.json': project1090,
  'zhengzhou-shangjie-department-2021.json': zhengzhou,
  'hengyang-yanfeng-department-2024.json': hengyang,
  'suining-district-department-2024.json': suining,
  'honghe-department-2024.json': honghe,
  'project-20-80-2020.json': project2080,
  'project-40-40-20-2022.json': project404020,
  'project-decision-management-performance.json': decisionManagementPerformance,
  'anhui-department-2023.json': anhui,
  'transfer-regional.json': transfer,
};

/** A registry holding every shipped framework. */
export function builtinRegistry(): FrameworkRegistry {
  const reg = new FrameworkRegistry();
  for (const [file, json] of Object.entries(BUILTIN_FRAMEWORK_FILES)) reg.add(parseFramework(json, file));
  return reg;
}
