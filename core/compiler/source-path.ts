/**
 * Where a compiled file is recorded (notes.source_file, source_files.path). A user's deck
 * file is recorded by its absolute path. A file of the bundled decks is recorded relative to
 * the bundle, as `bundled:docker/commands.md`: the app's own folder moves whenever it is
 * updated or reinstalled (an AppImage mounts somewhere new on every start), and an absolute
 * path would make the same bundled file a new file each time, its cards new cards.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { appRoot } from '../util/app-root.ts';

export const BUNDLED_PREFIX = 'bundled:';

/**
 * The decks shipped with Mnemo (the repository's decks/ folder). The Electron main process,
 * bundled elsewhere, names the folder through MNEMO_BUNDLED_DECKS.
 */
export function bundledDecksDir(): string {
  return process.env.MNEMO_BUNDLED_DECKS || join(appRoot(), 'decks');
}

/** `file` relative to `dir` with `/` separators, or null when it is not inside it. */
function below(dir: string, file: string): string | null {
  const rel = relative(dir, file);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return rel.split(sep).join('/');
}

/** The C library's realpath: several times faster than Node's own (200 files of a compile: 4 ms → 1 ms). */
function real(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

/** How a compiled file is recorded: `bundled:REL` for a bundled deck file, else its path. */
export function storedSourcePath(
  file: string,
  bundle = bundledDecksDir(),
  realBundle: () => string | null = () => real(bundle),
): string {
  const abs = resolve(file);
  let rel = below(resolve(bundle), abs);
  // The bundle reached through a symlink (or the file through one) is still the bundle.
  if (rel === null) {
    const realBundle_ = realBundle();
    const realFile = realBundle_ === null ? null : real(abs);
    if (realBundle_ !== null && realFile !== null) rel = below(realBundle_, realFile);
  }
  return rel === null ? file : BUNDLED_PREFIX + rel;
}

/** Whether a recorded path is a bundled file's. */
export const isBundledSource = (stored: string | null): boolean =>
  stored?.startsWith(BUNDLED_PREFIX) ?? false;

/**
 * Both directions for one compile, the bundle's folder looked up once and each file's form
 * remembered: a compile asks for the same few files once per card.
 */
export function sourcePaths(bundle = bundledDecksDir()) {
  const memo = new Map<string, string>();
  let realBundle: string | null | undefined;
  const bundleReal = () => {
    if (realBundle === undefined) realBundle = real(bundle);
    return realBundle;
  };
  return {
    stored(file: string): string {
      let s = memo.get(file);
      if (s === undefined) {
        s = storedSourcePath(file, bundle, bundleReal);
        memo.set(file, s);
      }
      return s;
    },
    onDisk: (stored: string) => diskSourcePath(stored, bundle),
  };
}

/**
 * The file on disk a recorded path stands for. A bundled path that would climb out of the
 * bundle (only a hostile imported dump could hold one) is returned as recorded, so it names
 * no file.
 */
export function diskSourcePath(stored: string, bundle = bundledDecksDir()): string {
  if (!isBundledSource(stored)) return stored;
  const parts = stored.slice(BUNDLED_PREFIX.length).split('/');
  if (parts.some((p) => p === '..' || p === '')) return stored;
  return join(bundle, ...parts);
}
