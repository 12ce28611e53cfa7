/**
 * The summary tables the triggers keep (answers per quarter hour, each deck's new cards and
 * reviews per quarter hour, cards coming due per quarter hour, each deck's card total) after
 * a bulk import, which recounts them once from the stored rows (core/store/summaries.ts),
 * must be what the row-by-row import's triggers leave, and what the rows themselves say.
 * The batch puts many answers in the same quarter hours, across decks, kinds and states.
 */
import { describe, expect, it } from 'vitest';
import { applyBatch } from '../../core/import/apply.ts';
import type { ImportBatch, ImportedNote, ImportedReview } from '../../core/import/batch.ts';
import type { Db } from '../../core/store/db.ts';
import { tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const BUCKET = 900_000;
const T0 = Date.parse('2026-11-01T10:00:00+08:00');
const DECKS = ['Sum::A', 'Sum::B', 'Other'];

/** Card `i`'s answers: each study day at 10:00 plus a few minutes, so cards share quarter hours. */
function reviews(i: number): ImportedReview[] {
  const out: ImportedReview[] = [];
  for (let d = 0; d < 1 + (i % 6); d++) {
    const at = T0 - 40 * DAY + d * (2 + (i % 3)) * DAY + (i % 10) * MINUTE + i;
    const kind =
      i % 11 === 0 && d > 0 ? 'cram' : d === 0 ? 'learning' : i % 7 === 0 ? 'relearning' : 'review';
    out.push({
      rating: (1 + ((i + d) % 4)) as 1 | 2 | 3 | 4,
      reviewedAt: at,
      durationMs: 1000 + i * 10 + d,
      kind,
    });
  }
  return out;
}

function batch(): ImportBatch {
  const notes: ImportedNote[] = [];
  for (let i = 0; i < 120; i++) {
    notes.push({
      guid: `sum-${i}`,
      kind: 'basic',
      fields: { front: `q${i}`, back: 'a' },
      tags: [],
      cards: [
        {
          ord: 0,
          deck: DECKS[i % 3]!,
          // A third keep the package's state: several come due in the same quarter hour.
          fsrs:
            i % 3 === 1
              ? {
                  due: T0 + (i % 4) * DAY + (i % 5) * MINUTE,
                  stability: 5,
                  difficulty: 5,
                  elapsedDays: 2,
                  scheduledDays: 3,
                  learningSteps: 0,
                  reps: 3,
                  lapses: 0,
                  state: 2,
                  lastReview: T0 - DAY,
                }
              : null,
          reviews: i % 13 === 0 ? [] : reviews(i),
          ...(i % 17 === 0 ? { suspended: true } : {}),
        },
      ],
    });
  }
  return {
    source: { file: 'sums.json', format: 'json' },
    decks: [],
    presets: [],
    notes,
    media: [],
    warnings: [],
  };
}

const table = (db: Db, sql: string) => db.prepare(sql).raw().all() as number[][];
const summaries = (db: Db) => ({
  review_buckets: table(db, 'SELECT * FROM review_buckets ORDER BY bucket'),
  deck_done: table(db, 'SELECT * FROM deck_done ORDER BY deck_id, bucket'),
  due_counts: table(db, 'SELECT * FROM due_counts ORDER BY bucket'),
  deck_totals: table(db, 'SELECT * FROM deck_totals ORDER BY deck_id'),
});
const column = (rows: number[][], i: number) => rows.map((r) => r[i]!);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The same counts made here from the stored rows, one row at a time. */
function counted(db: Db) {
  const buckets = new Map<number, [number, number]>();
  const done = new Map<string, [number, number, number, number]>();
  for (const r of db
    .prepare('SELECT deck_id, reviewed_at, state_before, kind, duration_ms FROM review_log')
    .all() as {
    deck_id: number;
    reviewed_at: number;
    state_before: number;
    kind: string;
    duration_ms: number;
  }[]) {
    const b = Math.floor(r.reviewed_at / BUCKET);
    const t = buckets.get(b) ?? [0, 0];
    buckets.set(b, [t[0] + 1, t[1] + r.duration_ms]);
    const key = `${r.deck_id}/${b}`;
    const d = done.get(key) ?? [r.deck_id, b, 0, 0];
    d[2] += r.state_before === 0 && r.kind !== 'cram' ? 1 : 0;
    d[3] += r.kind === 'review' ? 1 : 0;
    done.set(key, d);
  }
  return {
    review_buckets: [...buckets].map(([b, [n, ms]]) => [b, n, ms]).sort((x, y) => x[0]! - y[0]!),
    deck_done: [...done.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]),
  };
}

describe('the kept summaries after an import', () => {
  it('are the same after a bulk import as after a row-by-row one, and match the rows', () => {
    const b = batch();
    const bulk = tempMnemo(T0);
    const plain = tempMnemo(T0);
    expect(applyBatch(bulk.col, b, { dryRun: false, bulkReviews: 0 })).toEqual(
      applyBatch(plain.col, b, { dryRun: false, bulkReviews: Number.POSITIVE_INFINITY }),
    );
    const got = summaries(bulk.col.db);
    expect(got).toEqual(summaries(plain.col.db));
    expect({ review_buckets: got.review_buckets, deck_done: got.deck_done }).toEqual(counted(bulk.col.db));

    // Several answers share quarter hours, within a deck and across decks, new and review alike.
    expect(Math.max(...column(got.review_buckets, 1))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...column(got.deck_done, 2))).toBeGreaterThanOrEqual(2);
    expect(Math.max(...column(got.deck_done, 3))).toBeGreaterThanOrEqual(2);
    const decksPerBucket = new Map<number, number>();
    for (const bucket of column(got.deck_done, 1))
      decksPerBucket.set(bucket, (decksPerBucket.get(bucket) ?? 0) + 1);
    expect(Math.max(...decksPerBucket.values())).toBe(3);
    // Cards come due together; suspended and new cards are not counted; every card is in a total.
    expect(Math.max(...column(got.due_counts, 1))).toBeGreaterThanOrEqual(2);
    const inPlay = bulk.col.db
      .prepare('SELECT count(*) FROM cards WHERE state <> 0 AND suspended = 0 AND retired = 0')
      .pluck()
      .get();
    expect(sum(column(got.due_counts, 1))).toBe(inPlay);
    expect(sum(column(got.deck_totals, 1))).toBe(120);
    bulk.close();
    plain.close();
  });
});
