/**
 * A compile's new notes and their cards, stored many rows per INSERT statement: a row at a
 * time, better-sqlite3's call and SQLite's statement step cost as much as the row itself
 * (100,000 notes and 125,000 cards). Note ids are given explicitly, the next after the
 * largest, which is the id SQLite would have picked for each (no AUTOINCREMENT), so the
 * compiler knows a note's id as soon as it is queued. Rows wait in memory until `flush`,
 * which must run before anything reads them back.
 */

import type { Statement } from 'better-sqlite3';
import { NOTE_INSERT_COLUMNS, type NoteRowValues, writeNoteValues } from '../notes/notes.ts';
import { SortedUuidv7 } from '../review/uuid.ts';
import type { Collection } from '../store/collection.ts';

const NOTE_COLUMNS = `id, ${NOTE_INSERT_COLUMNS}`;
const NOTE_WIDTH = 15;
const CARD_COLUMNS = 'note_id, deck_id, ord, due, new_position, created_at, modified_at';
const CARD_WIDTH = 7;
/** Rows per statement: 64 notes are 960 parameters, well under SQLite's limit. */
const ROWS = 64;

/**
 * Rows of one table waiting for their INSERT, in one array that is written in place and
 * never shrinks (built up by push and cut by slice, the arrays cost a compile's thread ~0.1 s
 * for 100,000 notes).
 */
class Rows {
  values: unknown[] = [];
  length = 0;
  private statement: Statement | null = null;

  constructor(
    private readonly col: Collection,
    private readonly table: string,
    private readonly columns: string,
    readonly width: number,
  ) {}

  get rows(): number {
    return this.length / this.width;
  }

  /**
   * Inserts the rows, ROWS a statement; with `all` false a tail short of a full statement
   * waits, moved to the front.
   */
  store(all: boolean): void {
    const n = ROWS * this.width;
    const full = Math.floor(this.length / n);
    if (full > 0) {
      this.statement ??= this.insert(ROWS);
      if (this.length === n && this.values.length === n) this.statement.run(this.values);
      else for (let r = 0; r < full; r++) this.statement.run(this.values.slice(r * n, (r + 1) * n));
    }
    const from = full * n;
    if (from === this.length) {
      this.length = 0;
      return;
    }
    if (all) {
      this.insert((this.length - from) / this.width).run(this.values.slice(from, this.length));
      this.length = 0;
      return;
    }
    for (let i = from; i < this.length; i++) this.values[i - from] = this.values[i];
    this.length -= from;
  }

  private insert(rows: number): Statement {
    const row = `(${new Array(this.width).fill('?').join(', ')})`;
    return this.col.stmt(
      `INSERT INTO ${this.table} (${this.columns}) VALUES ${new Array(rows).fill(row).join(', ')}`,
    );
  }
}

export class NewNotes {
  private nextId: number;
  private readonly notes: Rows;
  private readonly cards: Rows;
  /** Guids queued and not yet stored, so that a look-up by guid sees them too. */
  private readonly guids = new Set<string>();
  /** New guids in order: appended to the guid index rather than spread through it. */
  private readonly uuids = new SortedUuidv7();

  constructor(private readonly col: Collection) {
    this.nextId = (col.stmt('SELECT coalesce(max(id), 0) FROM notes').pluck().get() as number) + 1;
    this.notes = new Rows(col, 'notes', NOTE_COLUMNS, NOTE_WIDTH);
    this.cards = new Rows(col, 'cards', CARD_COLUMNS, CARD_WIDTH);
  }

  /** Whether a note has this guid, stored or queued. */
  hasGuid(guid: string): boolean {
    return (
      this.guids.has(guid) || this.col.stmt('SELECT 1 FROM notes WHERE guid = ?').get(guid) !== undefined
    );
  }

  /**
   * Queues a note and its cards (`ords`: newNoteOrds of the note, which checks it as addNote
   * does), its fields as `fieldsJson` (JSON.stringify(note.fields), made once by the caller);
   * returns its id and card count.
   */
  add(
    fieldsJson: string,
    note: NoteRowValues,
    ords: readonly number[] | Uint32Array,
  ): { noteId: number; cards: number } {
    const now = this.col.now();
    const noteId = this.nextId++;
    const guid = note.guid ?? this.uuids.next(now);
    this.guids.add(guid);
    // NOTE_COLUMNS' order: the id, then noteInsertValues'.
    const v = this.notes.values;
    v[this.notes.length] = noteId;
    const i = writeNoteValues(v, this.notes.length + 1, note, guid, fieldsJson, now);
    this.notes.length = i;
    const position = this.col.nextNewPosition();
    const c = this.cards.values;
    let j = this.cards.length;
    for (let k = 0; k < ords.length; k++) {
      c[j++] = noteId;
      c[j++] = note.deckId;
      c[j++] = ords[k];
      c[j++] = now;
      c[j++] = position;
      c[j++] = now;
      c[j++] = now;
    }
    this.cards.length = j;
    if (this.notes.rows >= ROWS) this.flush(false);
    return { noteId, cards: ords.length };
  }

  /**
   * Stores every queued note, then their cards (the cards' foreign key); with `all` false,
   * cards short of a full statement wait for the next flush.
   */
  flush(all = true): void {
    this.notes.store(true);
    this.cards.store(all);
    this.guids.clear();
  }
}
