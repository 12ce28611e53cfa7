/**
 * Indexes a bulk load left to build later: the ones only the Stats screen or Browse's sorts
 * read (review_log_stats over a million answers is a second of the import's storing thread).
 * The load drops them in its own transaction and records each one's CREATE here (migration
 * 15), so a crash or a rollback leaves either the index or its record, never neither. They are
 * built when the app is idle after opening, or by the first query that names them
 * (`INDEXED BY`, which fails without its index), or before a migration (which may change
 * them), or in a read-only snapshot before it is opened (readonly-copy.ts). Until then every
 * query that does not name them is correct: SQLite plans without them.
 */
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

/**
 * Builds the pending indexes among `names` (every pending one when absent), each with its
 * record removed in the same write transaction (BEGIN IMMEDIATE: read again under the lock,
 * since another process may have built them meanwhile). Returns how many it built; costs one
 * small read when none is pending. A read-only connection builds nothing.
 */
export function buildPendingIndexes(db: Db, names?: readonly string[]): number {
  if (!anyPending(db, names) || db.readonly) return 0;
  const build = () => {
    let built = 0;
    const rows = db.prepare('SELECT name, sql FROM indexes_pending ORDER BY name').all() as {
      name: string;
      sql: string;
    }[];
    for (const { name, sql } of rows) {
      if (names && !names.includes(name)) continue;
      db.exec(sql);
      db.prepare('DELETE FROM indexes_pending WHERE name = ?').run(name);
      built++;
    }
    return built;
  };
  return db.inTransaction ? build() : db.transaction(build).immediate();
}

function anyPending(db: Db, names?: readonly string[]): boolean {
  const pending = pendingIndexNames(db);
  return names ? pending.some((n) => names.includes(n)) : pending.length > 0;
}
