/**
 * Which Markdown files the app may write: deck files inside the registered deck folders or the
 * bundled decks, and nothing else. A path comes from the collection (a note's source file) or
 * from whatever can call the API, so it is treated as hostile: it must be absolute, a `.md`
 * file the compiler would read (no README, no dot or node_modules folder on the way), and its
 * real path (symlinks resolved) must be inside one of those folders' real paths.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { bundledDecksDir } from '../compiler/bundled.ts';
import { deckFolders } from '../compiler/deck-folders.ts';
import { isInside } from '../compiler/deck-image.ts';
import { collectDeckFiles } from '../compiler/files.ts';
import { invalidArgument, notFound } from '../errors.ts';
import type { Collection } from '../store/collection.ts';

export interface DeckRoot {
  /** As registered (or the bundled decks' folder). */
  path: string;
  real: string;
  bundled: boolean;
}

export interface DeckFile {
  /** Absolute, as given (resolved, symlinks kept): the form compiled notes store. */
  path: string;
  real: string;
  root: DeckRoot;
}

/** The folders that may be written, each by its real path; folders gone from disk are left out. */
export function writableRoots(col: Collection): DeckRoot[] {
  const roots: DeckRoot[] = [];
  const add = (path: string, bundled: boolean) => {
    try {
      const real = realpathSync(path);
      if (statSync(real).isDirectory()) roots.push({ path, real, bundled });
    } catch {
      // registered, then deleted or unmounted
    }
  };
  for (const f of deckFolders(col)) add(f, false);
  add(bundledDecksDir(), true);
  return roots;
}

/** Whether `path`'s real path is `folder` (a real path) or inside it; false if it does not exist. */
export function isInsideReal(folder: string, path: string): boolean {
  try {
    const real = realpathSync(path);
    return real === folder || isInside(folder, real);
  } catch {
    return false;
  }
}

const outsideMessage = (p: string) =>
  `${p} is not inside a deck folder: add its folder in Settings or with "mnemo decks add PATH"`;

/** The checks every path gets, before anything on disk is looked at. */
function checkName(path: string): string {
  if (path.includes('\0') || !isAbsolute(path)) throw invalidArgument(`${path}: not an absolute path`);
  const abs = resolve(path);
  const name = basename(abs);
  if (!/\.md$/i.test(name) || /^readme\.md$/i.test(name))
    throw invalidArgument(`${path}: a deck file is a .md file other than README.md`);
  return abs;
}

/** A deck file the compiler reads under its folder: no dotfile or dot folder, no node_modules. */
function checkInside(path: string, real: string, roots: readonly DeckRoot[]): DeckRoot {
  const root = roots.find((r) => isInside(r.real, real));
  if (!root) throw invalidArgument(outsideMessage(path));
  const parts = relative(root.real, real).split(sep);
  if (parts.some((p) => p.startsWith('.') || p === 'node_modules'))
    throw invalidArgument(`${path}: deck files in hidden or node_modules folders are never compiled`);
  return root;
}

/** An existing deck file that may be written (a regular file: never a FIFO or a device). */
export function writableDeckFile(col: Collection, path: string): DeckFile {
  const abs = checkName(path);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw notFound(`${path}: no such file`);
  }
  const root = checkInside(path, real, writableRoots(col));
  if (!statSync(real).isFile()) throw invalidArgument(`${path} is not a regular file`);
  return { path: abs, real, root };
}

/** A deck file to create: it must not exist yet, and its folder must (inside a deck folder). */
export function newDeckFile(col: Collection, path: string): DeckFile {
  const abs = checkName(path);
  if (existsSync(abs)) throw invalidArgument(`${path} already exists: add the card to it instead`);
  let dir: string;
  try {
    dir = realpathSync(dirname(abs));
  } catch {
    throw notFound(`${dirname(path)}: no such folder`);
  }
  const real = join(dir, basename(abs));
  const root = checkInside(path, real, writableRoots(col));
  return { path: abs, real, root };
}

/**
 * What the Add card dialog offers: each writable folder with the deck files in it (as the
 * compiler finds them) and the folders a new file can go in. At most `limit` files in all.
 */
export function listDeckFiles(col: Collection, limit = 5000) {
  let left = limit;
  return writableRoots(col).map((root) => {
    const files = collectDeckFiles([root.path]).files.slice(0, Math.max(0, left));
    left -= files.length;
    const folders = [...new Set([root.path, ...files.map((f) => dirname(f))])].sort();
    return { path: root.path, bundled: root.bundled, files, folders };
  });
}
