/**
 * The package's collection opened as an in-memory SQLite database (never a file of ours),
 * then checked before anything is read from it: the tables and columns Anki's schema has,
 * exactly one `col` row with a schema version Anki writes, and every value Mnemo reads of
 * the SQLite type Anki's typed getters require (an integer column holding text aborts
 * Anki's import too).
 */
import Database from 'better-sqlite3';

export class CollectionError extends Error {}

/** Schema 11 (legacy packages) and 14–18 (Anki 2.1.28+, the new format is 18). */
const KNOWN_VERSIONS = new Set([11, 14, 15, 16, 17, 18]);

/** Columns read, by table, with the SQLite type each must have. */
const COLUMNS = {
  col: { crt: 'integer', ver: 'integer' },
  notes: { id: 'integer', guid: 'text', mid: 'integer', mod: 'integer', tags: 'text', flds: 'text' },
  cards: {
    id: 'integer',
    nid: 'integer',
    did: 'integer',
    ord: 'integer',
    type: 'integer',
    queue: 'integer',
    due: 'integer',
    ivl: 'integer',
    factor: 'integer',
    reps: 'integer',
    lapses: 'integer',
    left: 'integer',
    odid: 'integer',
    flags: 'integer',
  },
  revlog: {
    id: 'integer',
    cid: 'integer',
    ease: 'integer',
    factor: 'integer',
    time: 'integer',
    type: 'integer',
  },
} as const;

export type TableName = keyof typeof COLUMNS;

const SQLITE_HEADER = 'SQLite format 3\0';
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Anki's schema 18 sorts names with its own `unicase` collation, which only Anki has. */
function withoutUnicase(db: Database.Database): Database.Database {
  const uses = db
    .prepare("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%collate unicase%'")
    .pluck()
    .get() as number;
  if (uses === 0) return db;
  // Our own in-memory copy: its schema text is rewritten to the default collation and the
  // database reopened, so its tables can be read. Only ordering by name would differ.
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(
    "UPDATE sqlite_master SET sql = replace(replace(sql, 'COLLATE unicase', ''), 'collate unicase', '') WHERE sql LIKE '%collate unicase%'",
  ).run();
  db.pragma('writable_schema = OFF');
  const copy = db.serialize();
  db.close();
  return new Database(copy);
}

export interface OpenedCollection {
  db: Database.Database;
  ver: number;
  crt: number;
  hasTable(name: string): boolean;
  /**
   * For the revlog, whose types are checked as it is read (`revlogValuesOk`), not up front:
   * throws naming the first row of the wrong type (SQLite's typeof over a million rows is
   * 0.29 s of CPU, the same test on the values read a few ms).
   */
  checkRevlogTypes(): void;
}

/**
 * Whether a revlog row's values, as read, are what the up-front check requires: each a whole
 * number of at most 2^53 (a real, text, blob or null is not). A row that fails is named by
 * `checkRevlogTypes`, so the message is the one the SQL check gives.
 */
export function revlogValuesOk(row: readonly unknown[]): boolean {
  for (const v of row) if (!Number.isSafeInteger(v)) return false;
  return true;
}

export function openCollection(bytes: Uint8Array): OpenedCollection {
  // The revlog is checked as it is read (see OpenedCollection.checkRevlogTypes).
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== SQLITE_HEADER) {
    throw new CollectionError('is not an SQLite database');
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // A collection saved in WAL mode says so in bytes 18–19; read alone (its committed state),
  // it opens in rollback mode. (buf is our own copy of the bytes, never the package.)
  if (buf[18] === 2) buf[18] = 1;
  if (buf[19] === 2) buf[19] = 1;
  let db = new Database(buf);
  try {
    db.pragma('trusted_schema = OFF');
    db = withoutUnicase(db);
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    for (const [table, columns] of Object.entries(COLUMNS)) {
      if (!tables.has(table)) throw new CollectionError(`has no ${table} table`);
      const have = new Set(
        (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
      );
      for (const c of Object.keys(columns)) {
        if (!have.has(c)) throw new CollectionError(`table ${table} has no column ${c}`);
      }
    }
    const rows = db.prepare('SELECT count(*) FROM col').pluck().get() as number;
    if (rows !== 1) throw new CollectionError(`has ${rows} rows in its col table, not one`);
    for (const [table, columns] of Object.entries(COLUMNS))
      if (table !== 'revlog') checkTypes(db, table, columns);
    const col = db.prepare('SELECT crt, ver FROM col').get() as { crt: number; ver: number };
    if (!KNOWN_VERSIONS.has(col.ver)) {
      throw new CollectionError(
        `has schema version ${col.ver}, which this Mnemo does not know (it reads 11 and 14–18)`,
      );
    }
    const opened = db;
    return {
      db,
      ver: col.ver,
      crt: col.crt,
      hasTable: (name) => tables.has(name),
      checkRevlogTypes: () => checkTypes(opened, 'revlog', COLUMNS.revlog),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Throws naming the first row whose column holds another type (or an integer past 2^53). */
function checkTypes(db: Database.Database, table: string, columns: Record<string, string>): void {
  const entries = Object.entries(columns);
  const wrong = (c: string, t: string) =>
    t === 'integer'
      ? `(typeof("${c}") <> 'integer' OR abs("${c}") > ${MAX_SAFE})`
      : `typeof("${c}") <> '${t}'`;
  const bad = db
    .prepare(
      `SELECT rowid AS r, ${entries.map(([c, t], i) => `${wrong(c, t)} AS w${i}, typeof("${c}") AS t${i}`).join(', ')}
       FROM "${table}" WHERE ${entries.map(([c, t]) => wrong(c, t)).join(' OR ')} LIMIT 1`,
    )
    .get() as Record<string, unknown> | undefined;
  if (!bad) return;
  const i = entries.findIndex((_e, k) => bad[`w${k}`] === 1);
  const [column, type] = entries[Math.max(0, i)]!;
  const found = bad[`t${Math.max(0, i)}`];
  const what = found === type ? 'an integer out of range' : String(found);
  throw new CollectionError(`table ${table}, row ${bad.r}: ${column} is ${what}, not ${type}`);
}
