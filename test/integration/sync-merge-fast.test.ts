/**
 * A merge steps a card on from its stored row when its new events all come after the ones
 * its row reflects, reads what it needs for all cards at once, and (from DEFER_FROM cards)
 * recounts the kept summaries once instead of by trigger, and (from WORKER_FROM cards) steps
 * them on the replay worker. None of that may change the outcome: the same merge on a copy of the collection whose cards have no heads (every card
 * then replayed from its whole history) must leave every row identical, with its types.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSE_INDEXES } from '../../core/cards/sort-indexes.ts';
import { collectionPath, type Mnemo, openMnemo } from '../../core/index.ts';
import { uuidv7 } from '../../core/review/uuid.ts';
import { buildPendingIndexes, pendingIndexNames } from '../../core/store/pending-indexes.ts';
import { rebuildSummaries } from '../../core/store/summaries.ts';
import { encodeEvent } from '../../core/sync/events.ts';
import { ROOT, segmentName } from '../../core/sync/folder.ts';
import { moveToEvents } from '../../core/sync/log-events.ts';
import { DEFER_FROM, merge, WORKER_FROM } from '../../core/sync/merge.ts';
import { readNew } from '../../core/sync/reader.ts';
import { recordPhases, takePhases } from '../../core/util/phases.ts';
import { tempDir, typedRows } from '../helpers/collection.ts';
import {
  type Device,
  deckTemplate,
  deliverAll,
  keptSummaries,
  makeDevice,
  START,
  writeDeck,
} from '../helpers/sync-devices.ts';

const DAY = 86_400_000;
const open: Mnemo[] = [];
afterEach(() => {
  for (const m of open.splice(0)) if (m.col.db.open) m.close();
});

const answer = (d: Device, n: number, rating: number) =>
  d.mnemo.api.review.answer({ cardId: d.card(n), rating: rating as 1 | 2 | 3 | 4, durationMs: 3000 + n });

/**
 * Device B reviews a third of the cards over three days (one card suspended, one answer
 * undone) and syncs; device A then answers every card (a few at times before B's answers,
 * one reset, one answer undone). Returns B (its data dir copied before it reads A's files).
 */
function scenario(cards: number) {
  const decks = writeDeck(tempDir(), cards);
  const template = deckTemplate(decks);
  const root = tempDir();
  const a = makeDevice(decks, join(root, 'a'), START, template);
  const bDir = tempDir();
  const b = makeDevice(decks, join(root, 'b'), START, template, bDir);
  open.push(a.mnemo);
  for (let day = 0; day < 3; day++) {
    b.clock.now = START + day * DAY;
    for (let i = 0; i < cards; i += 3) {
      b.clock.advance(20_000);
      answer(b, i, 1 + ((i + day) % 4));
    }
  }
  b.mnemo.api.cards.suspend({ cardIds: [b.card(3)] });
  answer(b, 6, 1);
  b.mnemo.api.review.undo();
  expect(b.sync().error).toBeNull();

  // A: cards 9 and 15 answered before B's last answers on them (replayed in full), then the rest.
  a.clock.now = START + 1.5 * DAY;
  answer(a, 9, 2);
  answer(a, 15, 4);
  a.clock.now = START + 3 * DAY;
  for (let i = 0; i < cards; i++) {
    a.clock.advance(15_000);
    answer(a, i, 1 + ((i * 7) % 4));
  }
  a.clock.advance(DAY);
  for (const i of [0, 4, 12]) answer(a, i, 3);
  a.mnemo.api.review.undo();
  a.mnemo.api.cards.reset({ cardIds: [a.card(1)] });
  expect(a.sync().error).toBeNull();
  deliverAll(a, b);
  // A third device's answers on cards this collection does not have (their deck not compiled
  // here): they wait, whether the worker or this thread found the cards.
  const at = b.clock.now - DAY;
  const other = join(b.folder, ROOT, 'c0c0c0c0c0c0c0c0');
  mkdirSync(other, { recursive: true });
  const lines = [0, 1, 2, 3, 4].map((i) =>
    encodeEvent({
      id: uuidv7(at + i),
      dev: 'c0c0c0c0c0c0c0c0',
      at: at + i,
      n: i + 1,
      card: `g:not-here-${i % 2}/0`,
      type: 'answer',
      rating: 3,
      ms: 1000,
    }),
  );
  writeFileSync(join(other, segmentName(at)), lines.join(''));

  const dev = b.mnemo.col.settings().syncDevice!.id;
  const now = b.clock.now;
  b.mnemo.close();
  const copy = () => {
    const dir = tempDir();
    for (const suffix of ['', '-wal'])
      if (existsSync(collectionPath(bDir) + suffix))
        copyFileSync(collectionPath(bDir) + suffix, collectionPath(dir) + suffix);
    return dir;
  };
  const copyDir = copy();
  const hereDir = copy();
  const failDir = copy();
  const reopen = (dir: string) => {
    const m = openMnemo({ dataDir: dir, clock: () => now });
    open.push(m);
    return m;
  };
  return {
    fast: reopen(bDir),
    full: reopen(copyDir),
    here: reopen(hereDir),
    failed: reopen(failDir),
    dev,
    folder: b.folder,
  };
}

