/**
 * Collections made before bundled files were recorded relative to the bundle (source-path.ts)
 * hold them by absolute path: the bundle's folder as it was when they were compiled. These
 * rows are renamed to the `bundled:` form, so the files keep their notes (and the notes their
 * history) however the app moves.
 */
import { basename, resolve, sep } from 'node:path';
import type { Collection } from '../store/collection.ts';
import { deckFolders } from './deck-folders.ts';
import { BUNDLED_PREFIX, type sourcePaths } from './source-path.ts';

/** Renames one recorded file, its notes with it. */
function rename(col: Collection, from: string, to: string): void {
  col.stmt('UPDATE notes SET source_file = ? WHERE source_file = ?').run(to, from);
  // Recorded under both names (it cannot be, but never fail a compile on it): the new one wins.
  if (col.stmt('SELECT 1 FROM source_files WHERE path = ?').get(to))
    col.stmt('DELETE FROM source_files WHERE path = ?').run(from);
  else col.stmt('UPDATE source_files SET path = ? WHERE path = ?').run(to, from);
}

/**
 * Files recorded by an absolute path inside the bundle as it is now (a collection compiled
 * before, by this same installation, or `mnemo compile decks` in a checkout): renamed. Run
 * before each compile, so no compile ever sees the same file under two names.
 */
export function recordBundledPaths(col: Collection, paths: ReturnType<typeof sourcePaths>): number {
  const absolute = col
    .stmt(`SELECT path FROM source_files WHERE path NOT LIKE '${BUNDLED_PREFIX}%'`)
    .pluck()
    .all() as string[];
  const moves = absolute.map((from) => [from, paths.stored(from)] as const).filter(([a, b]) => a !== b);
  if (moves.length > 0)
    col.tx(() => {
      for (const [from, to] of moves) rename(col, from, to);
    });
  return moves.length;
}

/**
 * The bundle of an earlier installation somewhere else (the app moved, an AppImage mounted
 * elsewhere, a new version installed beside the old one): found once, when no file is
 * recorded as bundled yet. It is the folder named like the bundle's that holds the most of
 * today's bundled files (by their paths below it), at least half of them, and that is not
 * one of the user's deck folders (whose files are theirs, whatever their names). Every file
 * recorded below it is renamed, those the new version no longer ships included, so the next
 * compile retires their cards. Returns the folder adopted, or null.
 */
export function adoptMovedBundle(
  col: Collection,
  bundle: string,
  bundledFiles: readonly string[],
): string | null {
  if (col.stmt(`SELECT 1 FROM source_files WHERE path LIKE '${BUNDLED_PREFIX}%'`).get()) return null;
  const rels = bundledFiles.map((f) => resolve(f).slice(resolve(bundle).length + 1));
  if (rels.length === 0) return null;
  const recorded = col
    .stmt(`SELECT path FROM source_files WHERE path NOT LIKE '${BUNDLED_PREFIX}%'`)
    .pluck()
    .all() as string[];
  const users = deckFolders(col);
  const usersOwn = (dir: string) => users.some((f) => dir === f || dir.startsWith(f + sep));
  const counts = new Map<string, number>();
  for (const path of recorded) {
    for (const rel of rels) {
      if (!path.endsWith(sep + rel)) continue;
      const root = path.slice(0, -(rel.length + 1));
      if (basename(root) !== basename(resolve(bundle)) || usersOwn(root)) continue;
      counts.set(root, (counts.get(root) ?? 0) + 1);
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (!best || best[1] * 2 < rels.length) return null;
  const root = best[0];
  col.tx(() => {
    for (const path of recorded) {
      if (!path.startsWith(root + sep)) continue;
      rename(
        col,
        path,
        BUNDLED_PREFIX +
          path
            .slice(root.length + 1)
            .split(sep)
            .join('/'),
      );
    }
  });
  return root;
}
