/**
 * Updating a large share of a table's rows in place moves each row's entry in every index on
 * the changed columns, at random places: for 63,000 of 100,000 cards that was four times
 * the cost of dropping those indexes and building them again from the rows (a sort each).
 */
import type { Db } from './db.ts';

interface Dropped {
  sql: string;
  stat1: unknown[][];
  stat4: unknown[][];
}

const hasTable = (db: Db, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/**
 * Runs `fn` (inside the caller's transaction: a rollback brings the indexes back too) with
 * the indexes of `table` that `columns` touch dropped (those with a column among them, or
 * partial ones, whose condition may name one), then creates them again from their own SQL.
 * Their planner statistics, if ANALYZE made any, are put back as they were.
 */
export function withIndexesDropped<T>(db: Db, table: string, columns: readonly string[], fn: () => T): T {
  if (!db.inTransaction) throw new Error('withIndexesDropped runs inside a transaction');
  const wanted = new Set(columns);
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as { name: string; sql: string }[];
  const touched = indexes.filter(({ name, sql }) => {
    if (/\bWHERE\b/i.test(sql)) return true;
    const cols = db.prepare('SELECT name FROM pragma_index_xinfo(?) WHERE key = 1').pluck().all(name) as (
      | string
      | null
    )[];
    // An expression (no name) may read any column.
    return cols.some((c) => c === null || wanted.has(c));
  });
  const stats = (stat: string, name: string) =>
    hasTable(db, stat)
      ? (db.prepare(`SELECT * FROM ${stat} WHERE idx = ?`).raw().all(name) as unknown[][])
      : [];
  const dropped: Dropped[] = touched.map(({ name, sql }) => ({
    sql,
    stat1: stats('sqlite_stat1', name),
    stat4: stats('sqlite_stat4', name),
  }));
  for (const { name } of touched) db.exec(`DROP INDEX "${name}"`);
  const result = fn();
  let restats = false;
  for (const { sql, stat1, stat4 } of dropped) {
    db.exec(sql);
    for (const row of stat1) db.prepare('INSERT INTO sqlite_stat1 VALUES (?, ?, ?)').run(...row);
    for (const row of stat4) db.prepare('INSERT INTO sqlite_stat4 VALUES (?, ?, ?, ?, ?, ?)').run(...row);
    restats ||= stat1.length + stat4.length > 0;
  }
  // The planner reads the statistics when it loads the schema: reload them now.
  if (restats) db.exec('ANALYZE sqlite_master');
  return result;
}
