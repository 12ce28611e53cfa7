/**
 * A first compile of many notes stores them many rows a statement, with the notes' and cards'
 * secondary indexes built once after the load (store-plan.ts, new-notes.ts). It must store
 * exactly what a compile of the same cards a file at a time (below the bulk threshold, so row
 * by row with every index and trigger live) stores, leave every index in place but Browse's
 * sort indexes, built after it, and match those notes again on the next compile.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SORT_INDEXES } from '../../core/cards/sort-indexes.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { digest } from '../../core/compiler/digest.ts';
import { parseDeckFile } from '../../core/compiler/parse.ts';
import type { Mnemo } from '../../core/index.ts';
import { indexPendingNotes } from '../../core/store/fts-pending.ts';
import { buildPendingIndexes } from '../../core/store/pending-indexes.ts';
import { BULK_NOTES, BULK_REWRITES } from '../../core/store/summaries.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const FILES = 3;
const PER_FILE = Math.ceil((BULK_NOTES * 1.2) / FILES); // together over the threshold, each under it

/** Basic, two-way and cloze cards, some with ids (one carrying a guid), in FILES files and two decks. */
function deckFolder(): string {
  const dir = tempDir();
  for (let f = 0; f < FILES; f++) {
    const cards: string[] = [];
    for (let i = 0; i < PER_FILE; i++) {
      const n = f * PER_FILE + i;
      if (n === 7) cards.push('What carries a guid?::this id ^id-0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6');
      else if (n % 5 === 0) cards.push(`Port of service ${n}:::${1000 + n} ^id-svc-${n}`);
      else if (n % 7 === 0) cards.push(`Service ${n} listens on ==port ${n}== over {{c2::tcp}}.`);
      else cards.push(`Question ${n}?\n?\nAnswer ${n}, *with* \`code ${n}\``);
    }
    const deck = f === 0 ? 'Net::Ports' : 'Net::Services';
    writeFileSync(
      join(dir, `f${f}.md`),
      `---\ndeck: ${deck}\ntags: [net]\n---\n# File ${f}\n\n${cards.join('\n\n')}\n`,
    );
  }
  return dir;
}

/** What a compile stored, free of row ids, guids made up at random and times. */
function stored(m: Mnemo) {
  const db = m.col.db;
  const notes = db
    .prepare(
      `SELECT n.kind, n.fields, n.tags, n.context, replace(n.source_file, ?, '') AS file, n.source_line, n.source_index,
         n.source_key, n.source_id, n.content_hash, n.retired,
         CASE WHEN n.source_id LIKE '0192%' THEN n.guid END AS guid,
         (SELECT json_group_array(json_array(d.name, c.ord, c.state, c.retired,
            c.new_position - (SELECT min(new_position) FROM cards)))
          FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.note_id = n.id ORDER BY c.ord) AS cards
       FROM notes n ORDER BY file, n.source_index`,
    )
    .all(m.dataDir);
  const totals = db
    .prepare('SELECT d.name, t.cards FROM deck_totals t JOIN decks d ON d.id = t.deck_id ORDER BY d.name')
    .all();
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name")
    .all();
  return { notes, totals, indexes };
}

