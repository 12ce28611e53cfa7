import type { Rating } from 'ts-fsrs';
import type { ImportBatch, ImportedNote, ImportedReview } from '../../core/import/batch.ts';
import { fromColumns } from '../../core/import/fsrs-state.ts';
import type { Mnemo } from '../../core/index.ts';
import type { CardRow, ReviewLogRow } from '../../core/model/types.ts';

/** Batches, notes and answered logs shared by the tests of `applyBatch`. */
export const DAY = 86_400_000;
export const T0 = Date.parse('2026-11-01T10:00:00+08:00');

export const batchOf = (notes: ImportedNote[], extra: Partial<ImportBatch> = {}): ImportBatch => ({
  source: { file: 'deck.json', format: 'json' },
  decks: [],
  presets: [],
  notes,
  media: [],
  warnings: [],
  ...extra,
});

export const basic = (
  guid: string,
  front: string,
  deck = 'Imported',
  more: Partial<ImportedNote> = {},
): ImportedNote => ({
  guid,
  kind: 'basic',
  fields: { front, back: `${front} back` },
  tags: ['t1'],
  cards: [{ ord: 0, deck, fsrs: null, reviews: [] }],
  ...more,
});

/** Answers the card at the given days after T0 with these ratings; returns the log. */
export function answer(
  m: Mnemo & { clock: { now: number } },
  cardId: number,
  plan: [number, Rating][],
): ReviewLogRow[] {
  // Ten minutes apart within a day: no two answers at one moment.
  plan.forEach(([day, rating], i) => {
    m.clock.now = T0 + day * DAY + i * 600_000;
    m.api.review.answer({ cardId, rating: rating as 1 | 2 | 3 | 4, durationMs: 3000 });
  });
  return m.col.db
    .prepare('SELECT * FROM review_log WHERE card_id = ? ORDER BY seq')
    .all(cardId) as ReviewLogRow[];
}

export const asImported = (rows: ReviewLogRow[], withStates: boolean): ImportedReview[] =>
  rows.map((r) => ({
    id: r.id,
    rating: r.rating as ImportedReview['rating'],
    reviewedAt: r.reviewed_at,
    durationMs: r.duration_ms,
    kind: r.kind,
    ...(withStates
      ? { before: fromColumns(JSON.parse(r.before)), after: fromColumns(JSON.parse(r.after)) }
      : {}),
  }));

export const fsrsColumns = (c: CardRow) => {
  const {
    id,
    note_id,
    deck_id,
    ord,
    new_position,
    suspended,
    buried_until,
    flag,
    leech,
    retired,
    created_at,
    modified_at,
    ...rest
  } = c;
  return rest;
};
