/**
 * A framework file that cannot be used. The message is Chinese, names the file and the JSON path,
 * e.g. "评分框架 seed-001.json：rules[3].cite 引用了不存在的出处「seed001-note-9」".
 */
export class FrameworkError extends Error {
  override readonly name = 'FrameworkError';
  constructor(
    readonly origin: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`评分框架 ${origin}：${path ? `${path} ` : ''}${problem}`);
  }
}

/** JSON path as a reader writes it: rules[3].cite */
export function jsonPath(parts: ReadonlyArray<PropertyKey>): string {
  return parts
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
