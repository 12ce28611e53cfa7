/**
 * Merging: events read from other devices are added to the union (by id, so a duplicate
 * counts once), then every card with new events is re-derived from all of its events.
 * Events for a card this collection does not have (its deck file not compiled here yet)
 * wait, and are matched again whenever the notes change.
 */

import { STEP_JOBS, WorkerWrites } from '../import/replay/queue.ts';
import type { StepJob } from '../import/replay/steps.ts';
import { type ReplayThread, stopReplayThread, takeReplayThread } from '../import/replay/thread.ts';
import type { Collection } from '../store/collection.ts';
import { withMergeTriggersDeferred } from '../store/summaries.ts';
import { phase } from '../util/phases.ts';
import {
  assembleBatch,
  type Batch,
  batchIds,
  knownKeys,
  olderEvents,
  pendingEvents,
  uniqueIds,
} from './batch.ts';
import { readBatchRest, readHeads } from './batch-reads.ts';
import { askReads, whileReadingCards } from './batch-worker.ts';
import type { SyncEvent } from './events.ts';
import { ONCE_IDS_IN, ONCE_IDS_IN_RANGE, storedOnce } from './log-events.ts';
import { storeEvents } from './outbox.ts';
import type { FileMark } from './reader.ts';
import {
  finish,
  planKnown,
  type Rederivation,
  rederivation,
  rederiveCard,
  stepJob,
  storeOncePending,
} from './rederive.ts';
import { RowWriter } from './rows.ts';

/** From this many cards, recounting their summaries after the merge beats triggers per row. */
export const DEFER_FROM = 2_000;
/** From this many cards, their steps go to the replay worker (the import's: its start costs more than a few cards). */
export const WORKER_FROM = DEFER_FROM;

export interface MergeResult {
  /** Events new to this collection. */
  added: number;
  /** Another machine wrote events under this device's id: a copied data folder. */
  foreignOwn: boolean;
  rederived: number;
  changed: number;
  /** Cards the replay worker stepped (a large merge's; none when it could not start). */
  byWorker: number;
  /** Events whose card this collection does not have (yet). */
  waiting: number;
}

/** The notes' identities as a stamp: when it changes, waiting events may have found their card. */
function notesStamp(col: Collection): string {
  const r = col
    .stmt('SELECT count(*) AS n, max(id) AS m, count(source_id) AS s FROM notes WHERE retired = 0')
    .get() as { n: number; m: number | null; s: number };
  return `${r.n}:${r.m}:${r.s}`;
}

/**
 * The ids among `ids` already stored. UUIDv7s grow with time, so new events mostly lie past
 * every stored id: the stored ids between the least and greatest of `ids` are read in one
 * range scan of the id index when there are no more of them than `ids`, instead of one
 * lookup per id (about 0.2 s of CPU for 100,000 ids in a 1,000,000-event table).
 */
function storedIds(col: Collection, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  let low = ids[0]!;
  let high = low;
  for (const id of ids) {
    if (id < low) low = id;
    else if (id > high) high = id;
  }
  const stored = new Set<string>();
  // sync_events' and the answers stored once, as log rows (log-events.ts).
  for (const [inRange, byList] of [
    [
      'SELECT id FROM sync_events WHERE id >= ? AND id <= ? LIMIT ?',
      'SELECT id FROM sync_events WHERE id IN (SELECT value FROM json_each(?))',
    ],
    [ONCE_IDS_IN_RANGE, ONCE_IDS_IN],
  ] as const) {
    const found = col
      .stmt(inRange)
      .pluck()
      .all(low, high, ids.length + 1) as string[];
    const some =
      found.length <= ids.length ? found : (col.stmt(byList).pluck().all(JSON.stringify(ids)) as string[]);
    for (const id of some) stored.add(id);
  }
  return stored;
}

/** The events not stored yet, each once (a conflict copy repeats its file's events), in the order read. */
function freshEvents(col: Collection, events: readonly SyncEvent[]): SyncEvent[] {
  const byId = new Map<string, SyncEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  const stored = storedIds(col, [...byId.keys()]);
  return [...byId.values()].filter((e) => !stored.has(e.id));
}

/**
 * The events grouped by card, the cards in the order of the events' card index, each card's in
 * the order read: stored so, they enter that index at neighbouring places instead of at random
 * ones (100,000 events on 63,223 cards: 1.24–1.50 s of CPU to group and store, 1.59–1.69 s
 * in time order). The unique identities are sorted, not the events: a comparator over 100,000
 * events cost 0.4–0.6 s of CPU.
 */
