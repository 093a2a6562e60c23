import { FrameworkError, jsonPath } from './error.ts';
import { frameworkSchema, type Framework } from './schema.ts';
import { upgradeFramework } from './upgrade.ts';
import { validateFramework } from './validate.ts';

/**
 * Reads a framework from parsed JSON. `origin` names it in errors (usually the file name).
 * Throws FrameworkError on the first problem, with its JSON path: a framework that loads is
 * one whose every rule cites a source and whose every reference resolves.
 */
export function parseFramework(json: unknown, origin: string): Framework {
  // Files written before rules were formulas still load, as the formulas they meant.
  const parsed = frameworkSchema.safeParse(upgradeFramework(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FrameworkError(origin, jsonPath(issue.path), describeIssue(issue));
  }
  const problems = validateFramework(parsed.data);
  if (problems.length) {
    const first = problems[0]!;
    const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处问题）` : '';
    throw new FrameworkError(origin, first.path, `${first.problem}${more}`);
  }
  return parsed.data;
}

interface Issue {
  code: string;
  message: string;
  path: PropertyKey[];
  expected?: unknown;
  options?: unknown;
  keys?: unknown;
  input?: unknown;
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod does not echo the input back; its message says "received undefined" when the field is absent.
      return /received undefined/.test(issue.message)
        ? '缺少必填项'
        : `类型不对（应为 ${String(issue.expected)}）`;
    case 'invalid_union':
      return issue.path[issue.path.length - 1] === 'kind' || issue.options
        ? `取值不在允许范围内：${JSON.stringify(issue.options ?? '')}`
        : '格式不对';
    case 'invalid_value':
      return `取值不在允许范围内：${JSON.stringify(issue.options ?? issue.expected ?? '')}`;
    case 'unrecognized_keys':
      return `有未知字段 ${JSON.stringify(issue.keys)}`;
    case 'too_small':
      return '不能为空';
    default:
      return issue.message;
  }
}
