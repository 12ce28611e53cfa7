/**
 * `--write-ids` stores the ids with the notes, then writes the files. When writing a file
 * fails (here: a folder stands where its temporary copy goes), the ids are in the collection
 * but not in the file, whose content is unchanged: the next `--write-ids` must still find it
 * and write the same ids. (A kill at that moment is write-ids-kill.test.ts, in a child process.)
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

describe('--write-ids after a file could not be written', () => {
  it('writes the ids the collection already has, not new ones; a plain compile leaves the file alone', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'd.md');
    const text = '---\ndeck: D\n---\nq1::a\n\nq2\n?\n```\ncode\n```\n\nq3::c ^id-keep0003\n';
    writeFileSync(file, text);
    const blocker = join(dir, `.d.md.mnemo-tmp-${process.pid}`);
    mkdirSync(blocker);
    expect(() => compileDecks(m.col, [dir], { writeIds: true })).toThrow();
    const stored = m.col.db
      .prepare('SELECT source_id FROM notes ORDER BY source_line')
      .pluck()
      .all() as string[];
    expect(stored).toHaveLength(3);
    expect(stored[2]).toBe('keep0003');
    expect(readFileSync(file, 'utf8')).toBe(text);

    rmdirSync(blocker);
    const plain = compileDecks(m.col, [dir]);
    expect(plain.files.map((f) => f.status)).toEqual(['unchanged']);
    expect(readFileSync(file, 'utf8')).toBe(text);

    const r = compileDecks(m.col, [dir], { writeIds: true });
    expect(r.idsWritten).toBe(2);
    expect(r.totals).toMatchObject({ added: 0, retired: 0 });
    expect(readFileSync(file, 'utf8')).toBe(
      `---\ndeck: D\n---\nq1::a ^id-${stored[0]}\n\nq2\n?\n\`\`\`\ncode\n\`\`\`\n^id-${stored[1]}\n\nq3::c ^id-keep0003\n`,
    );
    // Written and recorded: the next run finds nothing to do, and the third card's line moved down.
    expect(compileDecks(m.col, [dir], { writeIds: true })).toMatchObject({
      idsWritten: 0,
      files: [{ status: 'unchanged' }],
    });
    expect(m.col.db.prepare("SELECT source_line FROM notes WHERE source_id = 'keep0003'").pluck().get()).toBe(
      13,
    );
  });

  it('a file without cards, compiled again unchanged, is left unchanged', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nOnly prose, no cards.\n');
    writeFileSync(join(dir, 'd.md'), 'q::a\n');
    compileDecks(m.col, [dir], { writeIds: true });
    const again = compileDecks(m.col, [dir], { writeIds: true });
    expect(again.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
  });
});

describe('--write-ids in a file with Windows line endings', () => {
  it("puts each id before the line's \\r\\n, not after its \\r", () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'd.md');
    writeFileSync(file, '---\r\ndeck: D\r\n---\r\nq1::a\r\n\r\nq2\r\n?\r\n```\r\ncode\r\n```\r\n');
    expect(compileDecks(m.col, [dir], { writeIds: true }).idsWritten).toBe(2);
    const [a, b] = m.col.db
      .prepare('SELECT source_id FROM notes ORDER BY source_line')
      .pluck()
      .all() as string[];
    expect(readFileSync(file, 'utf8')).toBe(
      `---\r\ndeck: D\r\n---\r\nq1::a ^id-${a}\r\n\r\nq2\r\n?\r\n\`\`\`\r\ncode\r\n\`\`\`\r\n^id-${b}\r\n`,
    );
  });
});
