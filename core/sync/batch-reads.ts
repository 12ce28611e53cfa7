/**
 * The part of a large merge's bulk reads (batch.ts) that needs only the cards' ids and
 * identities: their rows and review-log counts (`readCards`), their heads and whether a
 * headless one was merged before (`readHeads`). Plain queries on a better-sqlite3
 * connection, so that the replay worker can read the cards on a read-only connection of its
 * own (WAL: it sees the collection as committed, before the merge's transaction wrote
 * anything) while the merging thread reads the heads and stores the events. Rows travel as
 * raw arrays with their column names (cheaper to copy between threads than objects).
 */
import type Database from 'better-sqlite3';

export interface ReadRequest {
  kind: 'read';
  /** The collection's file. */
  path: string;
  /** The local card ids (unique). */
  ids: number[];
}

export interface Table {
  columns: string[];
  rows: unknown[][];
  /**
   * Or, when every value is a number or null, the rows packed row after row (null as NaN,
   * which SQLite never returns: it stores NaN as NULL). A typed array crosses threads as one
   * copy; 63,223 card rows as arrays cost the merging thread 0.1–0.2 s of CPU to receive.
   */
  numbers?: Float64Array;
}

/** What the worker reads: the cards' rows and log counts, by card id. */
export interface CardReads {
  cards: Table;
  /** Card id, then its log rows, card after card. */
  logs: Float64Array;
}

/** What the merging thread reads meanwhile: the identities' heads. */
export interface HeadReads {
  heads: Table;
  /** Identities without a head that had an event merged before. */
  merged: string[];
}

export type BatchReads = CardReads & HeadReads;

type Db = Pick<Database.Database, 'prepare'>;

function table(db: Db, sql: string, param: string): Table {
  const stmt = db.prepare(sql).raw(true);
  return { columns: stmt.columns().map((c) => c.name), rows: stmt.all(param) as unknown[][] };
}

export function readBatchRest(db: Db, ids: readonly number[], keys: readonly string[]): BatchReads {
  return { ...readCards(db, ids), ...readHeads(db, keys) };
}

export function readCards(db: Db, ids: readonly number[]): CardReads {
  const idList = JSON.stringify(ids);
  const cards = table(db, 'SELECT * FROM cards WHERE id IN (SELECT value FROM json_each(?))', idList);
  const logs = db
    .prepare(
      'SELECT card_id, count(*) FROM review_log WHERE card_id IN (SELECT value FROM json_each(?)) GROUP BY card_id',
    )
    .raw(true)
    .all(idList) as [number, number][];
  return { cards, logs: Float64Array.from(logs.flat()) };
}

/** Each card's log rows, by card id. */
export function logCounts(logs: Float64Array): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < logs.length; i += 2) out.set(logs[i]!, logs[i + 1]!);
  return out;
}

/** The table with its rows packed as numbers, when every value is one or null (see Table). */
export function packed(t: Table): Table {
  const width = t.columns.length;
  const numbers = new Float64Array(t.rows.length * width);
  let k = 0;
  for (const row of t.rows)
    for (let i = 0; i < width; i++) {
      const v = row[i];
      if (typeof v === 'number') numbers[k++] = v;
      else if (v === null) numbers[k++] = Number.NaN;
      else return t;
    }
  return { columns: t.columns, rows: [], numbers };
}

export function readHeads(db: Db, keys: readonly string[]): HeadReads {
  // `later`: an event merged before sorts at or after the head's time (conservative: the
  // general path then decides). Only sync_events can hold one: an answer stored once, as its
  // log row, never sorts after its card's head (log-events.ts). A head without its place
  // (its event gone before migration 16 recorded it) counts as none.
  const heads = table(
    db,
    `SELECT h.card, h.event, h.logs, h.at, h.dev, h.n,
       EXISTS (SELECT 1 FROM sync_events l WHERE l.card = h.card AND l.at >= h.at AND l.id <> h.event AND l.merged = 1) AS later
     FROM sync_heads h WHERE h.card IN (SELECT value FROM json_each(?)) AND h.dev IS NOT NULL`,
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
  return { heads, merged };
}

/** Builds row `r` of the table as an object: a function made for its columns. */
function rowMaker<T>(t: Table): (r: number) => T {
  if (t.numbers) {
    const width = t.columns.length;
    const numbers = t.numbers;
    // NaN back to null (v === v is false for NaN only).
    const fields = t.columns.map((c, i) => `${JSON.stringify(c)}: (v = a[k + ${i}]) === v ? v : null`);
    const make = new Function('a', 'k', `let v; return { ${fields.join(', ')} };`) as (
      a: Float64Array,
      k: number,
    ) => T;
    return (r) => make(numbers, r * width);
  }
  const fields = t.columns.map((c, i) => `${JSON.stringify(c)}: r[${i}]`);
  const make = new Function('r', `return { ${fields.join(', ')} };`) as (r: unknown[]) => T;
  return (r) => make(t.rows[r]!);
}

const rowCount = (t: Table) => (t.numbers ? t.numbers.length / t.columns.length : t.rows.length);

/** The rows of a table as objects. */
export function tableObjects<T>(t: Table): T[] {
  const make = rowMaker<T>(t);
  const out: T[] = new Array(rowCount(t));
  for (let r = 0; r < out.length; r++) out[r] = make(r);
  return out;
}

/**
 * The rows of a table by the value of one of its columns, each made an object only when first
 * asked for (and kept): a large merge plans its cards as they come, and the replay worker
 * steps the first ones meanwhile, instead of waiting for 63,223 rows to be built first.
 */
export function rowsBy<K, T>(t: Table, column: string): { get(key: K): T | undefined } {
  const at = t.columns.indexOf(column);
  if (at < 0) throw new Error(`rowsBy: no column ${column}`);
  const width = t.columns.length;
  const index = new Map<K, number>();
  const count = rowCount(t);
  if (t.numbers) for (let r = 0; r < count; r++) index.set(t.numbers[r * width + at] as K, r);
  else for (let r = 0; r < count; r++) index.set(t.rows[r]![at] as K, r);
  const make = rowMaker<T>(t);
  const made: (T | undefined)[] = new Array(count);
  return {
    get(key) {
      const r = index.get(key);
      if (r === undefined) return undefined;
      let row = made[r];
      if (row === undefined) made[r] = row = make(r);
      return row;
    },
  };
}

/** On the worker: the reads on a read-only connection of its own (`open`), closed after. */
export function answerRead(request: ReadRequest, open: (path: string) => Database.Database): CardReads {
  const db = open(request.path);
  try {
    const reads = readCards(db, request.ids);
    return { ...reads, cards: packed(reads.cards) };
  } finally {
    db.close();
  }
}
