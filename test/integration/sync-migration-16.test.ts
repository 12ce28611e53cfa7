/**
 * Migration 16 on a collection that already synced (schema 15): each card's head gets its
 * event's place in replay order from sync_events (a head whose event is gone gets none, and a
 * merge then reads it as no head: the card is replayed in full), the log rows carry no event
 * (every event of that collection is in sync_events), and a log row that carries one leaves
 * it in sync_events when deleted (core/sync/log-events.ts).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { collectionPath, openMnemo } from '../../core/index.ts';
import { MIGRATIONS } from '../../core/store/migrations.ts';
import { readHeads, tableObjects } from '../../core/sync/batch-reads.ts';
import { tempDir } from '../helpers/collection.ts';

const T0 = Date.parse('2026-11-01T10:00:00+08:00');
const DEV = 'a1a1a1a1a1a1a1a1';

/** A collection at schema 15 with two cards, an answer on each, their events and heads (one head's event lost). */
function syncedAt15(): string {
  const dir = tempDir();
  const db = new Database(collectionPath(dir));
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
  for (const sql of MIGRATIONS.slice(0, 15)) db.exec(sql);
  db.prepare('INSERT INTO schema_version VALUES (1, 15)').run();
  db.exec(`INSERT INTO presets (id, name, modified_at) VALUES (1, 'Default', 0);
    INSERT INTO decks (id, name, preset_id, created_at) VALUES (1, 'Old', 1, 0);
    INSERT INTO notes (id, guid, kind, fields, created_at, modified_at) VALUES (1, 'g', 'basic', '{"front":"f","back":"b"}', 0, 0);
    INSERT INTO cards (id, note_id, deck_id, ord, due, created_at, modified_at) VALUES (1, 1, 1, 0, 0, 0, 0), (2, 1, 1, 1, 0, 0, 0);`);
  const log = db.prepare(
    `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
     VALUES (?, ?, 1, 3, 'learning', 0, ?, 4000, '{}', '{}')`,
  );
  log.run('e1', 1, T0);
  log.run('e2', 2, T0 + 1000);
  db.prepare(
    `INSERT INTO sync_events (id, dev, at, n, card, type, rating, ms, merged) VALUES ('e1', ?, ?, 7, 'g:g/0', 'answer', 3, 4000, 1)`,
  ).run(DEV, T0);
  db.exec(`INSERT INTO sync_heads (card, event, logs) VALUES ('g:g/0', 'e1', 1), ('g:g/1', 'gone', 1)`);
  db.close();
  return dir;
}

describe('migration 16: heads with their place, answers stored once', () => {
  it('places each head whose event is stored, and leaves the log rows without events', () => {
    const m = openMnemo({ dataDir: syncedAt15(), clock: () => T0 + 60_000 });
    try {
      const db = m.col.db;
      expect(db.prepare('SELECT version FROM schema_version').pluck().get()).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT card, event, logs, at, dev, n FROM sync_heads ORDER BY card').all()).toEqual([
        { card: 'g:g/0', event: 'e1', logs: 1, at: T0, dev: DEV, n: 7 },
        { card: 'g:g/1', event: 'gone', logs: 1, at: null, dev: null, n: null },
      ]);
      // A merge reads the placed head only; the other card counts as having none.
      const heads = tableObjects<{ card: string; later: number }>(readHeads(db, ['g:g/0', 'g:g/1']).heads);
      expect(heads.map((h) => [h.card, h.later])).toEqual([['g:g/0', 0]]);
      expect(
        db
          .prepare('SELECT count(*) FROM review_log WHERE sync_dev IS NOT NULL OR sync_card IS NOT NULL')
          .pluck()
          .get(),
      ).toBe(0);

      // A log row carrying another device's answer, then deleted: the answer stays an event.
      db.prepare(
        `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after,
           sync_dev, sync_n, sync_card)
         VALUES ('r1', 2, 1, 0, 'manual', 2, ?, 0, '{}', '{}', 'b0b0b0b0b0b0b0b0', 3, 'g:g/1')`,
      ).run(T0 + 2000);
      db.prepare("DELETE FROM review_log WHERE id = 'r1'").run();
      expect(db.prepare("SELECT * FROM sync_events WHERE id = 'r1'").get()).toMatchObject({
        dev: 'b0b0b0b0b0b0b0b0',
        at: T0 + 2000,
        n: 3,
        card: 'g:g/1',
        type: 'reset',
        rating: null,
        ms: null,
        outbox: 0,
        merged: 1,
      });
    } finally {
      m.close();
    }
  });
});
