/**
 * Stores a compile's plan (plan.ts) inside the compile's transaction: new notes added, changed
 * ones rewritten in one UPDATE with their cards brought in step, kept cards moved, notes gone
 * from their sources retired. Counts what it did into the files' reports.
 */

import { SORT_INDEXES } from '../cards/sort-indexes.ts';
import type { NoteKind } from '../model/types.ts';
import { addCards, joinTags, newNoteOrds } from '../notes/notes.ts';
import { cardOrds, type NoteFields } from '../notes/render.ts';
import { type IndexChoice, withIndexesDropped } from '../store/bulk-indexes.ts';
import type { Collection } from '../store/collection.ts';
import { BULK_NOTES, withInsertsDeferred, withRewritesDeferred } from '../store/summaries.ts';
import type { Candidate, Planned } from './candidate.ts';
import { contentHashOf, frontOf } from './candidate.ts';
import type { FileReport } from './compile-report.ts';
import { guidFromId } from './guid-id.ts';
import type { KeptPlan } from './kept-cards.ts';
import type { MediaImages } from './media.ts';
import { NewNotes } from './new-notes.ts';
import { startFromSchedule } from './sr-schedule.ts';

/**
 * The indexes a bulk load of new notes builds once after it (bulk-indexes.ts): the notes' and
 * cards', but for the partial ones no new note or card enters (retired, suspended or reviewed
 * rows only), left in place: adding nothing to them is free, building them reads the table.
 * Browse's sort indexes are left to build later (store/pending-indexes.ts).
 */
export const NEW_NOTES_INDEXES: IndexChoice = {
  tables: ['notes', 'cards'],
  later: SORT_INDEXES,
  keep: [
    'notes_retired',
    'cards_queue_due',
    'cards_memory',
    'cards_stability',
    'cards_difficulty',
    'cards_suspended_due',
    'cards_recall',
  ],
};

/**
 * The page cache (KiB) while a bulk load of new notes stores its rows and builds their
 * indexes: a 100,000-card compile writes ~60 MB, and with the collection's 32 MiB, pages
 * spilled to the WAL early were written again as the load went on (storing those rows, CPU:
 * 0.89 → 0.80 s; the compiling thread 0.95 → 0.92 s; medians of nine). Dirty pages stay
 * until the commit; the collection's cache size is back after the load.
 */
const BULK_CACHE_KIB = 131_072;

/**
 * Runs a bulk load of new notes (inside the compile's transaction) with NEW_NOTES_INDEXES
 * built once after it, and Browse's sort indexes left for later (store/pending-indexes.ts).
 */
export function withNewNotesIndexes<T>(col: Collection, load: () => T): T {
  const cache = col.db.pragma('cache_size', { simple: true }) as number;
  col.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  try {
    return withIndexesDropped(col.db, NEW_NOTES_INDEXES, load);
  } finally {
    col.db.pragma(`cache_size = ${cache}`);
  }
}

export interface Plans {
  cards: Planned[];
  retire: Candidate[];
  kept: KeptPlan[];
}

export function storePlans(
  col: Collection,
  plans: Plans,
  reports: ReadonlyMap<string, FileReport>,
  media: MediaImages,
  deckId: (name: string) => number,
  onDisk: (stored: string) => string,
): void {
  // A large first compile indexes its new notes' text once at the end (summaries.ts).
  const newNotes = plans.cards.reduce((n, pl) => n + (pl.match ? 0 : 1), 0);
  const store = (rewritten: number[]) => {
    const queued = new NewNotes(col);
    for (const pl of plans.cards) {
      const r = reports.get(pl.file)!;
      const fields = media.store(pl.file, pl.parsed);
      const fieldsJson = JSON.stringify(fields);
      const contentHash = contentHashOf(pl.parsed, fieldsJson);
      const target = deckId(pl.parsed.deck);
      const location = {
        source_file: pl.storedFile,
        source_line: pl.parsed.line,
        source_index: pl.index,
        source_key: pl.key,
        source_id: pl.parsed.id,
        source_section: pl.parsed.source,
      };
      if (!pl.match) {
        const note = {
          deckId: target,
          kind: pl.parsed.kind,
          tags: pl.parsed.tags,
          context: pl.parsed.context,
          sourceFile: pl.storedFile,
          sourceLine: pl.parsed.line,
          sourceIndex: pl.index,
          sourceKey: pl.key,
          sourceId: pl.parsed.id,
          sourceSection: pl.parsed.source,
          contentHash,
          guid: guidOfNewNote(queued, pl.parsed.id),
        };
        const added = queued.add(fieldsJson, note, newNoteOrds({ kind: note.kind, fields }));
        pl.noteId = added.noteId;
        // First compile of a vault card: the plugin's schedule comment is its starting state.
        if (pl.parsed.schedule) {
          queued.flush();
          const cardIds = col
            .stmt('SELECT id FROM cards WHERE note_id = ? ORDER BY id')
            .pluck()
            .all(added.noteId);
          startFromSchedule(col, cardIds as number[], pl.parsed.schedule, target);
        }
        r.added++;
        r.cardsAdded += added.cards;
        continue;
      }
      const note = pl.match;
      pl.noteId = note.id;
      const wasRetired = note.retired === 1;
      if (note.content_hash === contentHash && !wasRetired) {
        // Same content (deck and kind included), so its cards are already right.
        if (locationChanged(note, location)) updateLocation(col, note.id, location);
        r.unchanged++;
        continue;
      }
      const previousFront = pl.how === 'edit' ? frontOf(col, note) : '';
      rewritten.push(note.id);
      rewriteNote(col, note, location, {
        kind: pl.parsed.kind,
        fields: fieldsJson,
        tags: joinTags(pl.parsed.tags),
        context: pl.parsed.context,
        content_hash: contentHash,
        now: col.now(),
        id: note.id,
      });
      const cards = syncCards(col, note.id, pl.parsed.kind, fields, target);
      r.cardsAdded += cards.added;
      r.cardsRetired += cards.retired;
      r.cardsRestored += cards.restored;
      if (wasRetired) r.restored++;
      else if (pl.how === 'edit') {
        r.edited++;
        r.editedFronts.push({ from: previousFront, to: pl.parsed.front, line: pl.parsed.line });
      } else r.updated++;
    }
    queued.flush();
  };
  // More new notes than the collection holds (a first compile): their indexes built once after.
  const bulk =
    newNotes >= BULK_NOTES && newNotes >= (col.stmt('SELECT count(*) FROM notes').pluck().get() as number);
  // Many notes matched (a recompile): the changed ones re-indexed for search once, after.
  const matched = plans.cards.length - newNotes;
  withInsertsDeferred(col.db, newNotes, () =>
    withRewritesDeferred(col.db, matched, (rewritten) =>
      bulk ? withNewNotesIndexes(col, () => store(rewritten)) : store(rewritten),
    ),
  );
  // Cards kept from the last compile (incremental.ts): moved when lines were added above them.
  const move = col.stmt('UPDATE notes SET source_line = ?, source_index = ? WHERE id = ?');
  for (const { file, cards } of plans.kept) {
    for (const k of cards)
      if (k.line !== k.oldLine || k.index !== k.oldIndex) move.run(k.line, k.index, k.id);
    reports.get(file)!.unchanged += cards.length;
  }
  for (const note of plans.retire) {
    col.stmt('UPDATE notes SET retired = 1, modified_at = ? WHERE id = ?').run(col.now(), note.id);
    const cards = col
      .stmt('UPDATE cards SET retired = 1, modified_at = ? WHERE note_id = ? AND retired = 0')
      .run(col.now(), note.id).changes;
    const r = reports.get(onDisk(note.source_file!))!;
    r.retired++;
    r.cardsRetired += cards;
  }
}