function byCard(events: readonly SyncEvent[]): SyncEvent[] {
  const groups = new Map<string, SyncEvent[]>();
  for (const e of events) {
    const list = groups.get(e.card);
    if (list) list.push(e);
    else groups.set(e.card, [e]);
  }
  const out: SyncEvent[] = [];
  for (const card of [...groups.keys()].sort()) for (const e of groups.get(card)!) out.push(e);
  return out;
}

/**
 * A large merge's cards stepped on the replay worker (core/import/replay): every card read in
 * bulk is planned and its steps sent, then the events are stored while the worker steps
 * them, then the cards' rows are written in card order as the steps come back (the log rows
 * stored a lot at a time meanwhile: rows.ts). A card re-derived from what is stored waits
 * for its turn (its rows written at once, as in place). Returns the events stored and the
 * cards the worker stepped (if it could not start, they were stepped here all the same).
 */
function stepOnWorker(
  thread: ReplayThread | null,
  r: Rederivation,
  batch: Batch,
  order: readonly { key: string; id: number }[],
  store: () => number,
  fromStored: (r: Rederivation, key: string, id: number) => void,
  changed: () => void,
  rederived: () => void,
): { added: number; byWorker: number } {
  const writes = new WorkerWrites<StepJob>(r.time.dayStartHour, r.time, {
    kind: STEP_JOBS,
    writeOnDrain: true,
    thread,
    idle: () => r.rows.storeHeldLogs(),
  });
  let added = 0;
  let byWorker = 0;
  try {
    phase('plan and send', () => {
      for (const { key, id } of order) {
        const known = batch.prefetched(key);
        const card = known && batch.row(id);
        const plan = card ? planKnown(r, card, key, known) : null;
        if (!plan) {
          writes.add(null, () => fromStored(r, key, id));
          continue;
        }
        writes.add(stepJob(r, plan), (stepped) => {
          rederived();
          if (finish(r, plan, stepped!)) changed();
        });
      }
    });
    added = store();
    phase('drain (finish + log rows)', () => writes.drain());
  } finally {
    byWorker = writes.close().byWorker;
  }
  return { added, byWorker };
}

/** Adds the events and records the files' watermarks, in one transaction with the re-derivation. */
export function merge(
  col: Collection,
  dev: string,
  events: readonly SyncEvent[],
  marks: readonly FileMark[],
  options: {
    /** False: every card stepped here (tests compare the two). */
    worker?: boolean;
    /**
     * Nothing written in the transaction so far changes what the bulk reads read (cards, log,
     * heads, events), so the worker may read the collection as committed (batch-worker.ts).
     * Default: when the merge is its own transaction.
     */
    committedReads?: boolean;
  } = {},
): MergeResult {
  const committedReads = options.committedReads ?? !col.db.inTransaction;
  const taken: { thread: ReplayThread | null } = { thread: null };
  try {
    return mergeTx(col, dev, events, marks, options, committedReads, taken);
  } finally {
    // Stopped at the end of the steps; also when the merge failed before (it must not linger).
    if (taken.thread) stopReplayThread(taken.thread);
  }
}

