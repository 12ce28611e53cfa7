/**
 * The `collection.anki2` inside an exported package: a fresh SQLite file at Anki's schema 11
 * (rslib/src/storage/schema11.sql), written with journaling and syncing off (it is a
 * scratch file, zipped and deleted), rows inserted through prepared statements.
 */
import Database from 'better-sqlite3';
import type { AnkiCardColumns } from './scheduling.ts';

const SCHEMA11 = `
CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
`;

/**
 * Anki's indexes but the three on `usn` (only syncing reads those, and a package is never
 * synced; the reference lists all seven as optional): Anki 2.1's Python importer looks
 * revlog rows up by card and cards by note, which without these would scan the tables.
 * Built after the rows are in, one statement at a time: keeping the revlog's up to date
 * while its rows go in was measured 40% slower overall and made the file 10% larger,
 * though building it at the end holds the event loop for about a second per million reviews.
 */
const INDEXES = [
  'CREATE INDEX ix_cards_nid ON cards (nid)',
  'CREATE INDEX ix_cards_sched ON cards (did, queue, due)',
  'CREATE INDEX ix_notes_csum ON notes (csum)',
  'CREATE INDEX ix_revlog_cid ON revlog (cid)',
];

export interface ColRow {
  crt: number;
  mod: number;
  conf: unknown;
  models: unknown;
  decks: unknown;
  dconf: unknown;
  tags: unknown;
}

export interface NoteInsert {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  tags: string;
  flds: string;
  sfld: string | number;
  csum: number;
}

/** A card row of the package: its ids and time, and the scheduling columns of `scheduling.ts`. */
export interface CardInsert extends AnkiCardColumns {
  id: number;
  nid: number;
  did: number;
  ord: number;
  mod: number;
}

export class PackageDb {
  private readonly db: Database.Database;
  private readonly noteStmt: Database.Statement;
  private readonly cardStmt: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path, { nativeBinding: process.env.MNEMO_SQLITE_BINDING || undefined });
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -65536'); // 64 MiB: building indexes over a million rows stays in memory
    this.db.pragma('threads = 2'); // index builds sort on a helper thread too
    this.db.exec(SCHEMA11);
    // One transaction for the whole build: a scratch file, so no commit is needed until the end.
    this.db.exec('BEGIN');
    // Positional parameters: binding an array is cheaper than binding an object by names.
    this.noteStmt = this.db.prepare(
      `INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, '')`,
    );
    this.cardStmt = this.db.prepare(
      `INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left,
         odue, odid, flags, data)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
    );
  }

  note(n: NoteInsert): void {
    this.noteStmt.run(n.id, n.guid, n.mid, n.mod, n.tags, n.flds, n.sfld, n.csum);
  }

  card(c: CardInsert): void {
    this.cardStmt.run(
      c.id,
      c.nid,
      c.did,
      c.ord,
      c.mod,
      c.type,
      c.queue,
      c.due,
      c.ivl,
      c.factor,
      c.reps,
      c.lapses,
      c.left,
      c.flags,
      c.data,
    );
  }

  /** Rows per revlog INSERT: one call binding many rows costs less than many calls. */
  static readonly REVLOG_BLOCK = 64;
  private readonly revlogStmts = new Map<number, Database.Statement>();

  /** `rows` revlog rows, eight values each (see revlog.ts), in id order with unique ids. */
  revlogRows(values: number[], rows: number): void {
    let stmt = this.revlogStmts.get(rows);
    if (!stmt) {
      const row = '(?, ?, 0, ?, ?, ?, ?, ?, ?)';
      stmt = this.db.prepare(
        `INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES ${Array(rows).fill(row).join(', ')}`,
      );
      this.revlogStmts.set(rows, stmt);
    }
    stmt.run(values);
  }

  /** The single `col` row (schema version 11); its JSON columns as text. */
  finish(col: ColRow): void {
    this.db
      .prepare(
        `INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
         VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)`,
      )
      .run(
        col.crt,
        col.mod,
        col.mod,
        JSON.stringify(col.conf),
        JSON.stringify(col.models),
        JSON.stringify(col.decks),
        JSON.stringify(col.dconf),
        JSON.stringify(col.tags),
      );
    this.db.exec('COMMIT');
  }

  /** Builds the remaining indexes, one a call (the caller yields in between). */
  *buildIndexes(): Generator<void> {
    for (const sql of INDEXES) {
      this.db.exec(sql);
      yield;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
