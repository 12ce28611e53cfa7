/**
 * One imported note: matched by guid, added, updated or left alone, with its cards matched
 * by (note, ord). A note is updated when its content (kind, fields, tags, context, the
 * decks of its cards) differs and the import's version is newer, or undated; then its cards
 * follow its kind as a compile does (new ords added, gone ones retired). History is merged
 * whether or not the note's content changed.
 */
import type { CardRow, NoteRow } from '../model/types.ts';
import { joinTags } from '../notes/notes.ts';
import { cardOrds, type NoteFields } from '../notes/render.ts';
import { addCard, type CardContext, mergeCard } from './apply-cards.ts';
import type { ImportDecks } from './apply-decks.ts';
import type { ImportedCard, ImportedNote, ImportedSource } from './batch.ts';
import { rewriteMediaRefs } from './media.ts';

export interface NoteContext extends CardContext {
  /** False when the collection had no notes as the import began (then no guid can match one). */
  hadNotes: boolean;
  decks: ImportDecks;
  deckOverride?: string;
  renamed: ReadonlyMap<string, string>;
  /** The next new-card position (one per note, so siblings stay together). */
  position: (given: number | undefined) => number;
  counts: CardContext['counts'] & { notesAdded: number; notesUpdated: number; notesUnchanged: number };
  /** Tallies of things skipped, reported as one warning each. */
  skipped: Map<string, number>;
}

function skip(ctx: NoteContext, why: string): void {
  ctx.skipped.set(why, (ctx.skipped.get(why) ?? 0) + 1);
}

/** Anki allows no spaces in a tag either; one that has them keeps them as underscores. */
const cleanTags = (tags: readonly string[]) => tags.map((t) => t.trim().replace(/\s+/g, '_')).filter(Boolean);

function sameFields(stored: string, fields: NoteFields): boolean {
  const a = JSON.parse(stored) as NoteFields;
  return (
    (['front', 'back', 'text', 'extra'] as const).every((k) => (a[k] ?? '') === (fields[k] ?? '')) &&
    !!a.typeIn === !!fields.typeIn
  );
}

type Existing = Pick<NoteRow, 'id' | 'kind' | 'fields' | 'tags' | 'context' | 'modified_at'>;
type LocalCard = { id: number; ord: number; deck_id: number; retired: number };

export function applyNote(ctx: NoteContext, note: ImportedNote): void {
  const { col } = ctx;
  const fields = rewriteMediaRefs(note.fields, ctx.renamed);
  const tags = joinTags(cleanTags(note.tags));
  const context = note.context ?? '';
  const ords = cardOrds(note.kind, fields);
  const incoming = new Map(note.cards.map((c) => [c.ord, c]));
  const deckName = (ord: number) => ctx.deckOverride ?? incoming.get(ord)?.deck ?? note.cards[0]?.deck;
  const problem =
    ords.length === 0
      ? 'cloze note(s) without a {{c1::…}} left out'
      : note.kind !== 'cloze' && !fields.front?.trim()
        ? 'note(s) with an empty front left out'
        : ords.some((o) => deckName(o) === undefined)
          ? 'note(s) without cards (so without a deck) left out'
          : null;
  if (problem) {
    skip(ctx, problem);
    return;
  }
  for (const c of note.cards)
    if (!ords.includes(c.ord)) skip(ctx, 'card(s) whose cloze is gone from the text left out');

  // The batch's guids are distinct (checkBatch), so in a collection that had no notes none matches.
  const existing = ctx.hadNotes
    ? (col
        .stmt('SELECT id, kind, fields, tags, context, modified_at FROM notes WHERE guid = ?')
        .get(note.guid) as Existing | undefined)
    : undefined;
  if (!existing) {
    addNote(ctx, note, fields, tags, context, ords, deckName as (o: number) => string);
    return;
  }

  // The cards and rows this note's writes read must all be stored, in order, before them.
  ctx.writes.drain();
  const cards = col
    .stmt('SELECT id, ord, deck_id, retired FROM cards WHERE note_id = ?')
    .all(existing.id) as LocalCard[];
  const moved = (c: LocalCard) =>
    !ctx.deckOverride && incoming.has(c.ord) && ctx.decks.existingId(incoming.get(c.ord)!.deck) !== c.deck_id;
  const changed =
    existing.kind !== note.kind ||
    !sameFields(existing.fields, fields) ||
    existing.tags !== tags ||
    existing.context !== context ||
    cards.some(moved);
  const newer = note.modifiedAt === undefined || note.modifiedAt > existing.modified_at;
  if (changed && newer) {
    col
      .stmt('UPDATE notes SET kind = ?, fields = ?, tags = ?, context = ?, modified_at = ? WHERE id = ?')
      .run(note.kind, JSON.stringify(fields), tags, context, note.modifiedAt ?? ctx.now, existing.id);
    syncCards(ctx, existing.id, cards, ords, deckName as (o: number) => string, incoming);
    ctx.counts.notesUpdated++;
  } else {
    if (changed) skip(ctx, 'note(s) kept as they are: yours were changed more recently');
    ctx.counts.notesUnchanged++;
  }
  // Cards the note had before: a card syncCards just added came with its history already.
  ctx.writes.drain();
  const had = new Set(cards.map((c) => c.id));
  for (const c of col.stmt('SELECT * FROM cards WHERE note_id = ?').all(existing.id) as CardRow[]) {
    const inc = incoming.get(c.ord);
    if (inc && had.has(c.id)) mergeCard(ctx, c, inc);
  }
}

