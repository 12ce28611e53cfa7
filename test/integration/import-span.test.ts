/**
 * A package's review rows travel as spans of shared columns (core/import/review-span.ts), not
 * objects. Stored, they must give exactly the rows and cards the same rows as objects give,
 * on the worker and in place, in a bulk load and row by row; a span out of bounds or holding a
 * bad value is refused naming the card, and the collection stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { applyBatch } from '../../core/import/apply.ts';
import type { ImportBatch, ImportedNote } from '../../core/import/batch.ts';
import { REVIEW_KINDS, type ReviewColumns, reviewList } from '../../core/import/review-span.ts';
import type { Db } from '../../core/store/db.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T10:00:00+08:00');

/** 300 cards with 0–9 rows each, all kinds; card 7's rows share a moment (not increasing). */
function spanBatch(): ImportBatch {
  const at: number[] = [];
  const dur: number[] = [];
  const rating: number[] = [];
  const kind: number[] = [];
  const ranges: [number, number][] = [];
  for (let i = 0; i < 300; i++) {
    const start = at.length;
    for (let d = 0; d < i % 10; d++) {
      at.push(T0 - 60 * DAY + d * 3 * DAY + i * 1000 + (i === 7 && d === 2 ? -3 * DAY : 0));
      dur.push(500 + i + d);
      const k = d === 0 ? 0 : (i + d) % 9 === 0 ? 4 : (i + d) % 13 === 0 ? 3 : (i + d) % 7 === 0 ? 2 : 1;
      kind.push(k);
      rating.push(k === 3 ? 0 : 1 + ((i + d) % 4));
    }
    ranges.push([start, at.length]);
  }
  const columns: ReviewColumns = {
    reviewedAt: Float64Array.from(at),
    durationMs: Float64Array.from(dur),
    rating: Uint8Array.from(rating),
    kind: Uint8Array.from(kind),
  };
  const notes: ImportedNote[] = ranges.map(([start, end], i) => ({
    guid: `span-${i}`,
    kind: 'basic',
    fields: { front: `q${i}`, back: 'a' },
    tags: [],
    cards: [{ ord: 0, deck: i % 2 ? 'Span::A' : 'Span::B', fsrs: null, reviews: { columns, start, end } }],
  }));
  return {
    source: { file: 'span.apkg', format: 'apkg' },
    decks: [],
    presets: [],
    notes,
    media: [],
    warnings: [],
  };
}

/** The same batch with each card's rows as objects. */
function asObjects(b: ImportBatch): ImportBatch {
  return {
    ...b,
    notes: b.notes.map((n) => ({
      ...n,
      cards: n.cards.map((c) => ({ ...c, reviews: reviewList(c.reviews) })),
    })),
  };
}

/** Cards and review rows, review ids aside (each import makes its own). */
function stored(db: Db) {
  return {
    cards: db.prepare('SELECT * FROM cards ORDER BY id').all(),
    log: db
      .prepare(
        'SELECT card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after FROM review_log ORDER BY seq',
      )
      .all(),
  };
}

describe('review rows as spans of columns', () => {
  for (const [name, options] of [
    ['bulk, on the worker', { bulkReviews: 1, workerReviews: 1 }],
    ['row by row, in place', { bulkReviews: 1e9, workerReviews: 1e9 }],
  ] as const) {
    it(`store what the same rows as objects store (${name})`, () => {
      const a = tempMnemo(T0);
      const b = tempMnemo(T0);
      let byWorker = 0;
      const fromSpans = applyBatch(a.col, spanBatch(), {
        dryRun: false,
        ...options,
        onReplayed: (r) => {
          byWorker = r.byWorker;
        },
      });
      expect(byWorker > 0).toBe(options.workerReviews === 1);
      const fromObjects = applyBatch(b.col, asObjects(spanBatch()), { dryRun: false, ...options });
      expect(fromSpans).toEqual(fromObjects);
      // Card 7's repeated moment is stored once.
      const rows = spanBatch().notes.reduce((n, x) => n + reviewList(x.cards[0]!.reviews).length, 0);
      expect(fromSpans.reviewsAdded).toBe(rows - 1);
      const left = stored(a.col.db);
      expect(left.log.length).toBe(rows - 1);
      expect(left).toEqual(stored(b.col.db));
      const kinds = new Set(left.log.map((r) => (r as { kind: string }).kind));
      expect([...kinds].sort()).toEqual([...REVIEW_KINDS].sort());
      a.close();
      b.close();
    });
  }

  it('refuses a span out of bounds or with a bad value, naming the card, and changes nothing', () => {
    const m = tempMnemo(T0);
    applyBatch(m.col, asObjects(spanBatch()), { dryRun: false });
    const before = checksum(m.col.db);
    const spoil: ((b: ImportBatch) => void)[] = [
      (b) => {
        const r = b.notes[5]!.cards[0]!.reviews as { end: number; columns: ReviewColumns };
        r.end = r.columns.reviewedAt.length + 1;
      },
      (b) => {
        const r = b.notes[5]!.cards[0]!.reviews as { start: number; columns: ReviewColumns };
        r.columns.rating[r.start] = 5;
      },
      (b) => {
        const r = b.notes[5]!.cards[0]!.reviews as { start: number; columns: ReviewColumns };
        r.columns.durationMs[r.start] = -1;
      },
    ];
    for (const s of spoil) {
      const b = spanBatch();
      s(b);
      expect(() => applyBatch(m.col, b, { dryRun: false })).toThrow(
        /^span\.apkg: notes\[5\]\.cards\[0\]\.reviews/,
      );
      expect(checksum(m.col.db)).toBe(before);
    }
    m.close();
  });
});
