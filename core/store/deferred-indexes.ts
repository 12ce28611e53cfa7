/**
 * A bulk load that brings more rows than a table holds pays less for building its secondary
 * indexes once, from sorted keys, than for updating them row by row. The indexes that
 * enforce nothing (not UNIQUE, and not the automatic ones of UNIQUE and PRIMARY KEY
 * constraints, which have no SQL) are dropped for the load and created again after it from
 * their own stored SQL, inside the caller's transaction: a failure rolls the drop back.
 */
import type { Db } from './db.ts';

export function withIndexesDropped<T>(db: Db, tables: readonly string[], load: () => T): T {
  if (!db.inTransaction) throw new Error('withIndexesDropped runs inside a transaction');
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${tables.map(() => '?').join(', ')})
       AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY rowid`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
  const result = load();
  for (const { sql } of indexes) db.exec(sql);
  return result;
}
