/**
 * What a large merge reads before re-deriving its cards, a query per kind for every card at
 * once instead of several queries per card: which local card each identity names, the cards'
 * rows, their heads, review-log counts and unmerged events. (Per card, the statements
 * themselves were most of a 100,000-event merge.)
 */
import type { CardRow } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';
import { phase } from '../util/phases.ts';
import type { SyncEvent } from './events.ts';
import { cardKey, cardOfKey } from './identity.ts';
import type { EventRow, Prefetched } from './rederive.ts';

/** From this many cards, one scan of every card's identity beats a lookup per card. */
const SCAN_FROM = 2_000;

export interface Batch {
  /** The local card of each identity that has one. */
  ids: Map<string, number>;
  rows: Map<number, CardRow>;
  /** Per identity; none for a card that two identities name (re-derived twice, read fresh each time). */
  known: Map<string, Prefetched>;
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

/** An event about to be stored, as its row will read (see storeEvent). */
const rowOf = (e: SyncEvent): EventRow & { card: string } => ({
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
});

/** Replay order, as outbox.ts's replayOrder and the SQL `ORDER BY at, dev, n, id` (ASCII identities). */
const byReplay = (a: EventRow, b: EventRow) =>
  a.at - b.at || cmp(a.dev, b.dev) || a.n - b.n || cmp(a.id, b.id);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Read before `fresh` (the events this merge brings, not stored yet) is stored: the unmerged
 * events from before are read, the fresh ones taken as they are.
 */
export function readBatch(col: Collection, keys: readonly string[], fresh: readonly SyncEvent[]): Batch {
  const ids = phase('batch: card ids', () => cardIds(col, keys));
  const idList = JSON.stringify([...new Set(ids.values())]);
  const keyList = JSON.stringify([...ids.keys()]);
  const rows = phase(
    'batch: cards',
    () =>
      new Map(
        objects<CardRow>(col, 'SELECT * FROM cards WHERE id IN (SELECT value FROM json_each(?))', idList).map(
          (r) => [r.id, r],
        ),
      ),
  );
  const logs = phase(
    'batch: log counts',
    () =>
      new Map(
        col
          .stmt(
            'SELECT card_id, count(*) FROM review_log WHERE card_id IN (SELECT value FROM json_each(?)) GROUP BY card_id',
          )
          .raw()
          .all(idList) as [number, number][],
      ),
  );
  // `later`: an event merged before sorts at or after the head's time (conservative: the
  // general path then decides).
  const heads = phase(
    'batch: heads',
    () =>
      new Map(
        objects<NonNullable<Prefetched['head']> & { card: string }>(
          col,
          `SELECT h.card, h.event, h.logs, e.at, e.dev, e.n,
         EXISTS (SELECT 1 FROM sync_events l WHERE l.card = h.card AND l.at >= e.at AND l.id <> h.event AND l.merged = 1) AS later
       FROM sync_heads h JOIN sync_events e ON e.id = h.event
       WHERE h.card IN (SELECT value FROM json_each(?))`,
          keyList,
        ).map((h) => [h.card, h]),
      ),
  );
  const pending = new Map<string, EventRow[]>();
  const older = objects<EventRow & { card: string }>(col, 'SELECT * FROM sync_events WHERE merged <> 1');
  for (const e of [...older, ...fresh.map(rowOf)]) {
    if (!ids.has(e.card)) continue;
    const list = pending.get(e.card);
    if (list) list.push(e);
    else pending.set(e.card, [e]);
  }
  for (const list of pending.values()) if (list.length > 1) list.sort(byReplay);
  // Cards without a head: whether any event of theirs was merged before (then the general path).
  const headless = JSON.stringify([...ids.keys()].filter((k) => !heads.has(k)));
  const merged = phase(
    'batch: merged before',
    () =>
      new Set(
        col
          .stmt(
            `SELECT value FROM json_each(?) k
         WHERE EXISTS (SELECT 1 FROM sync_events e WHERE e.card = k.value AND e.merged = 1)`,
          )
          .pluck()
          .all(headless) as string[],
      ),
  );
  const named = new Map<number, number>();
  for (const id of ids.values()) named.set(id, (named.get(id) ?? 0) + 1);
  const known = new Map<string, Prefetched>();
  for (const [key, id] of ids) {
    if (named.get(id) !== 1) continue;
    known.set(key, {
      head: heads.get(key),
      logs: logs.get(id) ?? 0,
      pending: pending.get(key) ?? [],
      merged: merged.has(key),
    });
  }
  return { ids, rows, known };
}