describe('a bulk first compile', () => {
  it('stores what compiles of a file at a time store, keeps every index (Browse sort indexes built after), and matches its notes again', () => {
    const dir = deckFolder();
    const bulk = tempMnemo();
    const report = compileDecks(bulk.col, [dir]);
    expect(report.totals.added).toBe(FILES * PER_FILE);
    expect(report.totals.added).toBeGreaterThanOrEqual(BULK_NOTES);

    const byFile = tempMnemo();
    for (let f = 0; f < FILES; f++) compileDecks(byFile.col, [join(dir, `f${f}.md`)], { deckRoots: [dir] });

    // Source paths differ by nothing but the folder; new positions by nothing but their start.
    const a = stored(bulk);
    const b = stored(byFile);
    expect(a.notes.length).toBe(FILES * PER_FILE);
    expect(a.notes).toEqual(b.notes);
    expect(a.totals).toEqual(b.totals);
    // Browse's sort indexes are left to build later (pending-indexes.ts): missing, and marked.
    const sortIndexes: readonly string[] = SORT_INDEXES;
    expect(a.indexes).toEqual(b.indexes.filter((i) => !sortIndexes.includes((i as { name: string }).name)));
    const pending = () => bulk.col.db.prepare('SELECT name FROM indexes_pending ORDER BY name').pluck().all();
    expect(pending()).toEqual([...SORT_INDEXES].sort());
    expect(buildPendingIndexes(bulk.col.db)).toBe(SORT_INDEXES.length);
    expect(stored(bulk).indexes).toEqual(b.indexes);
    expect(pending()).toEqual([]);
    expect(buildPendingIndexes(bulk.col.db)).toBe(0);
    expect(bulk.col.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(bulk.col.db.pragma('foreign_key_check')).toEqual([]);
    // Note ids follow one another, in file order, as row-by-row inserts number them.
    const ids = bulk.col.db.prepare('SELECT id FROM notes ORDER BY source_file, source_index').pluck().all();
    expect(ids).toEqual(ids.map((_, i) => (ids[0] as number) + i));
    // The guid the id carries.
    expect(bulk.col.db.prepare("SELECT guid FROM notes WHERE source_id LIKE '0192%'").pluck().get()).toBe(
      '0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6',
    );
    // The full-text index catches up with the same text the row-by-row compile indexed.
    expect(indexPendingNotes(bulk.col)).toBe(FILES * PER_FILE);
    const fts = (m: Mnemo) =>
      m.col.db.prepare('SELECT count(*) FROM notes_fts WHERE notes_fts MATCH \'"code 1"\'').pluck().get();
    expect(fts(bulk)).toBe(fts(byFile));
    expect(fts(bulk)).toBeGreaterThan(100);

    // Each note's content hash is the digest earlier compiles stored, so no note of a collection
    // compiled before reads as changed.
    const file = join(dir, 'f0.md');
    const parsed = parseDeckFile(file, readFileSync(file, 'utf8'), {
      defaultDeck: 'x',
      fileExists: () => true,
    });
    const hashes = bulk.col.db
      .prepare('SELECT content_hash FROM notes WHERE source_file = ? ORDER BY source_index')
      .pluck()
      .all(file);
    expect(hashes).toEqual(
      parsed.cards.map((c) =>
        digest(JSON.stringify([c.kind, c.fields, c.tags, c.context, c.deck, c.source])),
      ),
    );

    const again = compileDecks(bulk.col, [dir], { force: true });
    expect(again.totals).toMatchObject({ added: 0, unchanged: FILES * PER_FILE, retired: 0 });
  });

  it('re-indexes for search the notes a large recompile rewrote, and only their new text', () => {
    const dir = tempDir();
    const n = BULK_REWRITES + 200;
    const write = (changed: (i: number) => boolean) =>
      writeFileSync(
        join(dir, 'cards.md'),
        Array.from({ length: n }, (_, i) =>
          changed(i)
            ? `Which port does daemon ${i} use?::port ${i} 新版本`
            : `Which port does daemon ${i} use?::port ${i} 旧版本`,
        ).join('\n\n'),
      );
    const m = tempMnemo();
    write(() => false);
    compileDecks(m.col, [dir]);
    // Every other card and the last 60 changed: over the threshold, with unchanged ones between.
    const changed = (i: number) => i % 2 === 0 || i >= n - 60;
    write(changed);
    const report = compileDecks(m.col, [dir]);
    const expected = Array.from({ length: n }, (_, i) => i).filter(changed);
    expect(report.totals.updated).toBe(expected.length);
    expect(expected.length).toBeGreaterThanOrEqual(BULK_REWRITES);
    const db = m.col.db;
    const like = (text: string) =>
      db.prepare('SELECT id FROM notes WHERE fields LIKE ? ORDER BY id').pluck().all(`%${text}%`);
    const match = (text: string) =>
      db
        .prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid')
        .pluck()
        .all(`"${text}"`);
    expect(match('新版本')).toEqual(like('新版本'));
    expect(match('新版本')).toHaveLength(expected.length);
    expect(match('旧版本')).toEqual(like('旧版本'));
    expect(match('旧版本')).toHaveLength(n - expected.length);
    expect(db.prepare('SELECT count(*) FROM notes_fts').pluck().get()).toBe(n);
    // The trigger is back for the next single edit.
    expect(
      db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'notes_fts_update'").pluck().get(),
    ).toBe(1);
  });
});
