import { describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { MIGRATIONS } from '../../core/store/migrations.ts';
import { readHeads, tableObjects } from '../../core/sync/batch-reads.ts';
import { collectionAtSchema } from '../helpers/old-collection.ts';

const T0 = Date.parse('2026-11-01T10:00:00+08:00');
const DEV = 'a1a1a1a1a1a1a1a1';

/** A collection at schema 15 with two cards, an answer on each, their events and heads (one head's event lost). */
function syncedAt15(): string {
  const { dir, db } = collectionAtSchema(15);
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