/** Another device's answers stored once, as their log rows. */
const storedOnce = (m: Mnemo) =>
  m.col.db.prepare('SELECT count(*) FROM review_log WHERE sync_dev IS NOT NULL').pluck().get() as number;

/**
 * `read` on the collection with every event in sync_events: the fast path stores another
 * device's answers once, as their log rows (core/sync/log-events.ts), where a full replay has
 * them in sync_events. Moved in a transaction rolled back after, so the two compare as the
 * same union of events, each stored once either way.
 */
function asOneTable<T>(m: Mnemo, read: () => T): T {
  const db = m.col.db;
  db.exec('BEGIN');
  try {
    const before = storedOnce(m);
    const keys = db
      .prepare('SELECT DISTINCT card_id, sync_card FROM review_log WHERE sync_dev IS NOT NULL')
      .raw()
      .all() as [number, string][];
    let moved = 0;
    for (const [id, key] of keys) moved += moveToEvents(m.col, id, key, 1);
    expect(moved).toBe(before);
    expect(storedOnce(m)).toBe(0);
    return read();
  } finally {
    db.exec('ROLLBACK');
  }
}

function mergeFolder(m: Mnemo, dev: string, folder: string, worker = true) {
  const read = readNew(m.col, folder);
  expect(read.problems).toEqual([]);
  return merge(m.col, dev, read.events, read.marks, { worker });
}

