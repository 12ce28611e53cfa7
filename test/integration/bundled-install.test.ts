/**
 * The bundled decks on a collection's first start (ensureBundledDecks): compiled into an
 * empty collection once, never into one that already has notes, and a bundle that does not
 * compile is an error that names the problem.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBundledDecks } from '../../core/compiler/bundled.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const notes = (m: ReturnType<typeof tempMnemo>) =>
  m.col.db.prepare("SELECT json_extract(fields, '$.front') FROM notes ORDER BY id").pluck().all();

function bundle(text: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'docker.md'), `---\ndeck: Docker\n---\n${text}`);
  return dir;
}

describe('the bundled decks on the first start', () => {
  it('an empty collection gets them once; a second start changes nothing', () => {
    const m = tempMnemo();
    const dir = bundle('docker ps::lists containers\n');
    expect(ensureBundledDecks(m.col, dir)).toBe(true);
    expect(notes(m)).toEqual(['docker ps']);
    expect(m.col.settings().bundledDecksInstalled).toBe(true);
    writeFileSync(
      join(dir, 'docker.md'),
      '---\ndeck: Docker\n---\ndocker ps::lists containers\n\nmore::cards\n',
    );
    expect(ensureBundledDecks(m.col, dir)).toBe(false);
    expect(notes(m)).toEqual(['docker ps']);
  });

  it('a collection with notes of its own is not given them, and is not asked again', () => {
    const m = tempMnemo();
    compileDecks(m.col, [bundle('mine::my card\n')]);
    const dir = bundle('docker ps::lists containers\n');
    expect(ensureBundledDecks(m.col, dir)).toBe(false);
    expect(notes(m)).toEqual(['mine']);
    expect(m.col.settings().bundledDecksInstalled).toBe(true);
  });

  it('a bundle that does not compile: an error naming the problem, nothing installed', () => {
    const m = tempMnemo();
    expect(() => ensureBundledDecks(m.col, bundle('bad::::separator\n'))).toThrow(
      'bundled decks do not compile: "::::" is not a separator: use :: (one card) or ::: (two)',
    );
    expect(notes(m)).toEqual([]);
    expect(m.col.settings().bundledDecksInstalled).toBe(false);
  });
});
