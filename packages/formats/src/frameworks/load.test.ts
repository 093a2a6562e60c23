import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_FRAMEWORK_FILES, FrameworkError } from '@jixiao/core';
import { builtinFrameworksDir, loadBuiltinRegistry, loadFrameworkDir } from './load.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jixiao-fw-'));
});
afterEach(async () => {
  delete process.env['JIXIAO_FRAMEWORKS_DIR'];
  await rm(dir, { recursive: true, force: true });
});

async function shipped(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(builtinFrameworksDir(), file), 'utf8')) as Record<string, unknown>;
}

describe('framework directories', () => {
  it('loads every shipped framework from packages/core/frameworks, the same files the browser bundles', async () => {
    const list = await loadFrameworkDir(builtinFrameworksDir());
    expect(list.map((f) => f.id)).toContain('suining-district-department-2024');
    expect(list).toHaveLength(Object.keys(BUILTIN_FRAMEWORK_FILES).length);
  });

  it('a user adds a framework by adding a JSON file, and it overrides a shipped one with the same id', async () => {
    const mine = await shipped('mof-project-2020.json');
    await writeFile(
      join(dir, 'mine.json'),
      JSON.stringify({ ...mine, version: '2026.local', name: '本地修订' }),
    );
    const reg = await loadBuiltinRegistry([dir]);
    expect(reg.get('mof-project-2020')?.version).toBe('2026.local');
    expect(reg.list()).toHaveLength(Object.keys(BUILTIN_FRAMEWORK_FILES).length);
  });

  it('reads $JIXIAO_FRAMEWORKS_DIR too', async () => {
    const mine = await shipped('project-10-90.json');
    await writeFile(join(dir, 'city.json'), JSON.stringify({ ...mine, id: 'city-project-2026' }));
    process.env['JIXIAO_FRAMEWORKS_DIR'] = dir;
    expect((await loadBuiltinRegistry()).get('city-project-2026')?.name).toBe(mine['name']);
  });

  it('names the file of a broken framework: bad JSON and a bad citation key', async () => {
    await writeFile(join(dir, 'broken.json'), '{ "id": ');
    await expect(loadFrameworkDir(dir)).rejects.toThrow(/评分框架 broken\.json：不是有效的 JSON/);
    await rm(join(dir, 'broken.json'));
    const bad = await shipped('mof-project-2020.json');
    (bad['rules'] as Array<{ cite: string }>)[3]!.cite = 'seed001-note-9';
    await writeFile(join(dir, 'seed-001.json'), JSON.stringify(bad));
    await expect(loadFrameworkDir(dir)).rejects.toThrow(
      '评分框架 seed-001.json：rules[3].cite 引用了不存在的出处「seed001-note-9」',
    );
    await expect(loadFrameworkDir(dir)).rejects.toBeInstanceOf(FrameworkError);
  });

  it('a missing directory is a FrameworkError naming it', async () => {
    await expect(loadFrameworkDir(join(dir, 'nope'))).rejects.toThrow(/无法读取评分框架目录（ENOENT）/);
  });
});