function mergeTx(
  col: Collection,
  dev: string,
  events: readonly SyncEvent[],
  marks: readonly FileMark[],
  options: { worker?: boolean },
  committedReads: boolean,
  taken: { thread: ReplayThread | null },
): MergeResult {
  return col.tx(() => {
    const fresh = phase('fresh events', () => freshEvents(col, events));
    // Events under our id that we do not have: another machine uses it.
    const foreignOwn = fresh.some((e) => e.dev === dev);
    const mark = col.stmt(
      `INSERT INTO sync_files (path, size, offset, lines, dev, last_at, errors)
       VALUES (@path, @size, @offset, @lines, @dev, @last_at, @errors)
       ON CONFLICT(path) DO UPDATE SET size = excluded.size, offset = excluded.offset, lines = excluded.lines,
         dev = excluded.dev, last_at = excluded.last_at, errors = excluded.errors`,
    );
    for (const m of marks) mark.run(m);

    // Only with events waiting for their card: the stamp reads every note.
    const anyWaiting = col.stmt('SELECT 1 FROM sync_events WHERE merged <> 1 AND merged = 2 LIMIT 1').get();
    const stamp = anyWaiting ? notesStamp(col) : col.settings().syncNotesStamp;
    if (stamp !== col.settings().syncNotesStamp) {
      col.stmt('UPDATE sync_events SET merged = 0 WHERE merged <> 1 AND merged = 2').run();
      col.writeSettings({ syncNotesStamp: stamp });
    }
    const pendingKeys = col
      .stmt('SELECT DISTINCT card FROM sync_events WHERE merged <> 1 AND merged = 0')
      .pluck()
      .all() as string[];
    const keys = [...new Set([...pendingKeys, ...fresh.map((e) => e.card)])];
    // The worker loads while the cards' identities are read.
    const thread = keys.length >= WORKER_FROM && options.worker !== false ? takeReplayThread() : null;
    taken.thread = thread;
    // A card re-derived from what was read in bulk has its fresh events in hand: stored as
    // merged already, instead of marked so afterwards. The others' are read back from the table.
    // Its answers are stored once, as the log rows the re-derivation writes (log-events.ts).
    const storeFresh = (known: ReadonlySet<string>) =>
      phase('store events', () => {
        const rest = fresh.filter((e) => !storedOnce(e, known));
        return (
          fresh.length - rest.length + storeEvents(col, byCard(rest), (e) => (known.has(e.card) ? 1 : 0))
        );
      });
    // Read before the fresh events are stored, so that no query meets them (see batch.ts):
    // here, or on the worker while they are stored.
    let stored: number | undefined;
    let batch: Batch | undefined;
    // The identities re-derived from what is read in bulk (their answers stored once).
    let known: ReadonlySet<string> = new Set();
    if (keys.length > 0) {
      const ids = batchIds(col, keys);
      const idList = uniqueIds(ids);
      const keyList = [...ids.keys()];
      known = knownKeys(ids);
      if (thread && committedReads && askReads(thread, col, idList)) {
        const older = olderEvents(col);
        const { reads, done } = whileReadingCards(col, thread, idList, () => {
          const heads = phase('batch: heads', () => readHeads(col.db, keyList));
          return { heads, stored: storeFresh(known), pending: pendingEvents(ids, known, older, fresh) };
        });
        stored = done.stored;
        batch = assembleBatch(ids, known, { ...reads, ...done.heads }, done.pending);
      } else
        batch = phase('read batch', () =>
          assembleBatch(
            ids,
            known,
            readBatchRest(col.db, idList, keyList),
            pendingEvents(ids, known, olderEvents(col), fresh),
          ),
        );
    }
    const store = () => stored ?? storeFresh(known);

    // By card: with many events pending, SQLite would otherwise walk the pending-events index for each card.
    const wait = col.stmt(
      'UPDATE sync_events INDEXED BY sync_events_card SET merged = 2 WHERE card = ? AND merged <> 1',
    );
    let changed = 0;
    let rederived = 0;
    // In card order: the rows and their log entries are written in index order.
    const order = keys.map((key) => ({ key, id: batch?.ids.get(key) ?? 0 })).sort((a, b) => a.id - b.id);
    /** Re-derives the card from what is stored (read now: another identity of it may have written it). */
    const fromStored = (r: Rederivation, key: string, id: number) => {
      const known = batch?.prefetched(key);
      const card = id === 0 ? undefined : known ? batch?.row(id) : col.card(id);
      if (!card) {
        // (A card read in bulk is there; were it not, its answers must still be stored.)
        if (known) storeOncePending(col, known);
        wait.run(key);
        return;
      }
      rederived++;
      if (rederiveCard(r, card, key, known)) changed++;
    };
    let added = 0;
    let byWorker = 0;
    const rederiveAll = (rows: RowWriter) => {
      const r = rederivation(col, dev, rows);
      if (order.length < WORKER_FROM || !batch || options.worker === false) {
        added = store();
        for (const { key, id } of order) fromStored(r, key, id);
      } else
        ({ added, byWorker } = stepOnWorker(
          thread,
          r,
          batch,
          order,
          store,
          fromStored,
          () => changed++,
          () => rederived++,
        ));
      phase('flush (heads, cards)', () => rows.flush());
    };
    // Many cards: their rows written together at the end, their summaries recounted once after
    // instead of kept in step row by row.
    if (keys.length < DEFER_FROM) rederiveAll(new RowWriter(col, undefined, false));
    else
      phase('deferred (all + recount)', () =>
        withMergeTriggersDeferred(col.db, (notes) => rederiveAll(new RowWriter(col, notes, true))),
      );
    // Every event still pending was part of a re-derivation above (those adopted from the log too).
    const waiting = phase('mark merged', () => {
      col.stmt('UPDATE sync_events SET merged = 1 WHERE merged <> 1 AND merged = 0').run();
      return col
        .stmt('SELECT count(*) FROM sync_events WHERE merged <> 1 AND merged = 2')
        .pluck()
        .get() as number;
    });
    // Rows a merge rewrote must not be put back by an older undo record.
    if (added > 0 && changed > 0) col.stmt('DELETE FROM undo_stack').run();
    return { added, foreignOwn, rederived, changed, waiting, byWorker };
  });
}
