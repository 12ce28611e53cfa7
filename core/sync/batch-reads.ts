/**
 * The part of a large merge's bulk reads (batch.ts) that needs only the cards' identities:
 * the local card each names (one scan of every card's), the cards' rows, review-log counts,
 * heads and whether a headless one was merged before. Plain queries on a better-sqlite3 connection, so that the replay worker can run
 * them on a read-only connection of its own (WAL: it sees the collection as committed,
 * before the merge's transaction wrote anything) while the merging thread stores the
 * events. Rows travel as raw arrays with their column names (cheaper to copy between
 * threads than objects).
 */
import type Database from 'better-sqlite3';
import { cardKey } from './identity.ts';

export interface ReadRequest {
  kind: 'read';
  /** The collection's file. */
  path: string;
  /** The identities of the merge's cards (the worker finds the local card of each). */
  keys: string[];
}

export interface Table {
  columns: string[];
  rows: unknown[][];
  /**
   * Instead of `rows` (then empty), when every value is a number or null: the rows one after
   * another, null as NaN (SQLite stores no NaN). 63,000 card rows cross between threads as one
   * array instead of 63,000 (see `packNumbers`).
   */
  numbers?: Float64Array;
  /** The columns of `numbers` that hold a null somewhere (the others are read as they are). */
  nullable?: number[];
}

export interface BatchReads {
  /**
   * Read on the worker: the identities that name a local card, as indexes into the request's
   * keys, and that card's id, in the order the scan met them (as `scanCardIds` returns them).
   */
  named?: { keys: Int32Array; ids: Float64Array };
  cards: Table;
  /** [card id, log rows]. */
  logs: [number, number][];
  heads: Table;
  /** Identities without a head that had an event merged before. */
  merged: string[];
}

type Db = Pick<Database.Database, 'prepare'>;

function table(db: Db, sql: string, param: string): Table {
  const stmt = db.prepare(sql).raw(true);
  return { columns: stmt.columns().map((c) => c.name), rows: stmt.all(param) as unknown[][] };
}

/**
 * The local card of each of `keys` that names one, from one scan of every card's identity:
 * a card answers to its guid's identity and, with an id in its deck file, to that one (as
 * identity.ts's cardOfKey).
 */
export function scanCardIds(db: Db, keys: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  const wanted = new Set(keys);
  const rows = db
    .prepare('SELECT c.id, c.ord, n.guid, n.source_id FROM cards c JOIN notes n ON n.id = c.note_id')
    .raw()
    .all() as [number, number, string, string | null][];
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

/** The cards' ids, each once. */
export const uniqueIds = (ids: Map<string, number>): number[] => [...new Set(ids.values())];

/** The identities `named` names, as a map in its order (see BatchReads). */
export function namedIds(
  keys: readonly string[],
  named: NonNullable<BatchReads['named']>,
): Map<string, number> {
  const ids = new Map<string, number>();
  for (let i = 0; i < named.keys.length; i++) ids.set(keys[named.keys[i]!]!, named.ids[i]!);
  return ids;
}

export function readBatchRest(db: Db, ids: readonly number[], keys: readonly string[]): BatchReads {
  const idList = JSON.stringify(ids);
  const cards = table(db, 'SELECT * FROM cards WHERE id IN (SELECT value FROM json_each(?))', idList);
  const logs = db
    .prepare(
      'SELECT card_id, count(*) FROM review_log WHERE card_id IN (SELECT value FROM json_each(?)) GROUP BY card_id',
    )
    .raw(true)
    .all(idList) as [number, number][];
  // `later`: an event merged before sorts at or after the head's time (conservative: the
  // general path then decides).
  const heads = table(
    db,
    `SELECT h.card, h.event, h.logs, e.at, e.dev, e.n,
       EXISTS (SELECT 1 FROM sync_events l WHERE l.card = h.card AND l.at >= e.at AND l.id <> h.event AND l.merged = 1) AS later
     FROM sync_heads h JOIN sync_events e ON e.id = h.event
     WHERE h.card IN (SELECT value FROM json_each(?))`,
    JSON.stringify(keys),
  );
  const withHead = new Set(heads.rows.map((r) => r[0] as string));
  const merged = db
    .prepare(
      `SELECT value FROM json_each(?) k
       WHERE EXISTS (SELECT 1 FROM sync_events e WHERE e.card = k.value AND e.merged = 1)`,
    )
    .pluck()
    .all(JSON.stringify(keys.filter((k) => !withHead.has(k)))) as string[];
  return { cards, logs, heads, merged };
}

/** The rows of a table as objects (a function made for its columns builds each). */
export function tableObjects<T>(t: Table): T[] {
  if (t.numbers) {
    const nullable = new Set(t.nullable);
    const fields = t.columns.map(
      (c, i) => `${JSON.stringify(c)}: ${nullable.has(i) ? `v(n[o + ${i}])` : `n[o + ${i}]`}`,
    );
    const make = new Function('n', 'o', 'v', `return { ${fields.join(', ')} };`) as (
      n: Float64Array,
      o: number,
      v: (x: number) => number | null,
    ) => T;
    const nulled = (x: number) => (Number.isNaN(x) ? null : x);
    const width = t.columns.length;
    const out: T[] = new Array(width === 0 ? 0 : t.numbers.length / width);
    for (let r = 0, o = 0; r < out.length; r++, o += width) out[r] = make(t.numbers, o, nulled);
    return out;
  }
  const fields = t.columns.map((c, i) => `${JSON.stringify(c)}: r[${i}]`);
  const make = new Function('r', `return { ${fields.join(', ')} };`) as (r: unknown[]) => T;
  return t.rows.map(make);
}

/**
 * The table with its rows in one Float64Array when every value is a number or null (a
 * structured clone of many small arrays costs the receiving thread more than building its
 * objects); else as it is.
 */
export function packNumbers(t: Table): Table {
  const width = t.columns.length;
  const numbers = new Float64Array(t.rows.length * width);
  const nullable = new Set<number>();
  let o = 0;
  for (const row of t.rows) {
    for (let i = 0; i < width; i++) {
      const x = row[i];
      if (typeof x === 'number') numbers[o++] = x;
      else if (x === null) {
        numbers[o++] = Number.NaN;
        nullable.add(i);
      } else return t;
    }
  }
  return { columns: t.columns, rows: [], numbers, nullable: [...nullable] };
}

/**
 * On the worker: the identities' cards, then the reads, on a read-only connection of its own
 * (`open`), closed after. The card ids travel as typed arrays (cheap to copy between threads).
 */
export function answerRead(request: ReadRequest, open: (path: string) => Database.Database): BatchReads {
  const db = open(request.path);
  try {
    const ids = scanCardIds(db, request.keys);
    const index = new Map(request.keys.map((k, i) => [k, i]));
    const named = { keys: new Int32Array(ids.size), ids: new Float64Array(ids.size) };
    let i = 0;
    for (const [key, id] of ids) {
      named.keys[i] = index.get(key)!;
      named.ids[i++] = id;
    }
    const reads = readBatchRest(db, uniqueIds(ids), [...ids.keys()]);
    return { ...reads, named, cards: packNumbers(reads.cards) };
  } finally {
    db.close();
  }
}
