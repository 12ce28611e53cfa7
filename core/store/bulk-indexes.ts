/**
 * A bulk write pays less for building a table's secondary indexes once, from sorted keys, than
 * for moving or adding their entries row by row at random places: for a first compile or an
 * import into an empty collection (more rows than the tables hold), and for a merge that
 * rewrites 63,000 of 100,000 cards (four times the cost of dropping and rebuilding).
 * The indexes are dropped for the write and created again after it from their own stored SQL,
 * inside the caller's transaction: a failure rolls the drop back with everything else.
 */
import type { Db } from './db.ts';
import { recordPendingIndex } from './pending-indexes.ts';

export interface IndexChoice {
  /** The tables whose indexes go: those that enforce nothing (not UNIQUE; automatic ones have no SQL). */
  tables: readonly string[];
  /**
   * Only the indexes these columns touch (a column among theirs, or partial or expression
   * ones, which may read any); every one when absent.
   */
  columns?: readonly string[];
  /**
   * Indexes left in place, by name: partial ones the new rows do not enter (a new card is not
   * suspended, a new note not retired), which cost nothing to keep and a full read of the
   * table to build again.
   */
  keep?: readonly string[];
  /** UNIQUE indexes to drop too, by name: their CREATE after the write still enforces them. */
  unique?: readonly string[];
  /** The error to throw when index `name` cannot be built again (a UNIQUE one met a repeat). */
  rebuildFailed?: (name: string, cause: unknown) => Error | undefined;
  /**
   * How SQLite sorts while the indexes are built, when given. `cacheKib`: the page cache (KiB);
   * the sorter keeps as much in memory as the page cache holds before it writes a sorted run
   * to a temporary file, and runs of a few MiB sort within the CPU's caches and merge in one
   * pass (a million review rows' four indexes: 3.2–3.5 s of CPU with 8 MiB, 4.0–4.5 s with
   * 64 MiB). `threads`: helper threads that sort those runs while the rows are read (the same
   * indexes: 2.6 s on the writing thread instead of 3.5 s, 0.5 s more in all).
   */
  sort?: { cacheKib: number; threads: number };
  /**
   * Indexes, by name, not built again after the write but recorded to be built later
   * (pending-indexes.ts): ones only a screen other than review reads, which its first query
   * or the app's idle time builds.
   */
  later?: readonly string[];
}

interface Dropped {
  name: string;
  sql: string;
  stat1: unknown[][];
  stat4: unknown[][];
}

const hasTable = (db: Db, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

function chosen(db: Db, choice: IndexChoice): { name: string; sql: string }[] {
  const unique = new Set(choice.unique ?? []);
  const indexes = (
    db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (${choice.tables.map(() => '?').join(', ')}) ORDER BY rowid`,
      )
      .all(...choice.tables) as { name: string; sql: string }[]
  ).filter(
    ({ name, sql }) => (!/^CREATE UNIQUE /i.test(sql) || unique.has(name)) && !choice.keep?.includes(name),
  );
  const columns = choice.columns;
  if (!columns) return indexes;
  const wanted = new Set(columns);
  return indexes.filter(({ name, sql }) => {
    if (unique.has(name) || /\bWHERE\b/i.test(sql)) return true;
    const cols = db.prepare('SELECT name FROM pragma_index_xinfo(?) WHERE key = 1').pluck().all(name) as (
      | string
      | null
    )[];
    return cols.some((c) => c === null || wanted.has(c));
  });
}

/**
 * Runs `write` with the chosen indexes dropped, then creates them again. Their planner
 * statistics, if ANALYZE made any, are put back as they were.
 */
export function withIndexesDropped<T>(db: Db, choice: IndexChoice, write: () => T): T {
  if (!db.inTransaction) throw new Error('withIndexesDropped runs inside a transaction');
  const stats = (stat: string, name: string) =>
    hasTable(db, stat)
      ? (db.prepare(`SELECT * FROM ${stat} WHERE idx = ?`).raw().all(name) as unknown[][])
      : [];
  const dropped: Dropped[] = chosen(db, choice).map(({ name, sql }) => ({
    name,
    sql,
    stat1: stats('sqlite_stat1', name),
    stat4: stats('sqlite_stat4', name),
  }));
  for (const { name } of dropped) db.exec(`DROP INDEX "${name}"`);
  const result = write();
  const later = new Set(choice.later ?? []);
  for (const { name, sql } of dropped) if (later.has(name)) recordPendingIndex(db, name, sql);
  const sort = choice.sort;
  const before = sort && {
    cache: db.pragma('cache_size', { simple: true }) as number,
    threads: db.pragma('threads', { simple: true }) as number,
  };
  if (sort) {
    db.pragma(`cache_size = ${-Math.round(sort.cacheKib)}`);
    db.pragma(`threads = ${Math.round(sort.threads)}`);
  }
  let restats = false;
  try {
    for (const { name, sql, stat1, stat4 } of dropped) {
      if (later.has(name)) continue;
      try {
        db.exec(sql);
      } catch (e) {
        throw choice.rebuildFailed?.(name, e) ?? e;
      }
      for (const row of stat1) db.prepare('INSERT INTO sqlite_stat1 VALUES (?, ?, ?)').run(...row);
      for (const row of stat4) db.prepare('INSERT INTO sqlite_stat4 VALUES (?, ?, ?, ?, ?, ?)').run(...row);
      restats ||= stat1.length + stat4.length > 0;
    }
  } finally {
    if (before) {
      db.pragma(`cache_size = ${before.cache}`);
      db.pragma(`threads = ${before.threads}`);
    }
  }
  // The planner reads the statistics when it loads the schema: reload them now.
  if (restats) db.exec('ANALYZE sqlite_master');
  return result;
}
