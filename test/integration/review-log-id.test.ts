/**
 * Migration 13 rebuilds the review log so that its ids' uniqueness is a named index
 * (review_log_id) that a bulk import can drop and build again (core/import/bulk-load.ts).
 * Here: an older collection with answers keeps every row, count and trigger through it, the
 * index still refuses a repeated id and serves look-ups by id, and a bulk load that stored an
 * id twice fails with a message naming it and leaves the collection as it was. It also stores
 * the two before-state values the statistics index reads as columns (checked here as kept;
 * the Stats tests check what is read through it).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATER_INDEXES, withIndexesDeferred } from '../../core/import/bulk-load.ts';
import { collectionPath, openMnemo } from '../../core/index.ts';
import type { Db } from '../../core/store/db.ts';
import { buildPendingIndexes, pendingIndexNames } from '../../core/store/pending-indexes.ts';
import { checksum, tempMnemo, typedRows } from '../helpers/collection.ts';
import { collectionAtSchema } from '../helpers/old-collection.ts';

const T0 = Date.parse('2026-11-01T10:00:00+08:00');
const QUARTER = 900_000;

const INSERT = `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
  VALUES (?, ?, 1, ?, ?, 2, ?, ?, '{"scheduled_days":30,"last_review":0}', '{}')`;

/** A collection at schema 11 (before the rebuild) with two cards and answers in several quarter hours. */
function oldCollection(): string {
  const { dir, db } = collectionAtSchema(11);
  const insert = db.prepare(INSERT);
  // Three answers in one quarter hour, two in the next, one on the other card; kinds mixed.
  const rows: [string, number, number, string, number, number][] = [
    ['a', 1, 3, 'review', T0, 1000],
    ['b', 1, 1, 'review', T0 + 60_000, 2000],
    ['c', 2, 4, 'learning', T0 + 120_000, 3000],
    ['d', 1, 3, 'relearning', T0 + QUARTER, 4000],
    ['e', 2, 2, 'review', T0 + QUARTER + 1, 5000],
    ['f', 2, 3, 'cram', T0 + 40 * QUARTER, 6000],
  ];
  for (const r of rows) insert.run(...r);
  db.prepare('DELETE FROM review_log WHERE id = ?').run('b'); // a gap in seq, kept as it is
  db.close();
  return dir;
}

const logObjects = (db: Db) =>
  db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'review_log' ORDER BY type, name")
    .all();

/** The log's rows (the columns it had before migration 13) and its counts, with their SQLite types. */
const summaries = (db: Db): Record<string, unknown[]> => ({
  ...typedRows(db, { skip: /^(?!review_buckets$|deck_done$)/ }),
  log: db
    .prepare(
      `SELECT seq, id, typeof(id), card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms,
       before, after FROM review_log ORDER BY seq`,
    )
    .raw()
    .all(),
});

describe('the review log after migration 13', () => {
  it('keeps every row and count of an older collection and has the schema of a new one', () => {
    const dir = oldCollection();
    const old = new Database(collectionPath(dir));
    const before = summaries(old);
    old.close();
    expect(before.log).toHaveLength(5);
    expect(before.review_buckets!.length).toBe(3);

    const m = openMnemo({ dataDir: dir, clock: () => T0 });
    const db = m.col.db;
    expect(summaries(db)).toEqual(before);
    // The before-state's values the statistics index reads, stored beside it as columns.
    expect(
      db.prepare('SELECT DISTINCT before_scheduled_days, before_last_review FROM review_log').all(),
    ).toEqual([{ before_scheduled_days: 30, before_last_review: 0 }]);
    expect(logObjects(db)).toEqual(logObjects(tempMnemo(T0).col.db));
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_review_log%'").all(),
    ).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // Its triggers count new answers, and deleted ones, in their quarter hour.
    const bucket = (t: number) =>
      db
        .prepare('SELECT reviews, duration_ms FROM review_buckets WHERE bucket = ?')
        .get(Math.trunc(t / QUARTER));
    expect(bucket(T0)).toEqual({ reviews: 2, duration_ms: 4000 });
    db.prepare(INSERT).run('g', 1, 3, 'review', T0 + 5, 7000);
    db.prepare(INSERT).run('h', 2, 3, 'review', T0 + 6, 8000);
    expect(bucket(T0)).toEqual({ reviews: 4, duration_ms: 19000 });
    expect(
      db.prepare('SELECT new, review FROM deck_done WHERE bucket = ?').get(Math.trunc(T0 / QUARTER)),
    ).toEqual({ new: 0, review: 3 });
    db.prepare('DELETE FROM review_log WHERE id = ?').run('a');
    expect(bucket(T0)).toEqual({ reviews: 3, duration_ms: 18000 });
    // New rows go after the largest seq kept.
    expect(
      db.prepare("SELECT seq FROM review_log WHERE id IN ('g', 'h') ORDER BY seq").pluck().all(),
    ).toEqual([7, 8]);

    // The index refuses a repeated id, and serves look-ups and upserts by id.
    expect(() => db.prepare(INSERT).run('c', 1, 3, 'review', T0 + 9, 1)).toThrow(/UNIQUE constraint failed/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM review_log WHERE id = ?').all('c') as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/USING COVERING INDEX review_log_id/);
    db.prepare(`${INSERT} ON CONFLICT(id) DO UPDATE SET duration_ms = excluded.duration_ms`).run(
      'c',
      2,
      4,
      'learning',
      T0 + 120_000,
      3500,
    );
    expect(db.prepare("SELECT duration_ms FROM review_log WHERE id = 'c'").pluck().get()).toBe(3500);

    // Deleting a card still takes its answers with it.
    db.prepare('DELETE FROM cards WHERE id = 2').run();
    expect(db.prepare('SELECT id FROM review_log ORDER BY seq').pluck().all()).toEqual(['d', 'g']);
    m.close();
  });

  it('a bulk load that stores one review id twice fails naming it, and changes nothing', () => {
    const m = tempMnemo(T0);
    const db = m.col.db;
    m.api.decks.create({ name: 'Bulk' });
    const sum = checksum(db);
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    const load = (ids: string[]) =>
      m.col.tx(() =>
        withIndexesDeferred(m.col, () => {
          db.exec(`INSERT INTO notes (id, guid, kind, fields, created_at, modified_at) VALUES (1, 'g', 'basic', '{}', 0, 0);
            INSERT INTO cards (id, note_id, deck_id, ord, due, created_at, modified_at) VALUES (1, 1, 1, 0, 0, 0, 0);`);
          for (const [i, id] of ids.entries()) db.prepare(INSERT).run(id, 1, 3, 'review', T0 + i, 1);
          // While the load runs the index is gone: nothing refuses the repeat yet.
          expect(
            db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'review_log_id'").get(),
          ).toBeUndefined();
        }),
      );
    expect(() => load(['x', 'y', 'z', 'y'])).toThrow('review id "y" is given to two review rows');
    expect(checksum(db)).toBe(sum);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    // The same load with distinct ids stores its rows and builds the index again.
    load(['x', 'y', 'z']);
    expect(db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(3);
    // The Stats screen's and Browse's sort indexes wait to be built (pending-indexes.ts); built, the schema is as before.
    expect(pendingIndexNames(db)).toEqual([...LATER_INDEXES].sort());
    expect(buildPendingIndexes(db)).toBe(LATER_INDEXES.length);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    expect(db.prepare('SELECT reviews FROM review_buckets').pluck().all()).toEqual([3]);
    expect(() => db.prepare(INSERT).run('x', 1, 3, 'review', T0, 1)).toThrow(/UNIQUE constraint failed/);
    m.close();
  });
});
