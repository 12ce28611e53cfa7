/**
 * A card's identity on every device: its note's id from the deck file (`^id-…`, the same
 * wherever the file is compiled) or, for a note with none (added or imported in the app),
 * its guid; then the card's ordinal. Never a local row id.
 */
import type { CardRow } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';

export function cardKey(note: { source_id: string | null; guid: string }, ord: number): string {
  return note.source_id !== null ? `${note.source_id}/${ord}` : `g:${note.guid}/${ord}`;
}

/** The identity of a card of this collection. */
export function keyOfCard(col: Collection, card: Pick<CardRow, 'note_id' | 'ord'>): string {
  const note = col.stmt('SELECT source_id, guid FROM notes WHERE id = ?').get(card.note_id) as {
    source_id: string | null;
    guid: string;
  };
  return cardKey(note, card.ord);
}

/**
 * Once sync is set up, the row with its identity as the scheduler's fuzz seed (see
 * core/scheduler/fsrs.ts), so a replay on another device gives the same due dates; without
 * sync, fuzz stays seeded by the row id as before (sync's set-up re-derives the history).
 */
export function seeded<R extends CardRow>(col: Collection, card: R): R & { seed?: string } {
  return col.settings().syncFolder ? { ...card, seed: keyOfCard(col, card) } : card;
}

/** The local card a key names, or undefined when this collection has no such card (yet). */
export function cardOfKey(col: Collection, key: string): number | undefined {
  const slash = key.lastIndexOf('/');
  const ord = Number(key.slice(slash + 1));
  const note = key.slice(0, slash);
  const sql = note.startsWith('g:')
    ? 'SELECT c.id FROM notes n JOIN cards c ON c.note_id = n.id AND c.ord = ? WHERE n.guid = ?'
    : 'SELECT c.id FROM notes n JOIN cards c ON c.note_id = n.id AND c.ord = ? WHERE n.source_id = ?';
  return col
    .stmt(sql)
    .pluck()
    .get(ord, note.startsWith('g:') ? note.slice(2) : note) as number | undefined;
}
