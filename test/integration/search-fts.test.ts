/**
 * Browse's text search through the trigram full-text index (migration 7) finds exactly what
 * the LIKE search before it found, in Chinese and English, page by page; the index follows
 * every way a note's text changes; the migration fills it for an existing collection.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { COUNT_AHEAD } from '../../core/cards/search.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { type Mnemo, openMnemo } from '../../core/index.ts';
import { MIGRATIONS } from '../../core/store/migrations.ts';
import { seededRandom, tempDir, tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;

/** The search as it was before the index, verbatim: LIKE over the note's JSON, every match sorted. */
function likeSearch(m: Mnemo, text: string): number[] {
  const pattern = `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return m.col.db
    .prepare(
      `SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id
       WHERE c.retired = 0 AND n.fields LIKE ? ESCAPE '\\' ORDER BY c.due, c.id`,
    )
    .pluck()
    .all(pattern) as number[];
}

/** Every match through the API, a page of `limit` at a time, with the totals each page gave. */
function apiSearch(m: Mnemo, text: string, limit = 7): { ids: number[]; totals: number[] } {
  const ids: number[] = [];
  const totals: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = m.api.cards.search({ text, limit, offset });
    expect(page.totalExact).toBe(true);
    totals.push(page.total);
    ids.push(...page.cards.map((c) => c.id));
    if (page.cards.length < limit) return { ids, totals };
  }
}

const WORDS = [
  '容器',
  '宿主机',
  '网络模式',
  '网桥',
  '默认子网',
  'Docker',
  'docker0',
  'bridge',
  'MASQUERADE',
  'network namespace',
  'Quick Brown',
  '100%',
  'done_x',
  '镜像层',
  'overlay2',
];

/** 90 notes of every kind over two decks, their text drawn from Chinese and English words. */
function fixture(): { m: Mnemo; cardIds: number[] } {
  const m = tempMnemo();
  const rand = seededRandom(13);
  const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const phrase = () => `${pick()} ${pick()}的${pick()}`;
  const a = m.api.decks.create({ name: '网络' }).id;
  const b = m.api.decks.create({ name: '网络::Docker' }).id;
  const cardIds: number[] = [];
  for (let i = 0; i < 90; i++) {
    const deckId = i % 2 ? a : b;
    const kind = (['basic', 'reversed', 'cloze'] as const)[i % 3]!;
    const fields =
      kind === 'cloze'
        ? { text: `${phrase()} 是 {{c1::${pick()}}}，还有 {{c2::${pick()}}}`, extra: phrase() }
        : { front: `${phrase()}？ #${i}`, back: phrase() };
    cardIds.push(...m.api.notes.add({ deckId, kind, fields }).cardIds);
  }
  // Due dates spread out, so the order (due, then id) is not the order of insertion.
  for (const [i, id] of cardIds.entries()) {
    if (i % 4 === 0) m.api.review.answer({ cardId: id, rating: Rating.Good, durationMs: 1 });
    if (i % 5 === 0) m.api.review.answer({ cardId: id, rating: Rating.Easy, durationMs: 1 });
    m.clock.advance(60_000);
  }
  return { m, cardIds };
}

const QUERIES = [
  '网', // 1 character: checked note by note
  '网络', // 2 characters
  'do', // 2 Latin characters, either case
  '宿主机',
  '机的网',
  '网络模式的',
  'docker',
  'DOCKER0',
  'ridge',
  'masquerade',
  'Quick brown',
  'k Br',
  '100%',
  '0% d',
  'done_x',
  'e_x',
  '？ #1',
  '#42',
  'not there at all',
  '不存在的词',
];

