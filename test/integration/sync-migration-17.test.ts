import { describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { MIGRATIONS } from '../../core/store/migrations.ts';
import { readHeads, tableObjects } from '../../core/sync/batch-reads.ts';
import { collectionAtSchema } from '../helpers/old-collection.ts';

const T0 = Date.parse('2026-11-01T10:00:00+08:00');
const DEV = 'a1a1a1a1a1a1a1a1';

describe('migration 17: heads keyed by identity alone', () => {
  it('keeps every head with its place, in a table without rowids, and a merge reads them as before', () => {
    const { dir, db } = collectionAtSchema(16);
    db.prepare(
      `INSERT INTO sync_events (id, dev, at, n, card, type, rating, ms, merged) VALUES ('e1', ?, ?, 7, 'g:g/0', 'answer', 3, 4000, 1)`,
    ).run(DEV, T0);
    db.prepare(
      `INSERT INTO sync_heads (card, event, logs, at, dev, n) VALUES ('g:g/0', 'e1', 1, ?, ?, 7), ('g:g/1', 'gone', 2, NULL, NULL, NULL)`,
    ).run(T0, DEV);
    db.close();
    const m = openMnemo({ dataDir: dir, clock: () => T0 + 60_000 });
    try {
      const c = m.col.db;
      expect(c.prepare('SELECT version FROM schema_version').pluck().get()).toBe(MIGRATIONS.length);
      expect(c.prepare('SELECT card, event, logs, at, dev, n FROM sync_heads ORDER BY card').all()).toEqual([
        { card: 'g:g/0', event: 'e1', logs: 1, at: T0, dev: DEV, n: 7 },
        { card: 'g:g/1', event: 'gone', logs: 2, at: null, dev: null, n: null },
      ]);
      // One b-tree: no rowid to select, no separate index for the key.
      expect(() => c.prepare('SELECT rowid FROM sync_heads').all()).toThrow(/rowid/);
      expect(
        c
          .prepare("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'sync_heads' AND type = 'index'")
          .pluck()
          .get(),
      ).toBe(0);
      const heads = tableObjects<{ card: string; event: string; later: number }>(
        readHeads(c, ['g:g/0', 'g:g/1']).heads,
      );
      expect(heads.map((h) => [h.card, h.event, h.later])).toEqual([['g:g/0', 'e1', 0]]);
      // Written as a merge writes it: the upsert on the identity.
      c.prepare(
        `INSERT INTO sync_heads (card, event, logs, at, dev, n) VALUES ('g:g/0', 'e2', 2, ?, ?, 8)
         ON CONFLICT(card) DO UPDATE SET event = excluded.event, logs = excluded.logs, at = excluded.at, dev = excluded.dev, n = excluded.n`,
      ).run(T0 + 1000, DEV);
      expect(c.prepare("SELECT event, logs, n FROM sync_heads WHERE card = 'g:g/0'").get()).toEqual({
        event: 'e2',
        logs: 2,
        n: 8,
      });
    } finally {
      m.close();
    }
  });
});