function addNote(
  ctx: NoteContext,
  note: ImportedNote,
  fields: NoteFields,
  tags: string,
  context: string,
  ords: number[],
  deckName: (ord: number) => string,
): void {
  const { col, now } = ctx;
  let source: ImportedSource | undefined = note.source;
  if (source?.id && col.stmt('SELECT 1 FROM notes WHERE source_id = ?').get(source.id)) {
    skip(ctx, 'source id(s) already used by another note dropped');
    source = { ...source, id: null };
  }
  const noteId = Number(
    col
      .stmt(
        `INSERT INTO notes (guid, kind, fields, tags, context, source_file, source_line, content_hash, created_at,
         modified_at, source_key, source_id, source_index, source_section, retired)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        note.guid,
        note.kind,
        JSON.stringify(fields),
        tags,
        context,
        source?.file ?? null,
        source?.line ?? null,
        source?.contentHash ?? null,
        note.createdAt ?? now,
        note.modifiedAt ?? now,
        source?.key ?? null,
        source?.id ?? null,
        source?.index ?? null,
        source?.section ?? null,
        note.retired ? 1 : 0,
      ).lastInsertRowid,
  );
  ctx.counts.notesAdded++;
  const byOrd = new Map(note.cards.map((c) => [c.ord, c]));
  // Siblings share a position; an imported position wins (a restore keeps the new-card order).
  const given = note.cards.find((c) => c.newPosition !== undefined)?.newPosition;
  const shared = ctx.position(given);
  for (const ord of ords) {
    const inc = byOrd.get(ord);
    const position = inc?.newPosition !== undefined ? ctx.position(inc.newPosition) : shared;
    addCard(ctx, noteId, ord, ctx.decks.idFor(deckName(ord)), position, inc);
  }
}

/** Makes an updated note's cards match its kind and decks: new ords added, gone ones retired. */
function syncCards(
  ctx: NoteContext,
  noteId: number,
  cards: LocalCard[],
  ords: number[],
  deckName: (ord: number) => string,
  incoming: ReadonlyMap<number, ImportedCard>,
): void {
  const { col, now } = ctx;
  const want = new Set(ords);
  for (const c of cards) {
    const retired = want.has(c.ord) ? 0 : 1;
    const deckId = retired || ctx.deckOverride ? c.deck_id : ctx.decks.idFor(deckName(c.ord));
    if (c.retired !== retired || c.deck_id !== deckId) {
      col
        .stmt('UPDATE cards SET retired = ?, deck_id = ?, modified_at = ? WHERE id = ?')
        .run(retired, deckId, now, c.id);
      ctx.counts.cardsUpdated++;
    }
    want.delete(c.ord);
  }
  if (want.size === 0) return;
  const position = ctx.position(undefined);
  for (const ord of want)
    addCard(ctx, noteId, ord, ctx.decks.idFor(deckName(ord)), position, incoming.get(ord));
}
