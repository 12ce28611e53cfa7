/**
 * A compile's new notes and their cards, stored many rows per INSERT statement: a row at a
 * time, better-sqlite3's call and SQLite's statement step cost as much as the row itself
 * (100,000 notes and 125,000 cards). Note ids are given explicitly, the next after the
 * largest, which is the id SQLite would have picked for each (no AUTOINCREMENT), so the
 * compiler knows a note's id as soon as it is queued. Rows wait in memory until `flush`,
 * which must run before anything reads them back.
 */

import type { Statement } from 'better-sqlite3';
import { NOTE_INSERT_COLUMNS, type NoteRowValues, noteInsertValues } from '../notes/notes.ts';
import { SortedUuidv7 } from '../review/uuid.ts';
import type { Collection } from '../store/collection.ts';

const NOTE_COLUMNS = `id, ${NOTE_INSERT_COLUMNS}`;
const NOTE_WIDTH = 15;
const CARD_COLUMNS = 'note_id, deck_id, ord, due, new_position, created_at, modified_at';
const CARD_WIDTH = 7;
/** Rows per statement: 64 notes are 960 parameters, well under SQLite's limit. */
const ROWS = 64;

export class NewNotes {
  private nextId: number;
  private notes: unknown[] = [];
  private cards: unknown[] = [];
  /** Guids queued and not yet stored, so that a look-up by guid sees them too. */
  private readonly guids = new Set<string>();
  /** New guids in order: appended to the guid index rather than spread through it. */
  private readonly uuids = new SortedUuidv7();
  /** Each table's statement of ROWS rows, made once (its SQL is long to build and to look up). */
  private readonly full = new Map<string, Statement>();

  constructor(private readonly col: Collection) {
    this.nextId = (col.stmt('SELECT coalesce(max(id), 0) FROM notes').pluck().get() as number) + 1;
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
    this.notes.push(noteId);
    for (const v of noteInsertValues(note, guid, fieldsJson, now)) this.notes.push(v);
    const position = this.col.nextNewPosition();
    for (const ord of ords) this.cards.push(noteId, note.deckId, ord, now, position, now, now);
    if (this.notes.length >= ROWS * NOTE_WIDTH) this.flush(false);
    return { noteId, cards: ords.length };
  }

  /**
   * Stores every queued note, then their cards (the cards' foreign key); with `all` false,
   * cards short of a full statement wait for the next flush.
   */
  flush(all = true): void {
    this.notes = this.store('notes', NOTE_COLUMNS, NOTE_WIDTH, this.notes, true);
    this.cards = this.store('cards', CARD_COLUMNS, CARD_WIDTH, this.cards, all);
    this.guids.clear();
  }

  /** Inserts the rows in `values`, ROWS a statement; returns those left (all but a short tail are stored). */
  private store(table: string, columns: string, width: number, values: unknown[], all: boolean): unknown[] {
    const rows = values.length / width;
    const full = Math.floor(rows / ROWS);
    if (full > 0) {
      let many = this.full.get(table);
      if (!many) {
        many = this.insert(table, columns, width, ROWS);
        this.full.set(table, many);
      }
      const n = ROWS * width;
      if (values.length === n) {
        many.run(values);
        return [];
      }
      for (let r = 0; r < full; r++) many.run(values.slice(r * n, (r + 1) * n));
    }
    const tail = values.slice(full * ROWS * width);
    if (!all || tail.length === 0) return tail;
    this.insert(table, columns, width, tail.length / width).run(tail);
    return [];
  }

  private insert(table: string, columns: string, width: number, rows: number): Statement {
    const row = `(${new Array(width).fill('?').join(', ')})`;
    return this.col.stmt(`INSERT INTO ${table} (${columns}) VALUES ${new Array(rows).fill(row).join(', ')}`);
  }
}
