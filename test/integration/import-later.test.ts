/**
 * What a bulk import leaves for later or counts on the way (core/import/bulk-load.ts): the
 * Stats screen's and Browse's sort indexes are recorded as pending (pending-indexes.ts) and
 * built by the first query naming them, by the app's idle time, or in a read-only reader's
 * snapshot; the answers per quarter hour are counted as the rows are stored (review-tally.ts),
 * and the summaries equal what the row-by-row import's triggers keep. Real SQLite files throughout.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../core/app/open-app.ts';
import { applyBatch } from '../../core/import/apply.ts';
import type { ImportBatch, ImportedNote, ImportedReview } from '../../core/import/batch.ts';
import { LATER_INDEXES } from '../../core/import/bulk-load.ts';
import { openMnemo } from '../../core/index.ts';
import type { Db } from '../../core/store/db.ts';
import { buildPendingIndexes, pendingIndexNames } from '../../core/store/pending-indexes.ts';
import { ReviewTally } from '../../core/store/review-tally.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';

const T0 = Date.parse('2026-11-01T10:00:00+08:00');
const MIN = 60_000;
const BULK = { dryRun: false, bulkReviews: 0 };
const ROW_BY_ROW = { dryRun: false, bulkReviews: Number.POSITIVE_INFINITY };

/**
 * 60 notes in two decks, each card answered six times: first as new (learning), then cram,
 * review and learning, the answers of all cards packed into the same few quarter hours.
 */
function crowded(): ImportBatch {
  const notes: ImportedNote[] = [];
  for (let i = 0; i < 60; i++) {
    const kinds: ImportedReview['kind'][] = ['learning', 'cram', 'review', 'review', 'learning', 'review'];
    notes.push({
      guid: `n${i}`,
      kind: 'basic',
      fields: { front: `front ${i}`, back: `back ${i}` },
      tags: [],
      cards: [
        {
          ord: 0,
          deck: i % 2 ? 'Crowd::A' : 'Crowd::B',
          fsrs: null,
          reviews: kinds.map((kind, k) => ({
            rating: ((k % 4) + 1) as 1 | 2 | 3 | 4,
            // Day k, minute i/4 of the same quarter hour: 15 answers a deck a quarter hour.
            reviewedAt: T0 + k * 86_400_000 + Math.floor(i / 4) * MIN + i,
            durationMs: 1000 + i * 10 + k,
            kind,
          })),
        },
      ],
    });
  }
  return {
    source: { file: 'crowd.json', format: 'json' },
    decks: [],
    presets: [],
    notes,
    media: [],
    warnings: [],
  };
}

const table = (db: Db, name: string) => db.prepare(`SELECT * FROM ${name} ORDER BY 1, 2`).raw().all();
const indexNames = (db: Db) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];

describe('a bulk import, what it counts on the way', () => {
  it('keeps the review summaries as the triggers of the row-by-row import do', () => {
    const bulk = tempMnemo(T0 + 10 * 86_400_000);
    const plain = tempMnemo(T0 + 10 * 86_400_000);
    expect(applyBatch(bulk.col, crowded(), BULK)).toEqual(applyBatch(plain.col, crowded(), ROW_BY_ROW));
    for (const name of ['review_buckets', 'deck_done'])
      expect(table(bulk.col.db, name), name).toEqual(table(plain.col.db, name));
    // Sixty answers in each of six quarter hours, of several kinds, in each deck.
    const buckets = table(bulk.col.db, 'review_buckets') as number[][];
    expect(buckets.map((b) => b[1])).toEqual([60, 60, 60, 60, 60, 60]);
    const done = table(bulk.col.db, 'deck_done') as number[][];
    expect(done.length).toBe(12);
    expect(done.filter((d) => d[2] === 30).length).toBe(2); // new: the first answers, 30 a deck
    expect(done.filter((d) => d[3] === 30).length).toBe(6); // review: three days, two decks
    expect(done.filter((d) => d[2] === 0 && d[3] === 0).length).toBe(4); // cram and relearning count as neither
    bulk.close();
    plain.close();
  });

  it('counts thousands of quarter hours and decks as the triggers do', () => {
    // 400 cards in three decks, 15 answers each three days apart, note i in quarter hour i % 200 of
    // its day: two cards a quarter hour, about 6,000 (deck, quarter hour) pairs.
    const notes: ImportedNote[] = [];
    for (let i = 0; i < 400; i++) {
      notes.push({
        guid: `m${i}`,
        kind: 'basic',
        fields: { front: `many ${i}`, back: 'b' },
        tags: [],
        cards: [
          {
            ord: 0,
            deck: `Many::${i % 3}`,
            fsrs: null,
            reviews: Array.from({ length: 15 }, (_, k) => ({
              rating: ((k % 4) + 1) as 1 | 2 | 3 | 4,
              reviewedAt: T0 + k * 3 * 86_400_000 + (i % 200) * 15 * MIN + i,
              durationMs: 500 + k,
              kind: (k % 5 === 4 ? 'cram' : k === 0 ? 'learning' : 'review') as ImportedReview['kind'],
            })),
          },
        ],
      });
    }
    const many = { ...crowded(), notes };
    const bulk = tempMnemo(T0 + 50 * 86_400_000);
    const plain = tempMnemo(T0 + 50 * 86_400_000);
    expect(applyBatch(bulk.col, many, BULK)).toEqual(applyBatch(plain.col, many, ROW_BY_ROW));
    for (const name of ['review_buckets', 'deck_done'])
      expect(table(bulk.col.db, name), name).toEqual(table(plain.col.db, name));
    expect(table(bulk.col.db, 'deck_done').length).toBe(6000); // past the tally table's first size (3,072)
    expect((table(bulk.col.db, 'review_buckets') as number[][]).every((b) => b[1] === 2)).toBe(true);
    // The tally itself (not the GROUP BY it falls back to) gives the triggers' tables.
    const tally = new ReviewTally();
    const logged = plain.col.db
      .prepare('SELECT deck_id, reviewed_at, duration_ms, state_before, kind FROM review_log ORDER BY seq')
      .raw()
      .all() as [number, number, number, number, string][];
    for (const r of logged) tally.add(...r);
    const kept = ['review_buckets', 'deck_done'].map((name) => table(plain.col.db, name));
    plain.col.db.exec('BEGIN IMMEDIATE');
    expect(tally.write(plain.col.db)).toBe(true);
    expect(['review_buckets', 'deck_done'].map((name) => table(plain.col.db, name))).toEqual(kept);
    plain.col.db.exec('ROLLBACK');
    bulk.close();
    plain.close();
  });
});

