/**
 * Deck folders: the folders the user registered (in the app's Settings or with
 * `mnemo decks add PATH`) as holding their Markdown decks. Over the service API, compile
 * reads only these (and the bundled decks), so whatever can call the API cannot make Mnemo
 * read an arbitrary path on disk. The API can list and remove folders, never add one: adding
 * is done by the user at the command line or in the Electron shell's own folder dialog.
 */
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { invalidArgument } from '../errors.ts';
import type { Collection } from '../store/collection.ts';
import { isInside } from './deck-image.ts';
import { bundledDecksDir } from './source-path.ts';

export function deckFolders(col: Collection): string[] {
  // Read from the table, not the settings cache: `mnemo decks add` may run while the app is open.
  const stored = col.stmt("SELECT value FROM settings WHERE key = 'deckFolders'").pluck().get() as
    | string
    | undefined;
  return stored ? (JSON.parse(stored) as string[]) : [];
}

/** Registers a folder (stored by its real path); returns that path. */
export function addDeckFolder(col: Collection, path: string): string {
  let real: string;
  try {
    real = realpathSync(resolve(path));
  } catch {
    throw invalidArgument(`${path}: no such folder`);
  }
  if (!statSync(real).isDirectory()) throw invalidArgument(`${path} is not a folder`);
  col.tx(() => {
    const folders = deckFolders(col);
    if (!folders.includes(real)) col.writeSettings({ deckFolders: [...folders, real].sort() });
  });
  return real;
}

/** Unregisters a folder, given as registered or as any path to it; false if it was not registered. */
export function removeDeckFolder(col: Collection, path: string): boolean {
  const folders = deckFolders(col);
  let real = resolve(path);
  try {
    real = realpathSync(real);
  } catch {
    // A folder deleted since it was registered can still be removed by its stored path.
  }
  const kept = folders.filter((f) => f !== real && f !== path);
  if (kept.length === folders.length) return false;
  col.tx(() => col.writeSettings({ deckFolders: kept }));
  return true;
}

/**
 * What an API compile may read: with no paths, every registered folder and the bundled
 * decks; otherwise each path, which must be inside one of those (after resolving symlinks).
 */
export function compilablePaths(col: Collection, paths?: readonly string[]): string[] {
  const allowed = [...deckFolders(col), bundledDecksDir()];
  if (!paths) return allowed;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return null;
    }
  };
  const roots = allowed.map(real).filter((r): r is string => r !== null);
  return paths.map((p) => {
    const r = real(resolve(p));
    if (r === null) throw invalidArgument(`${p}: no such file or folder`);
    if (!roots.some((root) => r === root || isInside(root, r))) {
      throw invalidArgument(
        `${p} is not inside a deck folder: add its folder in Settings or with "mnemo decks add PATH"`,
      );
    }
    // As given (resolved), not as its real path: sources keep the paths they were compiled under.
    return resolve(p);
  });
}
