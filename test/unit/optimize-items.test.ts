/**
 * The optimizer's items mirror Anki's `reviews_for_fsrs` (rslib/src/scheduler/fsrs/params.rs):
 * these are its own test cases, written in Mnemo's log kinds, plus study days and same-day answers.
 */
import { describe, expect, it } from 'vitest';
import type { ReviewKind } from '../../core/model/types.ts';
import { cardHistory, DataBuilder, type LogEntry } from '../../core/optimize/items.ts';
import { studyTime } from '../../core/scheduler/study-time.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);
/** Whole days before NOW; days counted in UTC days here (dayOf below). */
const e = (kind: ReviewKind, daysAgo: number, rating = kind === 'manual' ? 0 : 3): LogEntry => ({
  kind,
  rating,
  reviewedAt: NOW - daysAgo * DAY,
});
const dayOf = (t: number) => Math.floor(t / DAY);
/** Each item as [rating, deltaT] pairs. */
const items = (entries: LogEntry[]) => {
  const h = cardHistory(entries, dayOf);
  return h?.items.map((i) => h.ratings.slice(0, i + 1).map((r, k) => [r, h.deltas[k]]));
};

describe('optimizer items (as Anki builds them)', () => {
  it('counts deltaT in days between kept answers; one item per answer on a later day', () => {
    expect(items([e('learning', 1), e('review', 0)])).toEqual([
      [
        [3, 0],
        [3, 1],
      ],
    ]);
    expect(items([e('learning', 15), e('learning', 13), e('review', 10), e('review', 5)])).toEqual([
      [
        [3, 0],
        [3, 2],
      ],
      [
        [3, 0],
        [3, 2],
        [3, 3],
      ],
      [
        [3, 0],
        [3, 2],
        [3, 3],
        [3, 5],
      ],
    ]);
  });

  it('keeps same-day answers in the history (deltaT 0) but makes no item of them', () => {
    const learn = [e('learning', 5, 1), e('learning', 5, 3), e('learning', 5, 3)];
    learn[1]!.reviewedAt += 60_000;
    learn[2]!.reviewedAt += 600_000;
    expect(items([...learn, e('review', 2), e('review', 2, 1), e('relearning', 2)])).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 0],
        [3, 3],
      ],
    ]);
  });

  it('skips preview (cram) answers', () => {
    expect(items([e('learning', 10), e('review', 9), e('cram', 7, 1), e('review', 4)])).toEqual([
      [
        [3, 0],
        [3, 1],
      ],
      [
        [3, 0],
        [3, 1],
        [3, 5],
      ],
    ]);
  });

  it('a reset drops all the history before it', () => {
    expect(items([e('learning', 10), e('manual', 7), e('learning', 4), e('review', 0)])).toEqual([
      [
        [3, 0],
        [3, 4],
      ],
    ]);
    // Reset as the last entry: nothing learned since.
    expect(items([e('learning', 10), e('review', 9), e('manual', 7)])).toBeUndefined();
    // Reviews after a reset but no learning answer: not usable for training.
    expect(
      items([e('learning', 10), e('review', 9), e('manual', 7), e('review', 1), e('relearning', 0)]),
    ).toBeUndefined();
  });

  it('leaves out a card with a single answer or no learning answer', () => {
    expect(items([e('learning', 1)])).toBeUndefined();
    expect(items([e('review', 10), e('review', 5)])).toBeUndefined();
  });

  it("starts from the last run of learning answers (an old reset that wasn't logged)", () => {
    expect(items([e('learning', 20), e('review', 15), e('learning', 10), e('review', 6)])).toEqual([
      [
        [3, 0],
        [3, 4],
      ],
    ]);
  });

  it('counts study days from the day start hour in local time', () => {
    // 03:00 and 05:00 on the same calendar date are two study days with a 04:00 start.
    const time = studyTime(4);
    const at = (h: number) => new Date(2026, 10, 20, h).getTime();
    const h = cardHistory(
      [
        { kind: 'learning', rating: 3, reviewedAt: at(3) },
        { kind: 'review', rating: 3, reviewedAt: at(5) },
      ],
      (t) => time.day(t),
    );
    expect(h?.deltas).toEqual([0, 1]);
  });

  it('packs the items in the order their answers were made', () => {
    const b = new DataBuilder(dayOf);
    b.addCard([e('learning', 10), e('review', 8), e('review', 1)]);
    b.addCard([e('learning', 9), e('review', 5)]);
    b.addCard([e('learning', 3)]); // teaches nothing
    const d = b.build();
    expect(d.cards).toBe(2);
    expect(d.reviews).toBe(5);
    expect(d.answers).toBe(6);
    expect(d.answeredCards).toBe(3);
    expect([...d.itemTime]).toEqual([NOW - 8 * DAY, NOW - 5 * DAY, NOW - DAY]);
    expect([...d.itemLength]).toEqual([2, 2, 3]);
    expect([...d.itemStart]).toEqual([0, 3, 0]);
    expect([...d.deltas]).toEqual([0, 2, 7, 0, 4]);
  });
});
