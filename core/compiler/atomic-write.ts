/**
 * Replacing a file so that a crash or a kill leaves either the old content or the new, never
 * half of it: write a temporary sibling, flush it, rename it over the file. The temporary
 * file is a dotfile (`.name.mnemo-tmp-PID`), so the deck walker never takes it for a deck; it
 * is removed when the write fails, and one left by a killed process is removed by the next
 * compile (removeStaleTemps).
 */
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Ours: `.name.mnemo-tmp-PID`, and `name.mnemo-PID.tmp` as earlier versions named them. */
const TEMP = /^\..+\.mnemo-tmp-(\d+)$|^.+\.mnemo-(\d+)\.tmp$/;

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  let path = file;
  let mode: number | undefined;
  try {
    path = realpathSync(file); // through a symlink: the link stays a link
    mode = statSync(path).mode & 0o777; // keep the file's permissions
  } catch {
    // a new file: the default mode (less the umask)
  }
  const tmp = join(dirname(path), `.${basename(path)}.mnemo-tmp-${process.pid}`);
  try {
    const fd = openSync(tmp, 'w', mode ?? 0o666);
    try {
      if (mode !== undefined) fchmodSync(fd, mode); // exactly, whatever the umask
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      fsyncSync(fd); // the data is on disk before the rename makes it the file
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw e;
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // this process writes synchronously: none in progress now
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Removes temporary files left in these folders by processes that are gone; returns how many. */
export function removeStaleTemps(dirs: Iterable<string>): number {
  let removed = 0;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = TEMP.exec(name);
      if (!m || alive(Number(m[1] ?? m[2]))) continue;
      try {
        unlinkSync(join(dir, name));
        removed++;
      } catch {
        // gone already, or not ours to remove: leave it
      }
    }
  }
  return removed;
}
