/**
 * A large merge (from DEFER_FROM cards) stores its log rows without their insert triggers and
 * adds their counts to the review summaries after (core/store/summaries.ts MergeNotes),
 * instead of recounting their quarter hours from the log. The sums must equal a recount: the
 * merged rows share quarter hours with rows the collection held before, several to a quarter
 * hour and a deck, in two decks, new cards and reviews; so must the due counts, which the
 * merge moves card by card as it rewrites their rows (suspended ones leave them).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildSummaries } from '../../core/store/summaries.ts';
import { DEFER_FROM } from '../../core/sync/merge.ts';
import { recordPhases, takePhases } from '../../core/util/phases.ts';
import { tempDir } from '../helpers/collection.ts';
import {
  closedAfterEach,
  type Device,
  deckTemplate,
  deliverAll,
  keptSummaries,
  makeDevice,
  START,
  writeDeck,
} from '../helpers/sync-devices.ts';

const DAY = 86_400_000;
const OTHER_CARDS = 150;
const open = closedAfterEach();

const answer = (d: Device, source: string, rating: number, ms: number) =>
  d.mnemo.api.review.answer({ cardId: d.bySource(source), rating: rating as 1 | 2 | 3 | 4, durationMs: ms });

describe('sync merge: the review summaries of a large merge', () => {
  it('adds the merged rows to the counts there, equal to a recount from the log', () => {
    const cards = DEFER_FROM + 200;
    const decks = writeDeck(tempDir(), cards);
    const other = ['---', 'deck: Other', '---', ''];
    for (let i = 0; i < OTHER_CARDS; i++) other.push(`Other ${i}?::Answer ${i} ^id-other${i}`, '');
    writeFileSync(join(decks, 'other.md'), other.join('\n'));
    const template = deckTemplate(decks);
    const root = tempDir();
    const a = makeDevice(decks, join(root, 'a'), START, template);
    const b = makeDevice(decks, join(root, 'b'), START, template);
    open.push(a, b);

    // B answers 200 cards every 4 s, in both decks; A answers the others in the same quarter
    // hours, every second, then a third of its cards again two days later (reviews by then).
    b.clock.now = START;
    for (let i = 0; i < 200; i++) {
      b.clock.advance(4_000);
      answer(b, i % 4 === 0 ? `other${i / 4}` : `card${i}`, 1 + (i % 4), 1_000 + i);
    }
    expect(b.sync().error).toBeNull();
    a.clock.now = START + 2_000;
    const mine: string[] = [];
    for (let i = 200; i < cards; i++) mine.push(`card${i}`);
    for (let i = 50; i < OTHER_CARDS; i++) mine.push(`other${i}`);
    mine.forEach((source, i) => {
      a.clock.advance(1_000);
      answer(a, source, i % 3 === 0 ? 4 : 1 + (i % 4), 2_000 + i);
    });
    a.clock.now = START + 2 * DAY;
    mine.forEach((source, i) => {
      if (i % 3 !== 0) return;
      a.clock.advance(2_000);
      answer(a, source, 3, 500 + i);
    });
    // Two of A's cards and two of B's suspended there: out of the due counts after the merge.
    a.mnemo.api.cards.suspend({ cardIds: [mine[0]!, mine[5]!, 'card1', 'card2'].map(a.bySource) });
    expect(a.sync().error).toBeNull();
    deliverAll(a, b);

    recordPhases();
    const report = b.sync();
    const phases = new Set(takePhases().map(([name]) => name));
    expect(report.error).toBeNull();
    expect(report.rederived).toBe(mine.length + 2);
    // Added to the counts, not recounted from the log.
    expect(phases.has('recount')).toBe(true);
    expect(phases.has('summaries recounted')).toBe(false);
    expect(phases.has('due counts recounted')).toBe(false);

    // Quarter hours holding rows of both devices, and several of the merge's in one deck.
    const shared = b.mnemo.col.db
      .prepare(
        `SELECT count(*) FROM (SELECT reviewed_at / 900000 AS q FROM review_log GROUP BY q
         HAVING count(DISTINCT sync_dev IS NULL) = 2)`,
      )
      .pluck()
      .get() as number;
    expect(shared).toBeGreaterThan(0);
    const kept = keptSummaries(b.mnemo);
    const decksCounted = new Set(kept.deck_done.map((r) => (r as number[])[0]));
    expect(decksCounted.size).toBe(2);
    expect(kept.deck_done.some((r) => (r as number[])[2]! > 1)).toBe(true);
    expect(kept.deck_done.some((r) => (r as number[])[3]! > 1)).toBe(true);
    const total = kept.review_buckets.reduce((n: number, r) => n + (r as number[])[1]!, 0);
    expect(total).toBe(200 + mine.length + Math.ceil(mine.length / 3));

    const suspended = b.mnemo.col.db.prepare('SELECT count(*) FROM cards WHERE suspended = 1').pluck().get();
    expect(suspended).toBe(4);
    // Due quarter hours holding several cards (the merge moved each one's out of another).
    expect(kept.due_counts.some((r) => (r as number[])[1]! > 1)).toBe(true);

    b.mnemo.col.tx(() => rebuildSummaries(b.mnemo.col.db));
    expect(keptSummaries(b.mnemo)).toEqual(kept);
  }, 120_000);
});
