import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type Mnemo, openMnemo } from '../../core/index.ts';
import type { Db } from '../../core/store/db.ts';

export { seededRandom } from '../../core/util/random.ts';

/** A settable clock for tests: `clock.now` is the time every core call sees. */
export class TestClock {
  constructor(public now: number) {}
  readonly read = () => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mnemo-test-'));
  dirs.push(dir);
  return dir;
}

/** A fresh collection in a real SQLite file in a temp dir, removed after the test. */
export function tempMnemo(start = Date.parse('2026-11-29T10:00:00+08:00')): Mnemo & { clock: TestClock } {
  const clock = new TestClock(start);
  const mnemo = openMnemo({ dataDir: tempDir(), clock: clock.read });
  return Object.assign(mnemo, { clock });
}

/**
 * Every row of every table, each value with its SQLite type, in key order. Virtual tables
 * are read through their shadow tables (the full-text index's are WITHOUT ROWID or keyed by
 * rowid: both read in key order). `skip`: tables left out; `where`: a filter per table;
 * `map`: a row rewritten before it is kept (e.g. a random part of an id cut off).
 */
export function typedRows(
  db: Db,
  options: {
    skip?: RegExp;
    where?: Record<string, string>;
    map?: (table: string, columns: string[], row: unknown[]) => unknown[];
  } = {},
): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  const tables = db
    .prepare(
      `SELECT name, sql LIKE '%WITHOUT ROWID%' AS keyed FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL %' ORDER BY name`,
    )
    .all() as { name: string; keyed: number }[];
  for (const { name: t, keyed } of tables) {
    if (options.skip?.test(t)) continue;
    const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    const typed = cols.map((c) => `typeof(${c}), ${c}`).join(', ');
    const where = options.where?.[t] ? ` WHERE ${options.where[t]}` : '';
    const rows = db
      .prepare(`SELECT ${typed} FROM ${t}${where}${keyed ? '' : ' ORDER BY rowid'}`)
      .raw()
      .all() as unknown[][];
    out[t] = options.map ? rows.map((row) => options.map!(t, cols, row)) : rows;
  }
  return out;
}

/**
 * A digest of every row of every table with each value's SQLite type, so a change to any
 * value (even an integer stored as a real) shows. Doubles survive JSON exactly.
 */
export function checksum(db: Db): string {
  const hash = createHash('sha256');
  for (const [t, rows] of Object.entries(typedRows(db))) {
    hash.update(`${t}\n`);
    for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}

/** Every column of a card row with its SQLite type, for byte-level comparisons. */
export function typedRow(db: Db, table: string, id: number | string): unknown[] {
  const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  return db
    .prepare(
      `SELECT ${cols.map((c) => `typeof(${c}), quote(${c}), ${c}`).join(', ')} FROM ${table} WHERE id = ?`,
    )
    .raw()
    .get(id) as unknown[];
}

/** Adds `n` basic notes to a deck and returns their card ids. */
export function addBasicCards(mnemo: Mnemo, deckId: number, n: number, prefix = 'q'): number[] {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      ...mnemo.api.notes.add({ deckId, kind: 'basic', fields: { front: `${prefix}${i}`, back: `a${i}` } })
        .cardIds,
    );
  }
  return ids;
}
