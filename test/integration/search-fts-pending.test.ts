/**
 * A large compile leaves its new notes out of the full-text index (fts-pending.ts): the first
 * text search catches the index up and finds them, notes changed meanwhile are indexed once
 * with their current text, a read-only collection searches without the index, and the app
 * catches up on its own once the screen is idle.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../core/app/open-app.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { type Mnemo, openMnemo } from '../../core/index.ts';
import { unindexedFrom } from '../../core/store/fts-pending.ts';
import { BULK_NOTES } from '../../core/store/summaries.ts';
import { seededRandom, tempDir } from '../helpers/collection.ts';

const WORDS = ['容器', '宿主机', '网络模式', '网桥', 'Docker', 'bridge', 'overlay2', 'Quick Brown'];

/** A deck folder of `n` one-line cards (three files), their text drawn from WORDS. */
function deckFolder(n: number): string {
  const rand = seededRandom(31);
  const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const dir = tempDir();
  const per = Math.ceil(n / 3);
  for (let f = 0; f < 3; f++) {
    const cards = Array.from(
      { length: Math.min(per, n - f * per) },
      (_, k) => `${pick()} ${pick()}的${pick()}？ #${f * per + k} :: ${pick()}`,
    );
    writeFileSync(join(dir, `f${f}.md`), `---\ndeck: 网络\n---\n${cards.join('\n\n')}\n`);
  }
  return dir;
}

/** The notes whose text holds `text` (any case for ASCII): what the index must name. */
function notesWith(m: Mnemo, text: string): number[] {
  return m.col.db
    .prepare(
      `SELECT id FROM notes WHERE (SELECT group_concat(value, char(10)) FROM json_each(fields) WHERE type = 'text')
       LIKE ? ORDER BY id`,
    )
    .pluck()
    .all(`%${text}%`) as number[];
}

/** The notes the index names for `text`, as stored (a note indexed twice would be named twice). */
function indexed(m: Mnemo, text: string): number[] {
  return m.col.db
    .prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(`"${text}"`) as number[];
}

/** Every card the API finds for `text`, with the cards the LIKE over the notes says it must. */
function search(m: Mnemo, text: string): { found: number[]; expected: number[] } {
  const found: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = m.api.cards.search({ text, limit: 500, offset });
    found.push(...page.cards.map((c) => c.id));
    if (page.cards.length < 500) break;
  }
  const expected = m.col.db
    .prepare(
      `SELECT c.id FROM cards c WHERE c.retired = 0 AND c.note_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
    )
    .pluck()
    .all(JSON.stringify(notesWith(m, text))) as number[];
  return { found: found.sort((a, b) => a - b), expected };
}

describe('a large compile indexes its notes for search after it returns', () => {
  it('the first text search catches up, with the notes changed meanwhile indexed once as they are now', () => {
    const dataDir = tempDir();
    const m = openMnemo({ dataDir });
    const dir = deckFolder(BULK_NOTES + 400);
    expect(compileDecks(m.col, [dir]).totals.added).toBe(BULK_NOTES + 400);
    // Left for later: nothing of it is in the index yet.
    expect(unindexedFrom(m.col.db)).toBe(1);
    expect(indexed(m, '宿主机')).toEqual([]);
    expect(notesWith(m, '宿主机').length).toBeGreaterThan(100);
    // Before any search: one note's text changed (its update trigger runs), one deleted, one added.
    const first = m.api.cards.search({ text: '#1', limit: 1 }).cards; // 2 characters: no index needed
    expect(unindexedFrom(m.col.db)).toBe(1);
    m.col.db
      .prepare('UPDATE notes SET fields = ? WHERE id = ?')
      .run('{"front":"改过的卡片 zyxwv","back":"答"}', m.col.card(first[0]!.id)!.note_id);
    const gone = m.col.db.prepare("SELECT id FROM notes WHERE json_extract(fields, '$.front') LIKE '%？ #2'");
    expect(m.col.db.prepare('DELETE FROM notes WHERE id = ?').run(gone.pluck().get()).changes).toBe(1);
    const deckId = m.api.decks.create({ name: '后来' }).id;
    m.api.notes.add({ deckId, kind: 'basic', fields: { front: '后来加的卡片 qwxyz', back: '宿主机' } });

    for (const text of ['宿主机', '网络模式的', 'docker', 'Quick brown', 'zyxwv', 'qwxyz']) {
      const { found, expected } = search(m, text);
      expect(found, text).toEqual(expected);
      expect(indexed(m, text), text).toEqual(notesWith(m, text));
    }
    expect(search(m, 'zyxwv').found).toHaveLength(1);
    expect(gone.pluck().get()).toBeUndefined();
    expect(unindexedFrom(m.col.db)).toBeNull();
    // The index has every note once: as many rows as notes.
    expect(m.col.db.prepare('SELECT count(*) FROM notes_fts_docsize').pluck().get()).toBe(
      m.col.db.prepare('SELECT count(*) FROM notes').pluck().get(),
    );
    m.close();
  });

  it('a read-only collection searches without the index, and finds the same cards', () => {
    const dataDir = tempDir();
    const m = openMnemo({ dataDir });
    compileDecks(m.col, [deckFolder(BULK_NOTES + 10)]);
    m.close();
    const ro = openMnemo({ dataDir, readonly: true });
    for (const text of ['宿主机', 'bridge', '网桥的']) {
      const { found, expected } = search(ro, text);
      expect(found.length, text).toBeGreaterThan(0);
      expect(found, text).toEqual(expected);
    }
    expect(unindexedFrom(ro.col.db)).toBe(1); // still left for a writer
    ro.close();
  });

  it('the app catches the index up once the screen is idle, before any search', async () => {
    const dataDir = tempDir();
    const m = openMnemo({ dataDir });
    compileDecks(m.col, [deckFolder(BULK_NOTES + 10)]);
    m.close();
    const app = openApp(dataDir, '', { quietMs: 0, maxAfterScreenMs: 0, startDelayMs: 0 });
    try {
      await app.bundledUpdate;
      await expect.poll(() => unindexedFrom(app.mnemo.col.db)).toBeNull();
      expect(indexed(app.mnemo, '宿主机').length).toBeGreaterThan(100);
      expect(indexed(app.mnemo, '宿主机')).toEqual(notesWith(app.mnemo, '宿主机'));
    } finally {
      await app.stop();
    }
  });
});