describe('Browse text search through the trigram index', () => {
  it('finds what the LIKE search found, in the same order and with the same totals, on every page', () => {
    const { m } = fixture();
    for (const q of QUERIES) {
      const want = likeSearch(m, q);
      const got = apiSearch(m, q);
      expect(got.ids, q).toEqual(want);
      for (const total of got.totals) expect(total, q).toBe(want.length);
    }
    // The fixture exercises both paths with real matches.
    expect(likeSearch(m, '网').length).toBeGreaterThan(20);
    expect(likeSearch(m, '宿主机').length).toBeGreaterThan(5);
    expect(likeSearch(m, 'masquerade').length).toBeGreaterThan(5);
    m.close();
  });

  it('combines with the other filters, and counts only so far past the page', () => {
    const { m, cardIds } = fixture();
    const deck = m.col.db.prepare("SELECT id FROM decks WHERE name = '网络::Docker'").pluck().get() as number;
    const inDeck = m.api.cards.search({ text: '宿主机', deckId: deck, limit: 500 }).cards;
    const all = m.api.cards.search({ text: '宿主机', limit: 500 }).cards;
    expect(inDeck.length).toBeGreaterThan(0);
    expect(inDeck.length).toBeLessThan(all.length);
    expect(inDeck.map((c) => c.id)).toEqual(
      all.filter((c) => c.deckName === '网络::Docker').map((c) => c.id),
    );
    const review = m.api.cards.search({ text: 'docker', state: 'review', limit: 500 }).cards;
    expect(review.length).toBeGreaterThan(0);
    expect(review.every((c) => c.state === 'review')).toBe(true);
    // Without filters the total is exact, from the kept deck totals.
    expect(m.api.cards.search({ limit: 5 })).toMatchObject({ total: cardIds.length, totalExact: true });
    m.close();
  });

  it('stops counting COUNT_AHEAD matches past the page and says so', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const insert = m.col.db.prepare(
      `INSERT INTO notes (guid, kind, fields, created_at, modified_at) VALUES (?, 'basic', ?, 0, 0) RETURNING id`,
    );
    const card = m.col.db.prepare(
      'INSERT INTO cards (note_id, deck_id, ord, due, created_at, modified_at) VALUES (?, ?, 0, ?, 0, 0)',
    );
    m.col.tx(() => {
      for (let i = 0; i < COUNT_AHEAD + 80; i++) {
        const { id } = insert.get(`g${i}`, JSON.stringify({ front: `共同的词 ${i}`, back: 'x' })) as {
          id: number;
        };
        card.run(id, deckId, i);
      }
    });
    // Text of 3 characters or more: the cards of the notes the index names ("of about").
    const first = m.api.cards.search({ text: '共同的词', limit: 50 });
    expect(first).toMatchObject({ total: COUNT_AHEAD + 80, totalExact: false, count: 'about' });
    expect(first.cards.map((c) => c.front)).toEqual(Array.from({ length: 50 }, (_, i) => `共同的词 ${i}`));
    const last = m.api.cards.search({ text: '共同的词', limit: 50, offset: 1050 });
    // Within the count ahead of the page, every match is counted.
    expect(last).toMatchObject({ total: COUNT_AHEAD + 80, totalExact: true, count: 'exact' });
    expect(last.cards).toHaveLength(30);
    // Short text, due range and state filters count the same way.
    expect(m.api.cards.search({ text: '词', limit: 50 })).toMatchObject({ total: 1050, count: 'atLeast' });
    expect(m.api.cards.search({ state: 'new', limit: 50 })).toMatchObject({ total: 1050, totalExact: false });
    expect(m.api.cards.search({ deckId, limit: 50 })).toMatchObject({ total: 1080, totalExact: true });
    m.close();
  });

  it('matches the text of the fields, not the JSON around it', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    m.api.notes.add({ deckId, kind: 'basic', fields: { front: 'say "hi" to me', back: 'c:\\temp' } });
    m.api.notes.add({ deckId, kind: 'cloze', fields: { text: 'the {{c1::front}} line' } });
    // The LIKE over JSON found every note for a key name and none for a quote.
    expect(likeSearch(m, 'back')).toHaveLength(1);
    expect(m.api.cards.search({ text: 'back' }).total).toBe(0);
    expect(m.api.cards.search({ text: 'front' }).total).toBe(1);
    expect(m.api.cards.search({ text: 'ck' }).total).toBe(0);
    expect(m.api.cards.search({ text: '"hi"' }).total).toBe(1);
    expect(m.api.cards.search({ text: 'c:\\te' }).total).toBe(1);
    expect(m.api.cards.search({ text: '"' }).total).toBe(1);
    m.close();
  });
});

