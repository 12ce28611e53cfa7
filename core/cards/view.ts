import { diskSourcePath } from '../compiler/source-path.ts';
import { notFound } from '../errors.ts';
import type { CardRow, DeckRow, FsrsColumns, NoteRow, ReviewLogRow } from '../model/types.ts';
import { splitTags } from '../notes/notes.ts';
import { cardSides, expectedAnswer, type NoteFields } from '../notes/render.ts';
import { retrievability } from '../scheduler/fsrs.ts';
import type { Collection } from '../store/collection.ts';

const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const;

/** A card as the API returns it: plain JSON, camelCase, sides as Markdown. */
export interface CardView {
  id: number;
  noteId: number;
  deckId: number;
  deckName: string;
  ord: number;
  kind: NoteRow['kind'];
  front: string;
  back: string;
  context: string;
  tags: string[];
  sourceFile: string | null;
  sourceLine: number | null;
  flag: number;
  suspended: boolean;
  buried: boolean;
  leech: boolean;
  retired: boolean;
  /** Ask for the answer to be typed (the deck's preset, or `type:` on the card). */
  typeAnswer: boolean;
  expectedAnswer: string | null;
  fsrs: FsrsView;
}

/** FSRS state as the API returns it (camelCase, state by name). */
export interface FsrsView {
  state: (typeof STATE_NAMES)[number];
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
}

export function fsrsView(c: FsrsColumns): FsrsView {
  return {
    state: STATE_NAMES[c.state]!,
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    lastReview: c.last_review,
  };
}

export function cardView(col: Collection, card: CardRow): CardView {
  const note = col.note(card.note_id)!;
  const deck = col.deck(card.deck_id) as DeckRow;
  const fields = JSON.parse(note.fields) as NoteFields;
  const sides = cardSides(note.kind, fields, card.ord);
  const typeAnswer =
    (fields.typeIn === true && card.ord === 0) || col.preset(deck.preset_id)?.type_answer === 1;
  return {
    id: card.id,
    noteId: note.id,
    deckId: deck.id,
    deckName: deck.name,
    ord: card.ord,
    kind: note.kind,
    front: sides.front,
    back: sides.back,
    context: note.context,
    tags: splitTags(note.tags),
    // The file as it is on disk now (bundled files are recorded relative to the bundle).
    sourceFile: note.source_file === null ? null : diskSourcePath(note.source_file),
    sourceLine: note.source_line,
    flag: card.flag,
    suspended: card.suspended === 1,
    buried: card.buried_until > col.now(),
    leech: card.leech === 1,
    retired: card.retired === 1,
    typeAnswer,
    expectedAnswer: typeAnswer ? expectedAnswer(note.kind, fields, card.ord) : null,
    fsrs: fsrsView(card),
  };
}

export function requireCard(col: Collection, cardId: number): CardRow {
  const card = col.card(cardId);
  if (!card) throw notFound(`card ${cardId} does not exist`);
  return card;
}

/** The card, its current retrievability and its whole review log, oldest first. */
export function cardDetails(col: Collection, cardId: number) {
  const card = requireCard(col, cardId);
  const preset = col.presetOfDeck(card.deck_id);
  const recall =
    card.state === 0 ? null : retrievability(preset, card, col.now(), col.settings().dayStartHour);
  const log = (
    col
      .stmt('SELECT * FROM review_log WHERE card_id = ? ORDER BY reviewed_at, seq')
      .all(cardId) as ReviewLogRow[]
  ).map((r) => ({
    id: r.id,
    rating: r.rating,
    kind: r.kind,
    reviewedAt: r.reviewed_at,
    durationMs: r.duration_ms,
    stateBefore: STATE_NAMES[r.state_before]!,
    before: fsrsView(JSON.parse(r.before) as FsrsColumns),
    after: fsrsView(JSON.parse(r.after) as FsrsColumns),
  }));
  return { card: cardView(col, card), retrievability: recall, log };
}
