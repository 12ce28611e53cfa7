/**
 * A collection whose bundled decks were compiled from an earlier installation somewhere else
 * (adoptMovedBundle): which folder is taken for that old bundle, and which never is. The
 * files it adopts are renamed to the `bundled:` form, their notes with them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptMovedBundle } from '../../core/compiler/bundled-paths.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { addDeckFolder } from '../../core/compiler/deck-folders.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const FILES = ['docker.md', 'git.md', 'linux/shell.md', 'linux/net.md'];

/** A folder `<root>/<name>` holding these of the bundle's files, each with one card. */
function folder(root: string, name: string, files: readonly string[]): string {
  const dir = join(root, name);
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), `---\ndeck: ${f}\n---\n${f} in ${root}::card\n`);
  }
  return dir;
}

const stored = (m: ReturnType<typeof tempMnemo>) => ({
  files: m.col.db.prepare('SELECT path FROM source_files ORDER BY path').pluck().all(),
  notes: m.col.db.prepare('SELECT DISTINCT source_file FROM notes ORDER BY source_file').pluck().all(),
});

describe('a bundle moved since the collection compiled it', () => {
  it('the folder named like the bundle holding at least half its files is adopted, its files renamed', () => {
    const m = tempMnemo();
    const tmp = tempDir();
    const bundle = folder(join(tmp, 'new'), 'decks', FILES);
    const files = FILES.map((f) => join(bundle, f));
    const old = folder(join(tmp, 'old'), 'decks', ['docker.md', 'linux/net.md', 'retired.md']);
    const mine = folder(tmp, 'mine', ['notes.md']);
    compileDecks(m.col, [old, mine]);
    addDeckFolder(m.col, mine); // a deck folder of the user's, not the old bundle's parent
    expect(adoptMovedBundle(m.col, bundle, files)).toBe(old);
    // The user's own file elsewhere keeps its path.
    const renamed = [
      join(mine, 'notes.md'),
      'bundled:docker.md',
      'bundled:linux/net.md',
      'bundled:retired.md',
    ];
    expect(stored(m)).toEqual({ files: renamed, notes: renamed });
    // Once a file is recorded as bundled, no folder is adopted again.
    const again = folder(join(tmp, 'again'), 'decks', FILES);
    compileDecks(m.col, [again]);
    expect(adoptMovedBundle(m.col, bundle, files)).toBeNull();
  });

  it('fewer than half the files, another folder name, a deck folder of the user: not adopted', () => {
    const tmp = tempDir();
    const bundle = folder(join(tmp, 'new'), 'decks', FILES);
    const files = FILES.map((f) => join(bundle, f));
    const cases = [
      folder(join(tmp, 'few'), 'decks', ['git.md']),
      folder(join(tmp, 'named'), 'mydecks', FILES),
      folder(join(tmp, 'user'), 'decks', FILES),
      folder(join(tmp, 'itself'), 'decks', FILES),
    ];
    for (const dir of cases) {
      const m = tempMnemo();
      if (dir.includes('/user/')) addDeckFolder(m.col, join(tmp, 'user'));
      if (dir.includes('/itself/')) addDeckFolder(m.col, dir);
      compileDecks(m.col, [dir]);
      const before = stored(m);
      expect(adoptMovedBundle(m.col, bundle, files), dir).toBeNull();
      expect(stored(m)).toEqual(before);
    }
    expect(adoptMovedBundle(tempMnemo().col, bundle, [])).toBeNull();
  });

  it('of two candidates the one with more files wins; on a tie, the first by name', () => {
    const tmp = tempDir();
    const bundle = folder(join(tmp, 'new'), 'decks', FILES);
    const files = FILES.map((f) => join(bundle, f));
    const m = tempMnemo();
    const b = folder(join(tmp, 'b'), 'decks', ['docker.md', 'git.md']);
    const a = folder(join(tmp, 'a'), 'decks', ['docker.md', 'git.md']);
    const c = folder(join(tmp, 'c'), 'decks', ['docker.md', 'git.md', 'linux/net.md']);
    compileDecks(m.col, [b, a]);
    expect(adoptMovedBundle(m.col, bundle, files)).toBe(a);
    const n = tempMnemo();
    compileDecks(n.col, [a, c]);
    expect(adoptMovedBundle(n.col, bundle, files)).toBe(c);
  });
});
