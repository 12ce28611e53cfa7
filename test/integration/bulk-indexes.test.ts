/**
 * withIndexesDropped (core/store/bulk-indexes.ts), which a large sync merge writes its card
 * rows under: the indexes it drops come back with the same definitions, the same entries as
 * indexes maintained row by row, and their ANALYZE statistics; a failure rolls back to the
 * indexes as they were. With `sort` (a bulk import's: small sorted runs, a helper thread) the
 * indexes are built from runs spilled to temporary files and merged, and the connection's page
 * cache and thread setting are given back afterwards, even when a build fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { withIndexesDropped } from '../../core/store/bulk-indexes.ts';
import type { Db } from '../../core/store/db.ts';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

const schema = (db: Db) =>
  db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name = 'cards' ORDER BY name")
    .all();
const stats = (db: Db) =>
  db.prepare("SELECT * FROM sqlite_stat1 WHERE tbl = 'cards' ORDER BY idx").raw().all();
/** What an index holds, read through it. */
const byStability = (db: Db) =>
  db.prepare('SELECT id, stability, due FROM cards INDEXED BY cards_stability WHERE state <> 0').raw().all();

function collection() {
  const m = tempMnemo();
  open.push(m);
  const deck = m.api.decks.create({ name: 'D' }).id;
  addBasicCards(m, deck, 40);
  m.col.db.exec('ANALYZE');
  return m;
}

const update = (db: Db) =>
  db.prepare('UPDATE cards SET state = 2, stability = id * 1.5, due = 1000000 - id WHERE id % 3 <> 0').run()
    .changes;

describe('withIndexesDropped', () => {
  it('builds the touched indexes again as they were defined, with the rows as updated and their statistics', () => {
    const a = collection();
    const b = collection();
    const before = schema(a.col.db);
    const stat = stats(a.col.db);
    expect(stat.length).toBeGreaterThan(3);
    const dropped: string[] = [];
    const changed = a.col.tx(() =>
      withIndexesDropped(a.col.db, { tables: ['cards'], columns: ['state', 'stability', 'due'] }, () => {
        dropped.push(
          ...(before as { name: string }[])
            .map((r) => r.name)
            .filter(
              (n) =>
                !a.col.db.prepare("SELECT 1 FROM sqlite_master WHERE name = ? AND type = 'index'").get(n),
            ),
        );
        return update(a.col.db);
      }),
    );
    expect(changed).toBe(27);
    // The stability index was dropped during the update; the deck index (deck, retired) was not.
    expect(dropped).toContain('cards_stability');
    expect(dropped).not.toContain('cards_deck');
    expect(schema(a.col.db)).toEqual(before);
    expect(stats(a.col.db)).toEqual(stat);
    b.col.tx(() => update(b.col.db));
    expect(byStability(a.col.db)).toEqual(byStability(b.col.db));
    expect(byStability(a.col.db)).toHaveLength(27);
    expect(a.col.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps the indexes named in `keep` in place, kept up to date row by row', () => {
    const m = collection();
    const live: boolean[] = [];
    const has = (name: string) =>
      m.col.db.prepare("SELECT 1 FROM sqlite_master WHERE name = ? AND type = 'index'").get(name) !==
      undefined;
    m.col.tx(() =>
      withIndexesDropped(m.col.db, { tables: ['cards'], keep: ['cards_stability'] }, () => {
        live.push(has('cards_stability'), has('cards_due'));
        return update(m.col.db);
      }),
    );
    expect(live).toEqual([true, false]);
    expect(byStability(m.col.db)).toHaveLength(27);
    expect(m.col.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leaves the indexes as they were when the work fails', () => {
    const m = collection();
    const before = schema(m.col.db);
    const stat = stats(m.col.db);
    expect(() =>
      m.col.tx(() =>
        withIndexesDropped(m.col.db, { tables: ['cards'], columns: ['due'] }, () => {
          update(m.col.db);
          throw new Error('midway');
        }),
      ),
    ).toThrow('midway');
    expect(schema(m.col.db)).toEqual(before);
    expect(stats(m.col.db)).toEqual(stat);
    expect(byStability(m.col.db).every((r) => (r as number[])[1] !== (r as number[])[0]! * 1.5)).toBe(true);
  });

  /** A table whose index keys (about 3 MB) are more than one sorted run of the smallest cache. */
  function bigTable(db: Db) {
    db.exec('CREATE TABLE t (k TEXT NOT NULL, n INTEGER NOT NULL); CREATE INDEX t_k ON t(k, n);');
    db.exec('CREATE UNIQUE INDEX t_n ON t(n)');
    const settings = () => [
      db.pragma('cache_size', { simple: true }),
      db.pragma('threads', { simple: true }),
    ];
    const fill = (rows: number, repeat: boolean) => {
      const insert = db.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
      // Keys in no particular order (a multiplicative hash of the row number), 48 characters each.
      for (let i = 0; i < rows; i++)
        insert.run(
          `${((i * 2654435761) % 4294967296).toString(16).padStart(8, '0')}${'x'.repeat(40)}`,
          repeat && i === rows - 1 ? 0 : i,
        );
    };
    return { settings, fill };
  }
  const sort = { cacheKib: 64, threads: 1 };

  it('with small sorted runs and a helper thread, builds the same index and gives the settings back', () => {
    const m = collection();
    const db = m.col.db;
    const { settings, fill } = bigTable(db);
    const before = settings();
    m.col.tx(() => withIndexesDropped(db, { tables: ['t'], unique: ['t_n'] }, () => fill(60_000, false)));
    const keys = db.prepare('SELECT k, n FROM t INDEXED BY t_k ORDER BY k, n').raw().all();
    // Rebuilt with the sort settings: the same entries, in the same order, as a plain build.
    db.exec('DELETE FROM t');
    let during: unknown[] = [];
    m.col.tx(() =>
      withIndexesDropped(db, { tables: ['t'], unique: ['t_n'], sort }, () => {
        fill(60_000, false);
        during = settings();
      }),
    );
    expect(during).toEqual(before); // the sort settings are for the rebuild only
    expect(settings()).toEqual(before);
    const sorted = db.prepare('SELECT k, n FROM t INDEXED BY t_k ORDER BY k, n').raw().all();
    expect(sorted).toHaveLength(60_000);
    expect(sorted).toEqual(keys);
    expect(db.prepare("SELECT count(*) FROM pragma_index_list('t')").pluck().get()).toBe(2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('gives the settings back when a UNIQUE index cannot be built again', () => {
    const m = collection();
    const db = m.col.db;
    const { settings, fill } = bigTable(db);
    const before = settings();
    expect(() =>
      m.col.tx(() =>
        withIndexesDropped(
          db,
          {
            tables: ['t'],
            unique: ['t_n'],
            sort,
            rebuildFailed: (name) => new Error(`${name} has a repeat`),
          },
          () => fill(30_000, true),
        ),
      ),
    ).toThrow('t_n has a repeat');
    expect(settings()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM pragma_index_list('t')").pluck().get()).toBe(2);
  });
});
