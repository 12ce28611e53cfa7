/**
 * Registering deck folders at their edges: a file is no folder, a folder added twice is
 * listed once, a folder removed by any path to it or (once deleted) by its stored path, and
 * an API compile refused a path that does not exist, by name.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addDeckFolder,
  compilablePaths,
  deckFolders,
  removeDeckFolder,
} from '../../core/compiler/deck-folders.ts';
import { bundledDecksDir } from '../../core/compiler/source-path.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

describe('deck folders', () => {
  it('a file is refused as a folder; a folder added twice, or by a link to it, is listed once', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'deck.md'), 'Q::A\n');
    expect(() => addDeckFolder(m.col, join(dir, 'deck.md'))).toThrow(
      `${join(dir, 'deck.md')} is not a folder`,
    );
    expect(() => addDeckFolder(m.col, join(dir, 'nope'))).toThrow(`${join(dir, 'nope')}: no such folder`);
    expect(deckFolders(m.col)).toEqual([]);
    const a = join(dir, 'a');
    mkdirSync(a);
    symlinkSync(a, join(dir, 'link'));
    expect(addDeckFolder(m.col, a)).toBe(a);
    expect(addDeckFolder(m.col, join(dir, 'link'))).toBe(a);
    expect(deckFolders(m.col)).toEqual([a]);
  });

  it('removed by a link to it, or once deleted by its stored path; an unknown folder is not removed', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    mkdirSync(a);
    mkdirSync(b);
    symlinkSync(a, join(dir, 'link'));
    addDeckFolder(m.col, b);
    addDeckFolder(m.col, a);
    expect(removeDeckFolder(m.col, join(dir, 'elsewhere'))).toBe(false);
    expect(deckFolders(m.col)).toEqual([a, b]);
    expect(removeDeckFolder(m.col, join(dir, 'link'))).toBe(true);
    expect(deckFolders(m.col)).toEqual([b]);
    rmSync(b, { recursive: true });
    expect(removeDeckFolder(m.col, b)).toBe(true);
    expect(deckFolders(m.col)).toEqual([]);
  });

  it('an API compile: every registered folder and the bundle, or the paths given if inside one', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const a = join(dir, 'a');
    mkdirSync(a);
    writeFileSync(join(a, 'deck.md'), 'Q::A\n');
    addDeckFolder(m.col, a);
    expect(compilablePaths(m.col)).toEqual([a, bundledDecksDir()]);
    expect(compilablePaths(m.col, [join(a, 'deck.md'), a])).toEqual([join(a, 'deck.md'), a]);
    expect(() => compilablePaths(m.col, [join(a, 'gone.md')])).toThrow(
      `${join(a, 'gone.md')}: no such file or folder`,
    );
    // A registered folder deleted since does not make every path refused.
    rmSync(a, { recursive: true });
    mkdirSync(join(dir, 'c'));
    addDeckFolder(m.col, join(dir, 'c'));
    expect(compilablePaths(m.col, [join(dir, 'c')])).toEqual([join(dir, 'c')]);
  });
});
