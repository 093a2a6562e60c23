import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NumberedLine } from './types.ts';

const SEEDS = fileURLToPath(new URL('../../../../../examples/seeds/', import.meta.url));

/** The numbered lines of seed `nnn` (tests only: it reads the file system). */
export function seedLines(prefix: string): { file: string; lines: NumberedLine[] } {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  const text = readFileSync(`${SEEDS}${name}`, 'utf8');
  return { file: name, lines: text.split(/\r?\n/).map((t, i) => ({ line: i + 1, text: t })) };
}
