/**
 * What a large merge reads before re-deriving its cards, a query per kind for every card at
 * once instead of several queries per card: which local card each identity names, the cards'
 * rows, their heads, review-log counts and unmerged events. (Per card, the statements
 * themselves were most of a 100,000-event merge.)
 */
import type { CardRow } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';
import { phase } from '../util/phases.ts';
import { type BatchReads, logCounts, rowsBy } from './batch-reads.ts';
import type { SyncEvent } from './events.ts';
import { cardKey, cardOfKey } from './identity.ts';
import { storedOnce } from './log-events.ts';
import type { EventRow, Prefetched } from './rederive.ts';

/** From this many cards, one scan of every card's identity beats a lookup per card. */
const SCAN_FROM = 2_000;

export interface Batch {
  /** The local card of each identity that has one. */
  ids: Map<string, number>;
  /** A card's row by its id. */
  row(id: number): CardRow | undefined;
  /** Per identity; none for a card that two identities name (re-derived twice, read fresh each time). */
  prefetched(key: string): Prefetched | undefined;
}

/**
 * Every row of `sql` as objects, like better-sqlite3's `all()`, but built from its raw
 * arrays by a function made for its columns: for 100,000 rows several times faster.
 */
function objects<T>(col: Collection, sql: string, ...params: unknown[]): T[] {
  const stmt = col.stmt(sql).raw(true);
  let make = makers.get(sql);
  if (!make) {
    const fields = stmt.columns().map((c, i) => `${JSON.stringify(c.name)}: r[${i}]`);
    make = new Function('r', `return { ${fields.join(', ')} };`) as (r: unknown[]) => unknown;
    makers.set(sql, make);
  }
  return (stmt.all(...params) as unknown[][]).map(make) as T[];
}
const makers = new Map<string, (r: unknown[]) => unknown>();

function cardIds(col: Collection, keys: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  if (keys.length < SCAN_FROM) {
    for (const key of keys) {
      const id = cardOfKey(col, key);
      if (id !== undefined) ids.set(key, id);
    }
    return ids;
  }
  const wanted = new Set(keys);
  const rows = col
    .stmt('SELECT c.id, c.ord, n.guid, n.source_id FROM cards c JOIN notes n ON n.id = c.note_id')
    .raw()
    .all() as [number, number, string, string | null][];
  // A card answers to its guid's identity and, with an id in its deck file, to that one (as cardOfKey).
  for (const [id, ord, guid, source] of rows) {
    const byGuid = cardKey({ source_id: null, guid }, ord);
    if (wanted.has(byGuid)) ids.set(byGuid, id);
    if (source !== null) {
      const bySource = cardKey({ source_id: source, guid }, ord);
      if (wanted.has(bySource)) ids.set(bySource, id);
    }
  }
  return ids;
}

/** An event about to be stored, as its row will read (see storeEvent); `once`: stored as its log row only. */
const rowOf = (e: SyncEvent, once: boolean): EventRow & { card: string } => ({
  id: e.id,
  dev: e.dev,
  at: e.at,
  n: e.n ?? 0,
  card: e.card,
  type: e.type,
  rating: e.rating ?? null,
  ms: e.ms ?? null,
  field: e.field ?? null,
  value: e.value ?? null,
  target: e.target ?? null,
  merged: 0,
  once: once ? { card: e.card } : undefined,
});

/** Replay order, as outbox.ts's replayOrder and the SQL `ORDER BY at, dev, n, id` (ASCII identities). */
const byReplay = (a: EventRow, b: EventRow) =>
  a.at - b.at || cmp(a.dev, b.dev) || a.n - b.n || cmp(a.id, b.id);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The events stored and not merged yet (read before the fresh ones are stored). */
export const olderEvents = (col: Collection) =>
  objects<EventRow & { card: string }>(col, 'SELECT * FROM sync_events WHERE merged <> 1');

/** The local card of each identity (the first of the bulk reads; the others need it). */
export const batchIds = (col: Collection, keys: readonly string[]): Map<string, number> =>
  phase('batch: card ids', () => cardIds(col, keys));

export const uniqueIds = (ids: Map<string, number>): number[] => [...new Set(ids.values())];

/** The identities named by one card only: those a merge re-derives from what it read in bulk. */
export function knownKeys(ids: Map<string, number>): Set<string> {
  const named = new Map<number, number>();
  for (const id of ids.values()) named.set(id, (named.get(id) ?? 0) + 1);
  const known = new Set<string>();
  for (const [key, id] of ids) if (named.get(id) === 1) known.add(key);
  return known;
}

/**
 * The unmerged events of each identity that names a card, in replay order: stored ones
 * (`older`) and those about to be stored (`fresh`, as their rows will read). It needs none of
 * the bulk reads, so it is made while the replay worker reads the cards. `known`:
 * knownKeys(ids), whose fresh answers are stored once.
 */
export function pendingEvents(
  ids: ReadonlyMap<string, number>,
  known: ReadonlySet<string>,
  older: readonly (EventRow & { card: string })[],
  fresh: readonly SyncEvent[],
): Map<string, EventRow[]> {
  return phase('batch: events by card', () => {
    const pending = new Map<string, EventRow[]>();
    const add = (e: EventRow & { card: string }) => {
      if (!ids.has(e.card)) return;
      const list = pending.get(e.card);
      if (list) list.push(e);
      else pending.set(e.card, [e]);
    };
    for (const e of older) add(e);
    for (const f of fresh) add(rowOf(f, storedOnce(f, known)));
    for (const list of pending.values()) if (list.length > 1) list.sort(byReplay);
    return pending;
  });
}

/**
 * The batch from the identities' cards, the other reads (made here or on the worker:
 * batch-reads.ts) and the pending events; `known`: knownKeys(ids), the identities it
 * prefetches for. Rows and prefetches are built as the merge asks for them, card by card.
 */
export function assembleBatch(
  ids: Map<string, number>,
  known: ReadonlySet<string>,
  reads: BatchReads,
  pending: ReadonlyMap<string, EventRow[]>,
): Batch {
  return phase('batch: assemble', () => {
    const rows = rowsBy<number, CardRow>(reads.cards, 'id');
    const logs = logCounts(reads.logs);
    type Head = NonNullable<Prefetched['head']> & { card: string };
    const heads = rowsBy<string, Head>(reads.heads, 'card');
    const merged = new Set(reads.merged);
    const prefetched = new Map<string, Prefetched>();
    return {
      ids,
      row: (id) => rows.get(id),
      prefetched(key) {
        if (!known.has(key)) return undefined;
        let p = prefetched.get(key);
        if (!p) {
          p = {
            head: heads.get(key),
            logs: logs.get(ids.get(key)!) ?? 0,
            pending: pending.get(key) ?? [],
            merged: merged.has(key),
          };
          prefetched.set(key, p);
        }
        return p;
      },
    };
  });
}
