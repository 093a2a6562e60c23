import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A conversion that takes longer is a hostile or broken file; LibreOffice is stopped. */
export const CONVERT_TIMEOUT_MS = 90_000;

/** Where LibreOffice's program is: on PATH, or where the Debian and official packages put it. */
export function findSoffice(): string | undefined {
  const names = ['soffice', 'libreoffice'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  for (const path of ['/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice']) {
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Why a conversion did not give a file, for the message that names the user's file. */
export class ConvertFailure extends Error {
  constructor(readonly reason: 'missing' | 'timeout' | 'failed') {
    super(reason);
  }
}

/**
 * Converts an office file with LibreOffice (`soffice --headless --convert-to`), in a private
 * temporary folder with its own profile (a user's running LibreOffice, or another conversion,
 * holds the default one), and returns the converted bytes. The folder is removed afterwards.
 */
export async function convertWithLibreOffice(
  bytes: Uint8Array,
  extension: string,
  target: 'docx' | 'xlsx' | 'pdf' | 'xls' | 'doc',
  timeoutMs = CONVERT_TIMEOUT_MS,
): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) throw new ConvertFailure('missing');
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-convert-'));
  try {
    const input = join(dir, `input.${extension}`);
    await writeFile(input, bytes);
    const out = join(dir, 'out');
    const filter = target === 'xls' ? 'xls:MS Excel 97' : target === 'doc' ? 'doc:MS Word 97' : target;
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--norestore',
          '--nolockcheck',
          '--convert-to',
          filter,
          '--outdir',
          out,
          input,
        ],
        { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 },
        (error) => {
          if (error && (error as { killed?: boolean }).killed) reject(new ConvertFailure('timeout'));
          else if (error) reject(new ConvertFailure('failed'));
          else resolve();
        },
      );
    });
    const made = existsSync(out) ? await readdir(out) : [];
    const result = made.find((f) => f.toLowerCase().endsWith(`.${target}`));
    if (!result) throw new ConvertFailure('failed');
    return await readFile(join(out, result));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
