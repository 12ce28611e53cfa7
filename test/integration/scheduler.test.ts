import { type Card, createEmptyCard, type Grade, Rating, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { CardRow } from '../../core/model/types.ts';
import { replayLog } from '../../core/scheduler/fsrs.ts';
import { addBasicCards, seededRandom, tempMnemo } from '../helpers/collection.ts';
import { referenceFsrs, shanghaiStudyTime } from '../helpers/reference-fsrs.ts';

const MIN = 60_000;
const DAY = 86_400_000;

/**
 * Row -> ts-fsrs card, written out here rather than taken from core/scheduler: if Mnemo's own
 * conversion dropped a field, feeding both sides through it would hide the bug.
 */
function asFsrsCard(row: CardRow): Card & { cid: number } {
  const { toStudy } = shanghaiStudyTime;
  return {
    cid: row.id,
    due: new Date(toStudy(row.due)),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsed_days: row.elapsed_days,
    scheduled_days: row.scheduled_days,
    learning_steps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    last_review: row.last_review === null ? undefined : new Date(toStudy(row.last_review)),
  };
}

/** The FSRS columns of a stored row. */
function fsrsOf(row: CardRow) {
  const {
    due,
    stability,
    difficulty,
    elapsed_days,
    scheduled_days,
    learning_steps,
    reps,
    lapses,
    state,
    last_review,
  } = row;
  return {
    due,
    stability,
    difficulty,
    elapsed_days,
    scheduled_days,
    learning_steps,
    reps,
    lapses,
    state,
    last_review,
  };
}

/** ts-fsrs's result (in study time, at `now`) as Mnemo must store it. */
function expectRowEquals(row: CardRow, card: Card, now: number) {
  const real = shanghaiStudyTime.toReal(card, shanghaiStudyTime.toStudy(now));
  expect(fsrsOf(row)).toEqual({
    due: real.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: real.last_review,
  });
}

describe('scheduler equals ts-fsrs', () => {
  // How to bring a new card into each state before the rating under test.
  const paths: Record<string, Grade[]> = {
    New: [],
    Learning: [Rating.Again],
    Review: [Rating.Easy],
    Relearning: [Rating.Easy, Rating.Again],
  };

  for (const [stateName, path] of Object.entries(paths)) {
    for (const rating of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as Grade[]) {
      it(`stores what ts-fsrs computes for ${Rating[rating]} on a ${stateName} card`, () => {
        const m = tempMnemo();
        const { id: deckId } = m.api.decks.create({ name: 'D' });
        const [cardId] = addBasicCards(m, deckId, 1);
        for (const g of path) {
          m.clock.advance(20 * DAY);
          m.api.review.answer({ cardId: cardId!, rating: g, durationMs: 1000 });
        }
        const before = m.col.card(cardId!)!;
        expect(before.state).toBe(State[stateName as keyof typeof State]);
        m.clock.advance(60 * DAY + 17 * MIN);
        const now = m.clock.now;
        const expected = referenceFsrs().next(
          asFsrsCard(before),
          new Date(shanghaiStudyTime.toStudy(now)),
          rating,
        ).card;
        const shown = m.api.review.next({})!;
        expect(shown.card.id).toBe(cardId);
        const button = Object.values(shown.states).find((s) => s.rating === rating)!;
        expect(button.due).toBe(shanghaiStudyTime.toReal(expected, shanghaiStudyTime.toStudy(now)).due);
        m.api.review.answer({ cardId: cardId!, rating, durationMs: 2500 });
        expectRowEquals(m.col.card(cardId!)!, expected, now);
        m.close();
      });
    }
  }

  it('a 500-answer random sequence replays through ts-fsrs alone to the stored state', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'Random' });
    const cardIds = addBasicCards(m, deckId, 40);
    const rand = seededRandom(20261129);
    for (let i = 0; i < 500; i++) {
      const cardId = cardIds[Math.floor(rand() * cardIds.length)]!;
      m.clock.advance(Math.floor(rand() * (rand() < 0.5 ? 60 * MIN : 30 * DAY)));
      const rating = (1 + Math.floor(rand() * 4)) as Grade;
      m.api.review.answer({ cardId, rating, durationMs: Math.floor(rand() * 20_000) });
    }
    const f = referenceFsrs();
    const preset = m.col.preset(1)!;
    let answers = 0;
    for (const cardId of cardIds) {
      const row = m.col.card(cardId)!;
      const log = m.col.db
        .prepare('SELECT rating, reviewed_at FROM review_log WHERE card_id = ? ORDER BY reviewed_at, seq')
        .all(cardId) as { rating: Grade; reviewed_at: number }[];
      answers += log.length;
      // Each answer feeds ts-fsrs the stored state in study time, as Mnemo does.
      const { toStudy, toReal } = shanghaiStudyTime;
      let card: Card & { cid: number } = {
        ...createEmptyCard(new Date(toStudy(row.created_at))),
        cid: cardId,
      };
      let at = row.created_at;
      for (const r of log) {
        const next = f.next(card, new Date(toStudy(r.reviewed_at)), r.rating).card;
        const real = toReal(next, toStudy(r.reviewed_at));
        card = {
          ...next,
          due: new Date(toStudy(real.due)),
          last_review: real.last_review === null ? undefined : new Date(toStudy(real.last_review)),
          cid: cardId,
        };
        at = r.reviewed_at;
      }
      expectRowEquals(row, { ...card, due: new Date(card.due.getTime()) }, at);
      // Mnemo's own replay (used to rebuild state from merged logs) agrees too.
      expect(replayLog(preset, cardId, row.created_at, log, 4)).toEqual(fsrsOf(row));
    }
    expect(answers).toBe(500);
    m.close();
  });

  it('the interval a button shows is the one the answer applies, even answered later', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 30);
    for (const id of ids) m.api.review.answer({ cardId: id, rating: Rating.Easy, durationMs: 1 });
    m.clock.advance(40 * DAY);
    let checked = 0;
    for (let i = 0; i < ids.length; i++) {
      const shown = m.api.review.next({})!;
      const rating = ((i % 4) + 1) as Grade;
      const button = Object.values(shown.states).find((s) => s.rating === rating)!;
      m.clock.advance(7_000); // the user thinks for seven seconds
      m.api.review.answer({ cardId: shown.card.id, rating, durationMs: 7000 });
      const row = m.col.card(shown.card.id)!;
      expect(row.scheduled_days).toBe(button.scheduledDays);
      expect(row.stability).toBe(button.stability);
      // A review interval is due at the start of its study day, whenever the answer came;
      // a learning step counts from the answer.
      if (row.state === State.Review) expect(row.due).toBe(button.due);
      else expect(row.due - m.clock.now).toBe(button.due - (m.clock.now - 7000));
      checked++;
    }
    expect(checked).toBe(30);
    m.close();
  });
});
