/**
 * What a recompile of a changed file must see of the whole file, although only the cards
 * around a change are re-read otherwise (incremental.ts): the linter's findings and the ids
 * --write-ids writes are about every card of the file; and a file compiled under another
 * default deck (another root) is read whole, its decks as a whole parse gives them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

/** Twelve `::` cards, blank lines between; the first card's back a list (the linter's `list-back`). */
function cards(changed: string): string {
  const lines = Array.from({ length: 12 }, (_, i) => `Question ${i} about topic ${i}?::answer ${i}`);
  lines[0] = 'Harbor 多出的功能::Web UI、RBAC、漏洞扫描、镜像复制、审计日志';
  lines[10] = `Question 10 about topic 10?::${changed}`;
  return `---\ndeck: D\n---\n${lines.join('\n\n')}\n`;
}

describe('a recompile of a changed file', () => {
  it('lints every card of the file, the unchanged ones far from the change too', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'd.md');
    writeFileSync(file, cards('answer 10'));
    compileDecks(m.col, [dir]);
    writeFileSync(file, cards('a new answer'));
    m.clock.advance(60_000);
    const r = compileDecks(m.col, [dir], { lint: true });
    expect(r.totals).toMatchObject({ updated: 1, unchanged: 11 });
    expect(r.lint.map((f) => [f.file, f.line, f.rule])).toEqual([[file, 4, 'list-back']]);
  });

  it('--write-ids gives every card of the file an id, the unchanged ones far from the change too', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'd.md');
    writeFileSync(file, cards('answer 10'));
    compileDecks(m.col, [dir]);
    writeFileSync(file, cards('a new answer'));
    m.clock.advance(60_000);
    const r = compileDecks(m.col, [dir], { writeIds: true });
    expect(r.idsWritten).toBe(12);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n').filter((l) => l.includes('::') && / \^id-[\w-]+$/.test(l))).toHaveLength(12);
    // Each note has the id written beside its card.
    const ids = m.col.db
      .prepare('SELECT source_id FROM notes WHERE retired = 0 ORDER BY source_line')
      .pluck()
      .all();
    expect(ids).toHaveLength(12);
    for (const id of ids) expect(text).toContain(`^id-${id}`);
  });

  it('compiled under another root (another default deck), is read whole: all its cards move to that deck', () => {
    const m = tempMnemo();
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const file = join(dir, 'sub', 'f.md');
    const text = (v: string) =>
      `${Array.from({ length: 12 }, (_, i) => `Term ${i} of the glossary::meaning ${i === 10 ? v : i}`).join('\n\n')}\n`;
    writeFileSync(file, text('one'));
    compileDecks(m.col, [file], { deckRoots: [dir] });
    const decks = () =>
      m.col.db
        .prepare('SELECT DISTINCT d.name FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.retired = 0')
        .pluck()
        .all();
    expect(decks()).toEqual(['sub::f']);
    writeFileSync(file, text('two'));
    m.clock.advance(60_000);
    const r = compileDecks(m.col, [file], { deckRoots: [join(dir, 'sub')] });
    // Every card under a new key (its deck is in it), each matched as an edit in place.
    expect(r.totals).toMatchObject({ edited: 12, added: 0, retired: 0 });
    expect(decks()).toEqual(['f']);
  });

  it('that had no cards adds the cards written into it', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'notes.md');
    const prose = Array.from({ length: 8 }, (_, i) => `Paragraph ${i} of prose, no card in it.`);
    writeFileSync(file, `# Notes\n\n${prose.join('\n\n')}\n`);
    expect(compileDecks(m.col, [dir]).totals.added).toBe(0);
    prose.splice(4, 0, 'A first card::its answer');
    writeFileSync(file, `# Notes\n\n${prose.join('\n\n')}\n`);
    m.clock.advance(60_000);
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ added: 1, cardsAdded: 1 });
    expect(m.col.db.prepare('SELECT source_line FROM notes').pluck().all()).toEqual([11]);
  });

  it('with most of its lines changed (too many to match line by line) updates every card', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'many.md');
    const text = (v: number) =>
      `${Array.from({ length: 50 }, (_, i) => `Question ${i} of the set::answer ${i}, version ${v}`).join('\n\n')}\n`;
    writeFileSync(file, text(1));
    compileDecks(m.col, [dir]);
    writeFileSync(file, text(2));
    m.clock.advance(60_000);
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({ updated: 50, unchanged: 0, added: 0 });
    expect(m.col.db.prepare("SELECT count(*) FROM notes WHERE fields LIKE '%version 2%'").pluck().get()).toBe(
      50,
    );
  });

  it('with a line digest an earlier version stored, is read whole and right, and stores the current digest', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'd.md');
    writeFileSync(file, cards('answer 10'));
    compileDecks(m.col, [dir]);
    const version = () =>
      (m.col.db.prepare('SELECT lines FROM source_files').pluck().get() as Buffer).readUInt32LE(0);
    expect(version()).toBe(2);
    // As Mnemo stored it before the line hashes took two code units a step.
    m.col.db.prepare('UPDATE source_files SET lines = ?').run(
      (() => {
        const old = Buffer.from(m.col.db.prepare('SELECT lines FROM source_files').pluck().get() as Buffer);
        old.writeUInt32LE(1, 0);
        return old;
      })(),
    );
    writeFileSync(file, cards('a new answer'));
    m.clock.advance(60_000);
    expect(compileDecks(m.col, [dir]).totals).toMatchObject({
      updated: 1,
      unchanged: 11,
      added: 0,
      retired: 0,
    });
    expect(
      m.col.db.prepare("SELECT count(*) FROM notes WHERE fields LIKE '%a new answer%'").pluck().get(),
    ).toBe(1);
    expect(version()).toBe(2);
  });
});
