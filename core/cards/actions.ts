/** Undoable bulk actions on cards (suspend, bury, flag, reset, reposition), each one transaction. */
import { notFound } from '../errors.ts';
import type { CardRow } from '../model/types.ts';
import { uuidv7 } from '../review/uuid.ts';
import { nextStudyDayStart } from '../scheduler/day.ts';
import { forgetState, fsrsColumnsOf } from '../scheduler/fsrs.ts';
import type { Collection, UndoImage } from '../store/collection.ts';
import { seeded } from '../sync/identity.ts';
import { recordEvents, setEvent } from '../sync/outbox.ts';

type Column = 'suspended' | 'buried_until' | 'flag';

function setColumn(
  col: Collection,
  action: string,
  cardIds: readonly number[],
  column: Column,
  value: number,
) {
  return col.tx(() => {
    const now = col.now();
    const rows = cardIds.map((id) => {
      const row = col.card(id);
      if (!row) throw notFound(`card ${id} does not exist`);
      return row;
    });
    const changed = rows.filter((r: CardRow) => r[column] !== value);
    const update = col.stmt(`UPDATE cards SET ${column} = ?, modified_at = ? WHERE id = ?`);
    for (const r of changed) update.run(value, now, r.id);
    recordEvents(
      col,
      changed.map((r) => setEvent(r, column, value, now)),
    );
    if (changed.length > 0) {
      col.pushUndo(
        action,
        null,
        changed.map((r) => ({ table: 'cards', key: r.id, row: { ...r } })),
      );
    }
    return { changed: changed.length };
  });
}

export const suspendCards = (col: Collection, ids: readonly number[]) =>
  setColumn(col, 'suspend', ids, 'suspended', 1);
export const unsuspendCards = (col: Collection, ids: readonly number[]) =>
  setColumn(col, 'unsuspend', ids, 'suspended', 0);
export const flagCards = (col: Collection, ids: readonly number[], flag: number) =>
  setColumn(col, 'flag', ids, 'flag', flag);

/** Hides the cards until the next study day starts. */
export const buryCards = (col: Collection, ids: readonly number[]) =>
  setColumn(col, 'bury', ids, 'buried_until', nextStudyDayStart(col.now(), col.settings().dayStartHour));

export const unburyCards = (col: Collection, ids: readonly number[]) =>
  setColumn(col, 'unbury', ids, 'buried_until', 0);

/**
 * Forgets cards: back to new (ts-fsrs forget, counts reset), logged as a manual review so a
 * replay of the log still gives the stored state. Undoable.
 */
export function resetCards(col: Collection, ids: readonly number[]) {
  return col.tx(() => {
    const now = col.now();
    const images: UndoImage[] = [];
    for (const id of ids) {
      const card = col.card(id);
      if (!card) throw notFound(`card ${id} does not exist`);
      if (card.state === 0 && card.reps === 0) continue;
      const before = fsrsColumnsOf(card);
      const after = forgetState(
        col.presetOfDeck(card.deck_id),
        seeded(col, card),
        now,
        col.settings().dayStartHour,
      );
      images.push({ table: 'cards', key: id, row: { ...card } });
      col
        .stmt(
          `UPDATE cards SET due = @due, stability = @stability, difficulty = @difficulty, elapsed_days = @elapsed_days,
           scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses,
           state = @state, last_review = @last_review, modified_at = @now WHERE id = @id`,
        )
        .run({ ...after, now, id });
      const reviewId = uuidv7(now);
      col
        .stmt(
          `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
           VALUES (?, ?, ?, 0, 'manual', ?, ?, 0, ?, ?)`,
        )
        .run(reviewId, id, card.deck_id, card.state, now, JSON.stringify(before), JSON.stringify(after));
      images.push({ table: 'review_log', key: reviewId, row: null });
      recordEvents(col, [{ id: reviewId, at: now, card, type: 'reset' }]);
    }
    if (images.length) col.pushUndo('reset', null, images);
    return { changed: images.length / 2 };
  });
}

/** Puts new cards at the front of the new-card order (from `start`, in the given order). Undoable. */
export function repositionCards(col: Collection, ids: readonly number[], start: number) {
  return col.tx(() => {
    const now = col.now();
    const images: UndoImage[] = [];
    ids.forEach((id, i) => {
      const card = col.card(id);
      if (!card) throw notFound(`card ${id} does not exist`);
      if (card.state !== 0) return;
      images.push({ table: 'cards', key: id, row: { ...card } });
      col.stmt('UPDATE cards SET new_position = ?, modified_at = ? WHERE id = ?').run(start + i, now, id);
      recordEvents(col, [setEvent(card, 'new_position', start + i, now)]);
    });
    if (images.length) col.pushUndo('reposition', null, images);
    return { changed: images.length };
  });
}
