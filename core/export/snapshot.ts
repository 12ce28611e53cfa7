/**
 * What an exporter reads: its OWN read-only connection to the collection, in one read
 * transaction, so the export is a consistent snapshot however long it takes, while the app
 * keeps answering on its own connection (WAL lets a reader and a writer work at once).
 * Rows are read in pages by key, with a pause between pages (setImmediate), so a large
 * export never blocks the event loop that serves the app, and reports its progress.
 */
import Database from 'better-sqlite3';
import { subtreeIds } from '../decks/decks.ts';
import { notFound } from '../errors.ts';
import type { DeckRow } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';
import type { Db } from '../store/db.ts';
import type { OnProgress } from './types.ts';

const PAGE = 1000;

export class Snapshot {
  readonly db: Db;
  /** The selected decks (each with its subdecks), as a JSON array for `json_each(?)`. */
  readonly deckIds: number[];
  readonly deckIdsJson: string;
  private done = 0;
  total = 0;

  constructor(
    col: Collection,
    deckIds: readonly number[] | undefined,
    private readonly onProgress?: OnProgress,
  ) {
    // db.name: the file actually open, which for a read-only folder is Mnemo's private copy.
    // Electron's build of better-sqlite3 is named by the same variable the store uses.
    this.db = new Database(col.db.name, {
      readonly: true,
      fileMustExist: true,
      nativeBinding: process.env.MNEMO_SQLITE_BINDING || undefined,
    });
    try {
      this.db.exec('BEGIN');
      const decks = this.db.prepare('SELECT * FROM decks').all() as DeckRow[];
      const selected = new Set<number>();
      for (const id of deckIds ?? decks.filter((d) => d.parent_id === null).map((d) => d.id)) {
        if (!decks.some((d) => d.id === id)) throw notFound(`deck ${id} does not exist`);
        for (const sub of subtreeIds(decks, id)) selected.add(sub);
      }
      this.deckIds = [...selected].sort((a, b) => a - b);
      this.deckIdsJson = JSON.stringify(this.deckIds);
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  /** Rows of `sql` (which must take @after and @limit: `WHERE key > @after ORDER BY key LIMIT @limit`), page by page. */
  async *pages<T>(
    sql: string,
    key: (row: T) => number,
    params: Record<string, unknown> = {},
  ): AsyncGenerator<T[]> {
    const stmt = this.db.prepare(sql);
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = stmt.all({ ...params, decks: this.deckIdsJson, after, limit: PAGE }) as T[];
      if (rows.length === 0) return;
      yield rows;
      this.advance(rows.length);
      after = key(rows.at(-1)!);
      await new Promise(setImmediate);
    }
  }

  /** Counts rows written so far and tells the listener. */
  advance(n: number): void {
    this.done += n;
    this.onProgress?.(Math.min(this.done, this.total), this.total);
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }
}

/** SQL: notes with a card in the selected decks (retired notes and cards only when asked); `n` names the notes table. */
export function selectedNotes(retired: boolean, n = 'notes'): string {
  const live = retired ? '' : ' AND retired = 0';
  return `${n}.id IN (SELECT note_id FROM cards WHERE deck_id IN (SELECT value FROM json_each(@decks))${live})${retired ? '' : ` AND ${n}.retired = 0`}`;
}
