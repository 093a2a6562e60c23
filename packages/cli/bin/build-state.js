// Whether the compiled command and server in dist/ are as new as every source they were built from. Shared
// by the bin (which falls back to the sources when not) and the build script (which then rebuilds).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const buildManifest = `${repositoryRoot}dist/inputs.json`;

export function buildIsCurrent() {
  try {
    const { inputs } = JSON.parse(readFileSync(buildManifest, 'utf8'));
    return inputs.every((input) => statSync(`${repositoryRoot}${input.path}`).mtimeMs <= input.mtimeMs);
  } catch {
    return false;
  }
}
