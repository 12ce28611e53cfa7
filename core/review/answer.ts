/**
 * Answering a card: ts-fsrs computes the next state; the card row, the review-log row,
 * sibling burial, leech handling and the undo record are written in ONE transaction, so
 * an answer is either stored whole or not at all.
 */
import type { Grade } from 'ts-fsrs';
import { conflict, notFound } from '../errors.ts';
import type { CardRow, FsrsColumns, ReviewKind } from '../model/types.ts';
import { joinTags, splitTags } from '../notes/notes.ts';
import { nextStudyDayStart } from '../scheduler/day.ts';
import { fsrsColumnsOf, nextState } from '../scheduler/fsrs.ts';
import type { Collection, UndoImage } from '../store/collection.ts';
import { SET_FIELDS } from '../sync/events.ts';
import { seeded } from '../sync/identity.ts';
import { recordEvents, setEvent, syncingDevice } from '../sync/outbox.ts';
import { uuidv7 } from './uuid.ts';

const KIND_BY_STATE: Record<number, ReviewKind> = {
  0: 'learning',
  1: 'learning',
  2: 'review',
  3: 'relearning',
};

export interface AnswerResult {
  reviewId: string;
  cardId: number;
  state: FsrsColumns;
  /** True when this answer made the card a leech. */
  leech: boolean;
}

/** Anki's rule: a leech at the threshold, and again every half threshold after it. */
export function isLeechLapse(lapses: number, threshold: number): boolean {
  if (lapses < threshold) return false;
  const every = Math.max(1, Math.ceil(threshold / 2));
  return (lapses - threshold) % every === 0;
}

export function studyableCard(col: Collection, cardId: number): CardRow {
  const card = col.card(cardId);
  if (!card) throw notFound(`card ${cardId} does not exist`);
  if (card.suspended) throw conflict(`card ${cardId} is suspended`);
  if (card.retired) throw conflict(`card ${cardId} is retired (gone from its source file)`);
  return card;
}

const UPDATE_CARD = `UPDATE cards SET due = @due, stability = @stability, difficulty = @difficulty,
  elapsed_days = @elapsed_days, scheduled_days = @scheduled_days, learning_steps = @learning_steps,
  reps = @reps, lapses = @lapses, state = @state, last_review = @last_review,
  suspended = @suspended, leech = @leech, modified_at = @modified_at WHERE id = @id`;

/**
 * What the client saw when it showed the card: its review count. Another window (or a
 * second device's sync) answering, resetting or undoing the card in between changes it.
 */
export interface SeenCard {
  reps: number;
}

export function answerCard(
  col: Collection,
  cardId: number,
  rating: Grade,
  durationMs: number,
  seen?: SeenCard,
): AnswerResult {
  return col.tx(() => {
    const now = col.now();
    const card = studyableCard(col, cardId);
    if (seen && seen.reps !== card.reps) {
      // Two windows showing the same card count one answer, not two.
      throw conflict(
        `card ${cardId} changed since it was shown (answered ${card.reps} times, not ${seen.reps}): fetch it again`,
      );
    }
    const preset = col.presetOfDeck(card.deck_id);
    const before = fsrsColumnsOf(card);
    const after = nextState(preset, seeded(col, card), now, rating, col.settings().dayStartHour);
    const images: UndoImage[] = [{ table: 'cards', key: card.id, row: { ...card } }];

    const lapsed = after.lapses > card.lapses;
    const leech = lapsed && isLeechLapse(after.lapses, preset.leech_threshold);
    const suspend = leech && preset.leech_action === 'suspend';
    col.stmt(UPDATE_CARD).run({
      ...after,
      id: card.id,
      suspended: suspend ? 1 : card.suspended,
      leech: leech ? 1 : card.leech,
      modified_at: now,
    });
    if (leech) {
      const note = col.note(card.note_id)!;
      const tags = splitTags(note.tags);
      if (!tags.includes('leech')) {
        images.push({ table: 'notes', key: note.id, row: { ...note } });
        col
          .stmt('UPDATE notes SET tags = ?, modified_at = ? WHERE id = ?')
          .run(joinTags([...tags, 'leech']), now, note.id);
      }
    }
    if (preset.bury_siblings) images.push(...burySiblings(col, card, now));

    const reviewId = uuidv7(now);
    col
      .stmt(
        `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        reviewId,
        card.id,
        card.deck_id,
        rating,
        KIND_BY_STATE[card.state]!,
        card.state,
        now,
        durationMs,
        JSON.stringify(before),
        JSON.stringify(after),
      );
    images.push({ table: 'review_log', key: reviewId, row: null });
    col.pushUndo('answer', reviewId, images);
    recordEvents(col, [{ id: reviewId, at: now, card, type: 'answer', rating, ms: durationMs }]);
    return { reviewId, cardId: card.id, state: after, leech };
  });
}

/** Buries the new and review siblings of `card` until the next study day; returns their before-images. */
function burySiblings(col: Collection, card: CardRow, now: number): UndoImage[] {
  const until = nextStudyDayStart(now, col.settings().dayStartHour);
  const siblings = col
    .stmt(
      `SELECT * FROM cards WHERE note_id = ? AND id <> ? AND state IN (0, 2)
       AND suspended = 0 AND retired = 0 AND buried_until < ?`,
    )
    .all(card.note_id, card.id, until) as CardRow[];
  const bury = col.stmt('UPDATE cards SET buried_until = ?, modified_at = ? WHERE id = ?');
  for (const s of siblings) bury.run(until, now, s.id);
  return siblings.map((s) => ({ table: 'cards', key: s.id, row: { ...s } }));
}

export interface UndoResult {
  action: string;
  cardIds: number[];
  reviewId: string | null;
}

/** Reverts the most recent undoable action, restoring every row it changed exactly. */
export function undoLast(col: Collection): UndoResult {
  return col.tx(() => {
    const top = col.stmt('SELECT * FROM undo_stack ORDER BY id DESC LIMIT 1').get() as
      | { id: number; action: string; review_id: string | null; rows: string }
      | undefined;
    if (!top) throw conflict('nothing to undo');
    const images = JSON.parse(top.rows) as UndoImage[];
    if (syncingDevice(col) !== null) recordUndo(col, images);
    for (const image of [...images].reverse()) col.restore(image);
    col.stmt('DELETE FROM undo_stack WHERE id = ?').run(top.id);
    const cardIds = images.filter((i) => i.table === 'cards').map((i) => Number(i.key));
    return { action: top.action, cardIds, reviewId: top.review_id };
  });
}

/**
 * What an undo changes, as events for other devices: each answer or reset it removes is
 * undone by id; each scheduling field it puts back is set to its old value.
 */
function recordUndo(col: Collection, images: readonly UndoImage[]): void {
  const now = col.now();
  const logCard = col.stmt('SELECT card_id FROM review_log WHERE id = ?').pluck();
  for (const image of images) {
    if (image.table === 'review_log' && image.row === null) {
      const card = col.card(logCard.get(image.key) as number);
      if (card)
        recordEvents(col, [{ id: uuidv7(now), at: now, card, type: 'undo', target: String(image.key) }]);
    } else if (image.table === 'cards' && image.row) {
      const current = col.card(Number(image.key));
      if (!current) continue;
      const old = image.row as unknown as CardRow;
      for (const field of SET_FIELDS) {
        if (old[field] !== current[field]) recordEvents(col, [setEvent(current, field, old[field], now)]);
      }
    }
  }
}