describe('the full-text index follows the notes', () => {
  const found = (m: Mnemo, text: string) => m.api.cards.search({ text, limit: 500 }).cards.map((c) => c.id);

  it('after an edit in the app, a recompiled file, an import-style update and a deleted note', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'net.md');
    writeFileSync(file, '---\ndeck: 网络\n---\n宿主机的网桥::docker0\n\n镜像层::overlay2\n');
    compileDecks(m.col, [dir]);
    const [bridge, layer] = found(m, '宿主机').concat(found(m, '镜像层'));
    expect(found(m, '宿主机')).toEqual([bridge]);
    writeFileSync(file, '---\ndeck: 网络\n---\n宿主机的网桥::br-1234\n\n镜像层::overlay2\n');
    compileDecks(m.col, [dir]);
    expect(found(m, 'docker0')).toEqual([]);
    expect(found(m, 'br-1234')).toEqual([bridge]);
    // A note stored without a file, edited in the app.
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const { cardIds } = m.api.notes.add({
      deckId,
      kind: 'basic',
      fields: { front: '命名空间', back: 'namespace' },
    });
    m.api.notes.edit({ cardId: cardIds[0]!, fields: { front: '网络命名空间', back: 'netns' } });
    expect(found(m, '网络命名')).toEqual(cardIds);
    expect(found(m, 'namespace')).toEqual([]);
    // A direct UPDATE of the fields (as the importer's) and a DELETE (cascading to the cards).
    const noteOf = (cardId: number) => m.col.card(cardId)!.note_id;
    m.col.db
      .prepare('UPDATE notes SET fields = ? WHERE id = ?')
      .run('{"front":"联合文件系统","back":"x"}', noteOf(layer!));
    expect(found(m, '镜像层')).toEqual([]);
    expect(found(m, '联合文件')).toEqual([layer]);
    m.col.db.prepare('DELETE FROM notes WHERE id = ?').run(noteOf(bridge!));
    expect(found(m, '宿主机')).toEqual([]);
    expect(
      m.col.db.prepare('SELECT count(*) FROM notes_fts WHERE notes_fts MATCH \'"宿主机"\'').pluck().get(),
    ).toBe(0);
    m.close();
  });

  it('is filled by the migration for a collection made before it, with the other kept totals', () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'collection.sqlite'));
    db.exec('CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
    for (const sql of MIGRATIONS.slice(0, 4)) db.exec(sql);
    db.exec('INSERT INTO schema_version VALUES (1, 4)');
    const t = Date.parse('2026-11-20T10:00:00Z');
    db.prepare("INSERT INTO presets (id, name, modified_at) VALUES (1, 'Default', 0)").run();
    db.prepare(
      "INSERT INTO decks (id, name, preset_id, created_at) VALUES (1, 'A', 1, 0), (2, 'A::B', 1, 0)",
    ).run();
    db.prepare('UPDATE decks SET parent_id = 1 WHERE id = 2').run();
    const note = db.prepare(
      "INSERT INTO notes (guid, kind, fields, created_at, modified_at) VALUES (?, 'basic', ?, 0, 0) RETURNING id",
    );
    const card = db.prepare(
      'INSERT INTO cards (note_id, deck_id, ord, due, retired, created_at, modified_at) VALUES (?, ?, 0, 0, ?, 0, 0) RETURNING id',
    );
    const log = db.prepare(
      `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
       VALUES (?, ?, 1, 3, 'review', 2, ?, ?, '{}', '{}')`,
    );
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { id } = note.get(`g${i}`, JSON.stringify({ front: `旧的卡片 ${i}`, back: 'Old card' })) as {
        id: number;
      };
      ids.push((card.get(id, i < 4 ? 1 : 2, i === 5 ? 1 : 0) as { id: number }).id);
    }
    // Three answers in one quarter hour, one in the next, one a day earlier.
    for (const [i, at] of [t, t + 60_000, t + 14 * 60_000, t + 15 * 60_000, t - DAY].entries()) {
      log.run(`r${i}`, ids[i % 3]!, at, 1000 * (i + 1));
    }
    db.close();
    const m = openMnemo({ dataDir: dir, clock: () => t + 3600_000 });
    expect(m.api.cards.search({ text: '旧的卡片' }).cards).toHaveLength(5); // the retired one hidden
    expect(m.api.cards.search({ text: 'old card' }).total).toBe(5);
    expect(
      m.col.db.prepare('SELECT bucket, reviews, duration_ms FROM review_buckets ORDER BY bucket').raw().all(),
    ).toEqual([
      [(t - DAY) / 900_000, 1, 5000],
      [t / 900_000, 3, 6000],
      [t / 900_000 + 1, 1, 4000],
    ]);
    const decks = m.api.decks.list().decks.map((d) => [d.name, d.totalCards]);
    expect(decks).toEqual([
      ['A', 5],
      ['A::B', 1],
    ]);
    m.close();
  });
});

