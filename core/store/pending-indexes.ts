/**
 * Indexes a bulk write leaves to build later: dropped inside the write's transaction and
 * recorded in indexes_pending (migration 15) with their CREATE statement, in that same
 * transaction, so a crash either keeps both the index and no mark, or neither the index nor
 * its rows' entries but the mark. They are built again when the app is idle after opening,
 * or by the first query that reads them (its caller asks `indexesReady` first). Meanwhile
 * nothing is wrong, only slower: queries that do not name them plan without them.
 *
 * For a first compile of 100,000 cards, Browse's sort indexes (cards/sort-indexes.ts) are a
 * fifth of its index building, and built later they cost nothing the compile waits for.
 */
import type { Collection } from './collection.ts';
import type { Db } from './db.ts';

/**
 * Drops the named indexes that exist (a name already pending or never created is skipped)
 * and records them as pending. Runs inside the caller's transaction: a rollback brings the
 * indexes back and forgets the marks.
 */
export function deferIndexes(db: Db, names: readonly string[]): void {
  if (!db.inTransaction) throw new Error('deferIndexes runs inside a transaction');
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND name IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
    )
    .all(JSON.stringify(names)) as { name: string; sql: string }[];
  const mark = db.prepare('INSERT INTO indexes_pending (name, sql) VALUES (?, ?)');
  for (const { name, sql } of indexes) {
    db.exec(`DROP INDEX "${name}"`);
    mark.run(name, sql);
  }
}

/** Whether any index waits to be built: one read of a table that is empty almost always. */
export function hasPendingIndexes(col: Collection): boolean {
  return col.stmt('SELECT 1 FROM indexes_pending LIMIT 1').get() !== undefined;
}

/**
 * Builds every pending index in one transaction and forgets their marks; returns how many it
 * built, 0 with no write when none is pending.
 */
export function buildPendingIndexes(col: Collection): number {
  if (!hasPendingIndexes(col)) return 0;
  // Read again under the write lock: another process may have built them meanwhile.
  return col.tx(() => buildIn(col.db));
}

/**
 * Before migrations run on a collection that has the table: a migration may drop or change an
 * index that is pending, and meets it as the schema it was written against.
 */
export function buildBeforeMigrating(db: Db): void {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'indexes_pending'");
  if (table.get() !== undefined) db.transaction(() => buildIn(db)).immediate();
}

function buildIn(db: Db): number {
  const pending = db.prepare('SELECT name, sql FROM indexes_pending ORDER BY rowid').all() as {
    name: string;
    sql: string;
  }[];
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
  let built = 0;
  for (const { name, sql } of pending) {
    if (exists.get(name) !== undefined) continue;
    db.exec(sql);
    built++;
  }
  if (pending.length > 0) db.exec('DELETE FROM indexes_pending');
  return built;
}

/**
 * Whether the pending indexes may be read: yes once built, building them first when some
 * wait; a read-only collection that cannot build them answers false, and its caller reads
 * without them.
 */
export function indexesReady(col: Collection): boolean {
  if (!hasPendingIndexes(col)) return true;
  if (col.db.readonly) return false;
  buildPendingIndexes(col);
  return true;
}