/** A new note's guid: the one its id carries (see guid-id.ts) unless a note has it already. */
export function guidOfNewNote(queued: NewNotes, id: string | null): string | undefined {
  const guid = id === null ? null : guidFromId(id);
  return guid !== null && !queued.hasGuid(guid) ? guid : undefined;
}

const LOCATION = [
  'source_file',
  'source_line',
  'source_index',
  'source_key',
  'source_id',
  'source_section',
] as const;

/**
 * One write of a changed note's row, its location included. Only the columns that can have
 * changed are set: a column set to its own value still rewrites the index entries that hold
 * it (three indexes hold location columns), which was most of a spread recompile's UPDATEs.
 */
function rewriteNote(
  col: Collection,
  note: Candidate,
  location: Record<(typeof LOCATION)[number], unknown>,
  row: {
    kind: NoteKind;
    fields: string;
    tags: string;
    context: string;
    content_hash: string;
    now: number;
    id: number;
  },
): void {
  const set = ['fields = @fields', 'tags = @tags', 'context = @context', 'content_hash = @content_hash'];
  if (note.kind !== row.kind) set.push('kind = @kind');
  if (note.retired !== 0) set.push('retired = 0');
  for (const c of LOCATION) if (note[c] !== location[c]) set.push(`${c} = @${c}`);
  col
    .stmt(`UPDATE notes SET ${set.join(', ')}, modified_at = @now WHERE id = @id`)
    .run({ ...location, ...row });
}

function locationChanged(note: Candidate, loc: Record<string, unknown>): boolean {
  return (
    note.source_file !== loc.source_file ||
    note.source_line !== loc.source_line ||
    note.source_index !== loc.source_index ||
    note.source_key !== loc.source_key ||
    note.source_id !== loc.source_id ||
    note.source_section !== loc.source_section
  );
}

function updateLocation(col: Collection, noteId: number, loc: Record<string, unknown>): void {
  col
    .stmt(
      `UPDATE notes SET source_file = @source_file, source_line = @source_line, source_index = @source_index,
         source_key = @source_key, source_id = @source_id, source_section = @source_section
       WHERE id = @id AND (source_file IS NOT @source_file OR source_line IS NOT @source_line
         OR source_index IS NOT @source_index OR source_key IS NOT @source_key OR source_id IS NOT @source_id
         OR source_section IS NOT @source_section)`,
    )
    .run({ ...loc, id: noteId });
}

/**
 * Makes a note's cards match its kind: new ords added, gone ords retired, deck moves applied.
 * Returns how many cards it added, retired and brought back.
 */
function syncCards(
  col: Collection,
  noteId: number,
  kind: NoteKind,
  fields: NoteFields,
  deckId: number,
): { added: number; retired: number; restored: number } {
  const counts = { added: 0, retired: 0, restored: 0 };
  const want = new Set(cardOrds(kind, fields));
  const have = col.stmt('SELECT id, ord, deck_id, retired FROM cards WHERE note_id = ?').all(noteId) as {
    id: number;
    ord: number;
    deck_id: number;
    retired: number;
  }[];
  const now = col.now();
  for (const c of have) {
    const retired = want.has(c.ord) ? 0 : 1;
    if (c.retired !== retired) counts[retired ? 'retired' : 'restored']++;
    if (c.retired !== retired || c.deck_id !== deckId) {
      col
        .stmt('UPDATE cards SET retired = ?, deck_id = ?, modified_at = ? WHERE id = ?')
        .run(retired, deckId, now, c.id);
    }
    want.delete(c.ord);
  }
  if (want.size > 0) {
    addCards(col, noteId, deckId, want, now);
    counts.added = want.size;
  }
  return counts;
}
