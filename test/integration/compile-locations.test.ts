/**
 * Where a compile records an unchanged card: its new line when lines were added above it, its
 * new file when it was moved there word for word (the editor opens it there). And errors of
 * one file in line order, whichever check found them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const HEAD = '---\ndeck: Net\n---\n';

describe('an unchanged card that moved', () => {
  it('lines added above it: its new line is recorded, the note unchanged', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'd.md'), `${HEAD}docker0 subnet::172.17.0.0/16\n`);
    compileDecks(m.col, [dir]);
    writeFileSync(join(dir, 'd.md'), `${HEAD}\n\n\ndocker0 subnet::172.17.0.0/16\n`);
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ unchanged: 1, updated: 0, added: 0 });
    expect(m.col.db.prepare('SELECT source_line FROM notes').pluck().all()).toEqual([7]);
  });

  it('moved word for word to another file: that file is recorded', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), `${HEAD}docker0 subnet::172.17.0.0/16\n`);
    compileDecks(m.col, [dir]);
    writeFileSync(join(dir, 'a.md'), `${HEAD}other::card\n`);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'b.md'), `${HEAD}docker0 subnet::172.17.0.0/16\n`);
    compileDecks(m.col, [dir]);
    const row = m.col.db
      .prepare(
        "SELECT source_file, source_line, retired FROM notes WHERE json_extract(fields, '$.front') = ?",
      )
      .get('docker0 subnet');
    expect(row).toEqual({ source_file: join(dir, 'sub', 'b.md'), source_line: 4, retired: 0 });
  });
});

describe("a file's errors", () => {
  it('in line order, a duplicate id (found after parsing) before a later parse error', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'd.md'), `${HEAD}Q::A ^id-aaaa1111\n\nQ2::B ^id-aaaa1111\n\nbad::::x\n`);
    const r = compileDecks(m.col, [dir]);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [6, 1],
      [8, 4],
    ]);
  });

  it('in line order, every image error included', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(
      join(dir, 'd.md'),
      `${HEAD}Q::![x](missing.png)\n\nbad::::x\n\nQ2::![y](gone.png) and ![z](nope.png)\n`,
    );
    const r = compileDecks(m.col, [dir]);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [4, 4],
      [6, 4],
      [8, 5],
      [8, 24],
    ]);
  });
});
