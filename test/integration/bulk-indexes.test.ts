/**
 * withIndexesDropped (core/store/bulk-indexes.ts), which a large sync merge writes its card
 * rows under: the indexes it drops come back with the same definitions, the same entries as
 * indexes maintained row by row, and their ANALYZE statistics; a failure rolls back to the
 * indexes as they were.
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
});