describe('sync merge: stepping on from the stored rows', () => {
  it.each([
    ['a few cards', 60],
    ['enough cards to recount the summaries after', DEFER_FROM + 30],
  ])(
    'gives the same collection as replaying every card in full (%s)',
    (_, cards) => {
      const { fast, full, here, failed, dev, folder } = scenario(cards);
      const headed = fast.col.db.prepare('SELECT count(*) FROM sync_heads').pluck().get() as number;
      expect(headed).toBeGreaterThan(cards / 4);
      full.col.db.exec('DELETE FROM sync_heads');

      recordPhases();
      const { byWorker, ...quick } = mergeFolder(fast, dev, folder);
      const phases = new Set(takePhases().map(([name]) => name));
      // From WORKER_FROM cards the worker reads the cards' rows, heads and log counts itself.
      expect(phases.has('batch: wait for the worker')).toBe(cards >= WORKER_FROM);
      // Rows rewritten (cards 9 and 15 replayed in full): the summaries of the rows stored
      // meanwhile are recounted from the log, not added (store/summaries.ts MergeNotes.disturbed).
      expect(phases.has('summaries recounted')).toBe(cards >= DEFER_FROM);
      // A worker whose reads fail (it cannot load SQLite): the events stored meanwhile are
      // rolled back and everything is read here.
      const binding = process.env.MNEMO_SQLITE_BINDING;
      process.env.MNEMO_SQLITE_BINDING = join(tempDir(), 'missing.node');
      recordPhases();
      const { byWorker: _failed, ...afterFailure } = mergeFolder(failed, dev, folder);
      const failedPhases = new Set(takePhases().map(([name]) => name));
      if (binding === undefined) delete process.env.MNEMO_SQLITE_BINDING;
      else process.env.MNEMO_SQLITE_BINDING = binding;
      expect(failedPhases.has('batch: rows, logs')).toBe(cards >= WORKER_FROM);
      // From WORKER_FROM cards the replay worker steps them; `here` steps the same ones in place.
      const { byWorker: none, ...inPlace } = mergeFolder(here, dev, folder, false);
      const { byWorker: _full, ...slow } = mergeFolder(full, dev, folder);
      expect(none).toBe(0);
      if (cards >= WORKER_FROM) expect(byWorker).toBeGreaterThan(cards / 4);
      else expect(byWorker).toBe(0);
      expect(quick).toEqual(slow);
      expect(inPlace).toEqual(slow);
      expect(afterFailure).toEqual(slow);
      expect(quick.waiting).toBe(5);
      expect(quick.rederived).toBe(cards);
      expect(quick.changed).toBe(cards);
      // The fast path stores the other device's answers once, as their log rows; the full
      // replay (no heads) only those of cards it never had an answer on.
      for (const m of [fast, here, failed]) expect(storedOnce(m)).toBeGreaterThan(cards / 4);
      expect(storedOnce(full)).toBeLessThan(storedOnce(fast));

      // A merge that rewrites many cards leaves Browse's indexes on them to build later (built
      // below before the rows are compared: then every index is back, as the full replay has it).
      const browseCards = BROWSE_INDEXES.filter((n) => n.startsWith('cards_'));
      const pending = new Set(pendingIndexNames(fast.col.db));
      expect(browseCards.every((n) => pending.has(n))).toBe(cards >= DEFER_FROM);
      expect(pendingIndexNames(full.col.db)).not.toContain('cards_stability');
      const indexes = (m: Mnemo) => {
        buildPendingIndexes(m.col.db);
        return m.col.db
          .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
          .raw()
          .all();
      };
      expect(indexes(fast)).toEqual(indexes(full));
      expect(indexes(here)).toEqual(indexes(full));
      expect(indexes(failed)).toEqual(indexes(full));

      // Every row of every table, with its SQLite type (heads compared apart: the copy lost the
      // untouched cards'). Review-log rows by id, without their local insertion number (seq):
      // a large merge stores the rows it holds in time order, a full replay card by card.
      const rows = (m: Mnemo) =>
        asOneTable(m, () => {
          const all = typedRows(m.col.db, {
            skip: /^sync_heads$/,
            map: (t, cols, row) => {
              if (t !== 'review_log') return row;
              const seq = 2 * cols.indexOf('seq');
              return [...row.slice(0, seq), ...row.slice(seq + 2)];
            },
          });
          // The id is the first column after seq: [typeof(id), id, ...].
          all.review_log!.sort((x, y) => (String(x[1]) < String(y[1]) ? -1 : 1));
          // Events by id too: those moved from the log come after the others.
          all.sync_events!.sort((x, y) => (String(x[1]) < String(y[1]) ? -1 : 1));
          return all;
        });
      const a = rows(fast);
      const b = rows(full);
      const c = rows(here);
      const d = rows(failed);
      expect(Object.keys(a)).toEqual(Object.keys(b));
      for (const table of Object.keys(a)) expect(a[table], table).toEqual(b[table]);
      for (const table of Object.keys(a)) expect(c[table], table).toEqual(b[table]);
      for (const table of Object.keys(a)) expect(d[table], table).toEqual(b[table]);
      const heads = (m: Mnemo) =>
        asOneTable(m, () =>
          m.col.db
            .prepare(
              `SELECT card, event, logs, typeof(logs), at, dev, n FROM sync_heads
               WHERE card IN (SELECT card FROM sync_events WHERE dev <> ?) ORDER BY card`,
            )
            .raw()
            .all(dev),
        );
      expect(heads(fast)).toEqual(heads(full));
      expect(heads(here)).toEqual(heads(full));
      expect(heads(failed)).toEqual(heads(full));
      expect(heads(fast)).toHaveLength(cards);

      // The kept summaries equal a recount of their rows, several answers in each quarter hour.
      const kept = keptSummaries(fast);
      expect(kept.review_buckets.some((r) => (r as number[])[1]! > 1)).toBe(true);
      fast.col.tx(() => rebuildSummaries(fast.col.db));
      expect(keptSummaries(fast)).toEqual(kept);
    },
    120_000,
  ); // two collections of 2,000+ cards built and merged: about 35 s on two loaded cores
});
