/**
 * The edges of the two-thread first compile (core/compiler/first-compile.ts, source-rows.ts):
 * when it is taken, the reports it gives, the bulk load's exact size, a file without cards, a
 * file's `source:`, an image, and an error of its own. Whatever it leaves to the general
 * compile it leaves with nothing stored.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { collectDeckFiles, deckFromPath } from '../../core/compiler/files.ts';
import { FIRST_COMPILE_BYTES, firstCompile, isFirstCompile } from '../../core/compiler/first-compile.ts';
import { ensureDeck } from '../../core/decks/decks.ts';
import type { Mnemo } from '../../core/index.ts';
import { addNote } from '../../core/notes/notes.ts';
import { BULK_NOTES } from '../../core/store/summaries.ts';
import { tempDir, tempMnemo, typedRows } from '../helpers/collection.ts';

/** `notes` cards `Question N?::answer N` in two files; `extra` adds files by name. */
function folder(notes: number, extra: Record<string, string | Buffer> = {}): string {
  const dir = tempDir();
  const half = Math.floor(notes / 2);
  const cards = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => `Question ${from + i}?::answer ${from + i}`).join('\n\n');
  writeFileSync(join(dir, 'a.md'), `# A\n\n${cards(0, half)}\n`);
  writeFileSync(join(dir, 'b.md'), `# B\n\n${cards(half, notes)}\n`);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

function firstOf(m: Mnemo, dir: string, stored: (f: string) => string = (f) => f) {
  const { files } = collectDeckFiles([dir]);
  return firstCompile(m.col, files, (f) => deckFromPath(f, [dir]), stored);
}

/** Every row of every table but the random guids. */
function rows(m: Mnemo) {
  return typedRows(m.col.db, {
    skip: /^(settings|presets)$/,
    map: (table, cols, row) => {
      if (table !== 'notes') return row;
      const out = [...row];
      out[2 * cols.indexOf('guid') + 1] = 'random';
      return out;
    },
  });
}

const count = (m: Mnemo, table: string) => m.col.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('the first compile is taken', () => {
  it('only for a collection without notes and without compiled files, from exactly its size', () => {
    const dir = tempDir();
    const exact = join(dir, 'exact.md');
    const text = `Big?::${'x'.repeat(FIRST_COMPILE_BYTES - 'Big?::\n'.length)}\n`;
    writeFileSync(exact, text);
    expect(Buffer.byteLength(text)).toBe(FIRST_COMPILE_BYTES);
    const fresh = tempMnemo();
    expect(isFirstCompile(fresh.col, [exact])).toBe(true);
    writeFileSync(join(dir, 'short.md'), text.slice(1));
    expect(isFirstCompile(fresh.col, [join(dir, 'short.md')])).toBe(false);

    // A note that came from elsewhere (an import writes it so), with no compiled file.
    const imported = tempMnemo();
    const { deck } = ensureDeck(imported.col, 'Imported');
    addNote(imported.col, { deckId: deck.id, kind: 'basic', fields: { front: 'Q', back: 'A' } });
    expect(count(imported, 'source_files')).toBe(0);
    expect(isFirstCompile(imported.col, [exact])).toBe(false);

    // A compiled file that holds no card: no note, but a compile happened.
    const empty = join(tempDir(), 'empty.md');
    writeFileSync(empty, '# Nothing yet\n');
    const compiled = tempMnemo();
    compileDecks(compiled.col, [empty]);
    expect(count(compiled, 'notes')).toBe(0);
    expect(count(compiled, 'source_files')).toBe(1);
    expect(isFirstCompile(compiled.col, [exact])).toBe(false);
  });
});

describe('a first compile', () => {
  it("reports each file as the general compile does, from exactly a bulk load's notes", () => {
    const dir = folder(BULK_NOTES);
    const general = tempMnemo();
    const report = compileDecks(general.col, [dir]);
    const two = tempMnemo();
    const first = firstOf(two, dir);
    expect(first).not.toBeNull();
    expect(first!.reports).toEqual(report.files);
    expect(first!.reports.map((r) => r.status)).toEqual(['compiled', 'compiled']);
    expect(rows(two)).toEqual(rows(general));
    // One note fewer is indexed for search now, by the general compile.
    const m = tempMnemo();
    expect(firstOf(m, folder(BULK_NOTES - 1))).toBeNull();
    expect(count(m, 'notes')).toBe(0);
  });

  it('takes a file without cards and a file with a source, storing what the general compile stores', () => {
    const dir = folder(BULK_NOTES + 10, {
      'c-empty.md': '# Only a heading\n\nSome prose.\n',
      'd-source.md': '---\nsource: The Book, ch. 2\n---\nWhere from?::the book\n',
    });
    const general = tempMnemo();
    const report = compileDecks(general.col, [dir]);
    const two = tempMnemo();
    const first = firstOf(two, dir);
    expect(first).not.toBeNull();
    expect(first!.reports).toEqual(report.files);
    expect(rows(two)).toEqual(rows(general));
    expect(
      two.col.db
        .prepare("SELECT source_section FROM notes WHERE source_file LIKE '%d-source.md'")
        .pluck()
        .get(),
    ).toBe('The Book, ch. 2');
  });

  it('leaves a card with an image to the general compile, storing nothing', () => {
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from('logo')]);
    const dir = folder(BULK_NOTES + 10, {
      'logo.png': png,
      'c-image.md': 'Which logo?::![logo](logo.png)\n',
    });
    const m = tempMnemo();
    expect(firstOf(m, dir)).toBeNull();
    expect(count(m, 'notes')).toBe(0);
    expect(count(m, 'source_files')).toBe(0);
  });

  it('throws an error of its own and stores nothing', () => {
    const dir = folder(BULK_NOTES + 10);
    const m = tempMnemo();
    const broken = () => {
      throw new Error('no stored path');
    };
    expect(() => firstOf(m, dir, broken)).toThrow('no stored path');
    expect(count(m, 'notes')).toBe(0);
    expect(count(m, 'source_files')).toBe(0);
  });
});
