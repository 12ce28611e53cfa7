/**
 * Indexes a bulk write left to build later: the ones only the Stats screen or Browse's sorts
 * read. A first compile of 100,000 cards drops Browse's sort indexes (a fifth of its index
 * building); an import of a million answers also the Stats screen's review_log_stats (a second
 * of its storing thread). The write drops them in its own transaction and records each one's
 * CREATE here (migration 15), so a crash or a rollback leaves either the index or its record,
 * never neither. They are built when the app is idle after opening, or by the first query that
 * needs them (`INDEXED BY`, which fails without its index: its caller asks first), or before a
 * migration (which may change them), or in a read-only snapshot before it is opened
 * (readonly-copy.ts). Until then every query that does not name them is correct: SQLite plans
 * without them.
 */
import type { Collection } from './collection.ts';
import type { Db } from './db.ts';

const hasTable = (db: Db) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'indexes_pending'").get() !==
  undefined;

/** Records index `name` (dropped by the caller's transaction) as to be built from `sql` later. */
export function recordPendingIndex(db: Db, name: string, sql: string): void {
  db.prepare('INSERT OR REPLACE INTO indexes_pending (name, sql) VALUES (?, ?)').run(name, sql);
}

/** The indexes waiting to be built (none in a collection from before migration 15). */
export function pendingIndexNames(db: Db): string[] {
  if (!hasTable(db)) return [];
  return db.prepare('SELECT name FROM indexes_pending ORDER BY name').pluck().all() as string[];
}

/** Whether any index waits to be built: one cached read of a table that is empty almost always. */
export function hasPendingIndexes(col: Collection): boolean {
  return col.stmt('SELECT 1 FROM indexes_pending LIMIT 1').get() !== undefined;
}

/**
 * How the builds sort (as a bulk load's, core/store/bulk-indexes.ts): runs of 8 MiB that sort
 * in the CPU's caches, one helper thread.
 */
const SORT_CACHE_KIB = 8 * 1024;
const SORT_THREADS = 1;

/**
 * Builds the pending indexes among `names` (every pending one when absent), each in its own
 * write transaction with its record removed (BEGIN IMMEDIATE, read again under the lock:
 * another process may have built it meanwhile), so a writer waits for one index at most
 * (review_log_stats: about 1 s for a million answers). Returns how many it built; costs one
 * small read when none is pending. A read-only connection builds nothing.
 */
export function buildPendingIndexes(db: Db, names?: readonly string[]): number {
  const wanted = pendingIndexNames(db).filter((n) => !names || names.includes(n));
  if (wanted.length === 0 || db.readonly) return 0;
  const cache = db.pragma('cache_size', { simple: true }) as number;
  const threads = db.pragma('threads', { simple: true }) as number;
  db.pragma(`cache_size = ${-SORT_CACHE_KIB}`);
  db.pragma(`threads = ${SORT_THREADS}`);
  try {
    let built = 0;
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
    const build = (name: string) => {
      const sql = db.prepare('SELECT sql FROM indexes_pending WHERE name = ?').pluck().get(name) as
        | string
        | undefined;
      if (sql === undefined) return;
      if (exists.get(name) === undefined) {
        db.exec(sql);
        built++;
      }
      db.prepare('DELETE FROM indexes_pending WHERE name = ?').run(name);
    };
    for (const name of wanted) {
      if (db.inTransaction) build(name);
      else db.transaction(build).immediate(name);
    }
    return built;
  } finally {
    db.pragma(`cache_size = ${cache}`);
    db.pragma(`threads = ${threads}`);
  }
}
