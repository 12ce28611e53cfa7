import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** Markdown files that are documentation, not decks. */
const NOT_DECKS = /^readme\.md$/i;

/** Every deck file under the given paths (files or folders), absolute, sorted; README.md is skipped. */
export function collectDeckFiles(paths: readonly string[]): {
  files: string[];
  roots: string[];
  missing: string[];
  /** Paths given that are neither a folder nor a regular file (a FIFO, a device): never read. */
  notFiles: string[];
} {
  const files = new Set<string>();
  const roots: string[] = [];
  const missing: string[] = [];
  const notFiles: string[] = [];
  const walk = (dir: string, root: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, root);
      else if (!entry.name.toLowerCase().endsWith('.md') || NOT_DECKS.test(entry.name)) continue;
      // Regular files only (a FIFO would hang the read), and a symlink only to a file inside the folder.
      else if (entry.isFile() || (entry.isSymbolicLink() && fileInside(full, root))) files.add(full);
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) {
      missing.push(p);
      continue;
    }
    const st = statSync(abs);
    if (st.isDirectory()) {
      roots.push(abs);
      walk(abs, realpathSync(abs));
    } else if (!st.isFile()) {
      notFiles.push(p); // reading a FIFO would wait forever, a device forever or without end
    } else {
      roots.push(abs);
      files.add(abs);
    }
  }
  return { files: [...files].sort(), roots, missing, notFiles };
}

/** A symlink whose real target is a regular file inside `root` (the folder's real path). */
function fileInside(path: string, root: string): boolean {
  try {
    const real = realpathSync(path);
    return real.startsWith(root + sep) && statSync(real).isFile();
  } catch {
    return false;
  }
}

/** Deck name for a file without `deck:`: its path below the root, folders as subdecks. */
export function deckFromPath(file: string, roots: readonly string[]): string {
  const root = roots.find((r) => file === r || file.startsWith(r + sep));
  const rel = root && root !== file ? relative(root, file) : basename(file);
  return rel
    .replace(/\.md$/i, '')
    .split(sep)
    .map((p) => p.trim() || '_')
    .join('::');
}

/** The folder a deck file's images must stay inside: its root folder, or its own folder when compiled alone. */
export function deckFolderOf(file: string, roots: readonly string[]): string {
  const root = roots.find((r) => file.startsWith(r + sep));
  return root ?? dirname(file);
}

/** Replaces a file's content atomically (see atomic-write.ts). */
export { writeFileAtomic } from './atomic-write.ts';
