/** Writes review-log rows with known answers straight into a real collection, for the statistics tests. */
import { randomUUID } from 'node:crypto';
import type { Mnemo } from '../../core/index.ts';

export interface Row {
  card: number;
  at: number;
  rating: 0 | 1 | 2 | 3 | 4;
  kind: 'learning' | 'review' | 'relearning' | 'manual' | 'cram';
  /** The card's interval (days) before the answer, and its previous answer. */
  interval: number;
  previous: number | null;
  ms?: number;
}

const STATE_BEFORE = { learning: 1, review: 2, relearning: 3, manual: 2, cram: 2 } as const;

export function logRows(m: Mnemo, rows: Row[]): void {
  const insert = m.col.db.prepare(
    `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
     VALUES (?, ?, (SELECT deck_id FROM cards WHERE id = ?), ?, ?, ?, ?, ?, ?, '{}')`,
  );
  m.col.tx(() => {
    for (const r of rows) {
      const before = { scheduled_days: r.interval, last_review: r.previous, state: STATE_BEFORE[r.kind] };
      insert.run(
        randomUUID(),
        r.card,
        r.card,
        r.rating,
        r.kind,
        STATE_BEFORE[r.kind],
        r.at,
        r.ms ?? 1000,
        JSON.stringify(before),
      );
    }
  });
}
