/**
 * A small tmpfs of our own, for tests of a full disk and a read-only folder. Needs root
 * (CI and this project's machines run as root); elsewhere `mountTmpfs` returns null and
 * the test skips itself, saying why.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  dir: string;
  /** Fills every free byte with a file; returns its path (remove it to free the space). */
  fill(): string;
  readOnly(): void;
  unmount(): void;
}

export const TMPFS_SKIP =
  'cannot mount a tmpfs here (needs root): a full disk or read-only folder cannot be made';

export function mountTmpfs(sizeMiB: number): Tmpfs | null {
  const dir = mkdtempSync(join(tmpdir(), 'mnemo-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir]);
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    fill() {
      const file = join(dir, 'filler');
      const fd = openSync(file, 'w');
      try {
        // Big chunks first, then pages, until not one more page fits.
        for (const size of [1 << 20, 4096]) {
          const chunk = Buffer.alloc(size, 1);
          try {
            for (;;) writeSync(fd, chunk);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
          }
        }
      } finally {
        closeSync(fd);
      }
      return file;
    },
    readOnly() {
      const r = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`remount read-only failed: ${r.stderr}`);
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
