/**
 * The floor printed beside the `.apkg` import: the same work done plainly on one thread.
 * The package's collection inflated with zlib and opened in memory, its rows read with
 * better-sqlite3, each card's review log replayed through ts-fsrs (default parameters,
 * each state written as JSON), and the notes, cards and review rows inserted into a fresh
 * Mnemo collection in one transaction, loaded as Mnemo loads it in bulk (the non-unique
 * indexes dropped and rebuilt, a 64 MiB page cache).
 */

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { type Card, createEmptyCard, fsrs, type Grade } from 'ts-fsrs';
import { fsrsValues } from '../core/import/replay/steps.ts';
import { openMnemo } from '../core/index.ts';

const columns = (c: Card) => ({
  due: c.due.getTime(),
  stability: c.stability,
  difficulty: c.difficulty,
  elapsed_days: c.elapsed_days,
  scheduled_days: c.scheduled_days,
  learning_steps: c.learning_steps,
  reps: c.reps,
  lapses: c.lapses,
  state: c.state,
  last_review: c.last_review ? c.last_review.getTime() : null,
});

/** Milliseconds for the floor; `member` is the package's deflated collection.anki2. */
export function importFloor(member: Buffer, dataDir: string, now: number): number {
  const m = openMnemo({ dataDir, clock: () => now });
  const deck = m.api.decks.create({ name: 'Floor' }).id;
  const db = m.col.db;
  const t = performance.now();
  const anki = new Database(zlib.inflateRawSync(member));
  const revlog = anki
    .prepare('SELECT cid, id, ease, time, type FROM revlog ORDER BY cid, id')
    .raw()
    .all() as number[][];
  const cards = anki.prepare('SELECT id, nid, ord FROM cards ORDER BY nid, ord').raw().all() as number[][];
  const notes = anki.prepare('SELECT id, guid, flds, tags FROM notes ORDER BY id').raw().all() as [
    number,
    string,
    string,
    string,
  ][];
  anki.close();
  const f = fsrs();
  const insertNote = db.prepare(
    `INSERT INTO notes (guid, kind, fields, tags, created_at, modified_at) VALUES (?, 'basic', ?, ?, ?, ?)`,
  );
  const insertCard = db.prepare(
    `INSERT INTO cards (id, note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days,
       learning_steps, reps, lapses, state, last_review, new_position, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLog = db.prepare(
    `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
     VALUES (?, ?, ?, ?, 'review', ?, ?, ?, ?, ?)`,
  );
  db.pragma('cache_size = -65536');
  db.transaction(() => {
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('notes', 'cards', 'review_log')
         AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'`,
      )
      .all() as { name: string; sql: string }[];
    for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
    const noteIds = new Map<number, number>();
    for (const [id, guid, flds, tags] of notes) {
      const [front, back] = flds.split('\x1f');
      noteIds.set(
        id,
        Number(insertNote.run(guid, JSON.stringify({ front, back }), tags.trim(), id, id).lastInsertRowid),
      );
    }
    let r = 0;
    let cardId = 0;
    for (const [ankiId, nid, ord] of cards) {
      while (r < revlog.length && revlog[r]![0]! < ankiId!) r++;
      const start = r;
      let card = createEmptyCard(new Date(ankiId!));
      const states: string[] = [JSON.stringify(columns(card))];
      const stateBefore: number[] = [];
      for (; r < revlog.length && revlog[r]![0] === ankiId; r++) {
        stateBefore.push(card.state);
        card = f.next(card, new Date(revlog[r]![1]!), Math.min(4, Math.max(1, revlog[r]![2]!)) as Grade).card;
        states.push(JSON.stringify(columns(card)));
      }
      const s = columns(card);
      cardId++;
      insertCard.run(cardId, noteIds.get(nid!)!, deck, ord, ...fsrsValues(s), cardId, ankiId, ankiId);
      for (let i = start; i < r; i++) {
        const row = revlog[i]!;
        const k = i - start;
        insertLog.run(
          randomUUID(),
          cardId,
          deck,
          Math.min(4, Math.max(1, row[2]!)),
          stateBefore[k],
          row[1],
          row[3],
          states[k],
          states[k + 1],
        );
      }
    }
    for (const { sql } of indexes) db.exec(sql);
  })();
  const ms = performance.now() - t;
  m.close();
  return ms;
}
