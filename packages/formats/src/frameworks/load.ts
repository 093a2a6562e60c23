import { readdir, readFile } from 'node:fs/promises';
import { basename, delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrameworkError, FrameworkRegistry, parseFramework, type Framework } from '@jixiao/core';

/** Absolute path of the framework files shipped with core (packages/core/frameworks). */
export function builtinFrameworksDir(): string {
  return fileURLToPath(new URL('../../../core/frameworks/', import.meta.url));
}

/**
 * Reads every *.json in a directory as a framework, in name order. Errors name the file: a
 * JSON syntax error or a rule that does not hold together is a FrameworkError, never a stack trace.
 */
export async function loadFrameworkDir(dir: string): Promise<Framework[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (e) {
    throw new FrameworkError(
      dir,
      '',
      `无法读取评分框架目录（${(e as NodeJS.ErrnoException).code ?? String(e)}）`,
    );
  }
  const out: Framework[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new FrameworkError(basename(file), '', `不是有效的 JSON：${(e as Error).message}`);
    }
    out.push(parseFramework(json, basename(file)));
  }
  return out;
}

/**
 * The built-in frameworks, then those in $JIXIAO_FRAMEWORKS_DIR (several joined by the path
 * delimiter), then `extraDirs`. A later file with the same id replaces an earlier one, so a
 * user can override a shipped framework by dropping a JSON file in their directory.
 */
export async function loadBuiltinRegistry(extraDirs: string[] = []): Promise<FrameworkRegistry> {
  const fromEnv = (process.env['JIXIAO_FRAMEWORKS_DIR'] ?? '').split(delimiter).filter(Boolean);
  const reg = new FrameworkRegistry();
  for (const dir of [builtinFrameworksDir(), ...fromEnv, ...extraDirs]) {
    for (const f of await loadFrameworkDir(dir)) reg.add(f);
  }
  return reg;
}