describe('a large compile', () => {
  it('indexes its new notes once at the end: searches, counts and the triggers as after small compiles', () => {
    const rand = seededRandom(29);
    const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
    const lines = (from: number, to: number) =>
      Array.from(
        { length: to - from },
        (_, k) => `${pick()} ${pick()}的${pick()}？ #${from + k} :: ${pick()} ${pick()}`,
      )
        .join('\n\n')
        .concat('\n');
    // The same 2,400 notes: in one compile (past BULK_NOTES: indexed at the end), and in
    // three compiles of 800 (below it: a trigger per note).
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), lines(0, 800));
    writeFileSync(join(dir, 'b.md'), lines(800, 1600));
    writeFileSync(join(dir, 'c.md'), lines(1600, 2400));
    const bulk = tempMnemo();
    expect(compileDecks(bulk.col, [dir]).totals.added).toBe(2400);
    const small = tempMnemo();
    for (const f of ['a.md', 'b.md', 'c.md']) compileDecks(small.col, [join(dir, f)]);
    const kept = (m: Mnemo) => ({
      totals: m.col.db.prepare('SELECT deck_id, cards FROM deck_totals ORDER BY deck_id').all(),
      due: m.col.db.prepare('SELECT bucket, cards FROM due_counts WHERE cards <> 0 ORDER BY bucket').all(),
      triggers: m.col.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .pluck()
        .all(),
    });
    expect(kept(bulk)).toEqual(kept(small));
    expect(kept(bulk).totals).toEqual(
      bulk.col.db
        .prepare(
          'SELECT deck_id, count(*) AS cards FROM cards WHERE retired = 0 GROUP BY deck_id ORDER BY deck_id',
        )
        .all(),
    );
    for (const text of ['宿主机', '网络模式的', 'docker', 'Quick brown', '#1999 ']) {
      const found = apiSearch(bulk, text, 400).ids;
      expect(found.length, text).toBeGreaterThan(0);
      expect(found, text).toEqual(likeSearch(bulk, text));
      expect(found.length, text).toBe(apiSearch(small, text, 400).ids.length);
    }
    // The insert trigger is back: a note added afterwards is found.
    const deckId = bulk.api.decks.create({ name: '后来' }).id;
    bulk.api.notes.add({ deckId, kind: 'basic', fields: { front: '后来加的卡片 zyxwv', back: '答' } });
    expect(apiSearch(bulk, 'zyxwv').ids).toHaveLength(1);
    bulk.close();
    small.close();
  });
});