describe('a bulk import, the indexes it leaves for later', () => {
  it('records them in its transaction; a query naming one builds it; nothing is built twice', () => {
    const m = tempMnemo(T0 + 10 * 86_400_000);
    const before = indexNames(m.col.db);
    const sum = checksum(m.col.db);
    applyBatch(m.col, crowded(), { ...BULK, dryRun: true });
    expect(checksum(m.col.db)).toBe(sum);
    expect(pendingIndexNames(m.col.db)).toEqual([]);
    applyBatch(m.col, crowded(), BULK);
    expect(pendingIndexNames(m.col.db)).toEqual([...LATER_INDEXES].sort());
    expect(indexNames(m.col.db)).toEqual(
      before.filter((n) => !(LATER_INDEXES as readonly string[]).includes(n)),
    );
    // The deck list and its counts do not need them.
    expect(m.api.decks.list().decks.map((d) => d.name)).toContain('Crowd::A');
    expect(pendingIndexNames(m.col.db)).toEqual([...LATER_INDEXES].sort());
    const stats = m.api.stats.screen({});
    expect(stats.reviews).toBeDefined();
    expect(pendingIndexNames(m.col.db)).not.toContain('review_log_stats');
    m.api.cards.search({ sort: 'front', limit: 10, offset: 0 });
    expect(pendingIndexNames(m.col.db)).toEqual([]);
    expect(indexNames(m.col.db)).toEqual(before);
    expect(buildPendingIndexes(m.col.db)).toBe(0);
    expect(m.col.db.pragma('integrity_check', { simple: true })).toBe('ok');
    m.close();
  });

  it('a read-only reader reads a snapshot that has them, leaving the file alone; the idle app builds them', async () => {
    const m = tempMnemo(T0 + 10 * 86_400_000);
    applyBatch(m.col, crowded(), BULK);
    const built = tempMnemo(T0 + 10 * 86_400_000);
    applyBatch(built.col, crowded(), ROW_BY_ROW);
    const expected = built.api.stats.screen({});
    built.close();
    const dataDir = m.dataDir;
    m.close();
    const file = `${dataDir}/collection.sqlite`;
    const size = statSync(file).size;
    const ro = openMnemo({ dataDir, readonly: true, clock: () => T0 + 10 * 86_400_000 });
    expect(ro.col.db.name).not.toBe(file);
    expect(ro.api.stats.screen({})).toEqual(expected);
    ro.close();
    expect(statSync(file).size).toBe(size);
    const app = openApp(dataDir, '', { quietMs: 0, maxAfterScreenMs: 0, startDelayMs: 0 });
    try {
      await app.bundledUpdate;
      await expect.poll(() => pendingIndexNames(app.mnemo.col.db)).toEqual([]);
      expect(indexNames(app.mnemo.col.db)).toEqual(expect.arrayContaining([...LATER_INDEXES]));
    } finally {
      await app.stop();
    }
  });
});
