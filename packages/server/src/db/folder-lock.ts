import { closeSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The folder as the file system knows it: symbolic links followed, so that `data` and a link to it
 * (`/srv/jixiao → /data/jixiao`, or a relative path) are one folder with one lock. A folder not made yet
 * is its nearest existing parent's real path with the rest of the name.
 */
export function realFolder(folder: string): string {
  const absolute = resolve(folder);
  try {
    return realpathSync.native(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realFolder(parent), basename(absolute));
  }
}

/**
 * The lock file of an embedded data folder — who has it open — beside its real path (data → data.lock):
 * inside, it would make a new folder non-empty, which PostgreSQL's initdb refuses.
 */
export function lockFileOf(folder: string): string {
  return `${realFolder(folder)}.lock`;
}

/** Folders this process holds: a second open of the same folder in one process is refused as well. */
const held = new Set<string>();

/** A second process (or a second open in this one) on a folder another has open. */
export class FolderInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `内嵌数据库文件夹 ${folder} 正被另一个 jixiao 进程（进程号 ${pid}）使用：一个数据文件夹同时只能由一个进程打开，否则已保存的数据会丢失。请先停止那个进程；若要同时运行多个，请用 JIXIAO_DATA_DIR 为每个指定不同的文件夹，或改用 PostgreSQL 服务器（DATABASE_URL）。`,
    );
    this.name = 'FolderInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder for this process: a lock file with our pid, created exclusively. A lock left by a
 * process that is gone (killed, crashed) is taken over; one of a live process is refused. PGlite keeps no
 * lock of its own (postmaster.pid is written but never checked by a second WebAssembly instance).
 * The folder is compared by its real path (realFolder). Returns the release function.
 */
export function lockFolder(folder: string): () => void {
  const real = realFolder(folder);
  const file = `${real}.lock`;
  if (held.has(real)) throw new FolderInUseError(folder, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      held.add(real);
      return () => {
        held.delete(real);
        try {
          if (readFileSync(file, 'utf8').split('\n')[0] === String(process.pid))
            rmSync(file, { force: true });
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let pid = NaN;
      try {
        pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
      } catch {
        continue; // removed meanwhile: try again
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new FolderInUseError(folder, pid);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new FolderInUseError(folder, NaN);
}
