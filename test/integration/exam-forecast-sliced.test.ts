/**
 * `exams.forecast` works a deck at a time and lets the event loop run between decks
 * (core/exams/forecast.ts), so on the server's one thread Home's forecasts of large exams do
 * not hold up the first card. These check that the sliced forecast is the one-go forecast,
 * that other calls do run before it ends, and that a card answered meanwhile counts once.
 */
import { describe, expect, it } from 'vitest';
import { getExam } from '../../core/exams/exams.ts';
import { examForecast } from '../../core/exams/forecast.ts';
import { examCollection } from '../helpers/exam-collection.ts';

const DAY = 86_400_000;
const DECKS = ['A', 'B', 'C', 'D::1', 'D::2', '中文'];

function setUp() {
  const m = examCollection({ cards: 1200, newShare: 0.3, seed: 5, decks: DECKS });
  const exam = (fields: { deckIds?: number[]; tags?: string[] }) =>
    m.api.exams.create({
      name: 'e',
      examAt: m.clock.now + 20 * DAY,
      deckIds: fields.deckIds ?? m.deckIds,
      tags: fields.tags ?? [],
      budgetKind: 'reviews',
      budget: 100,
    }).id;
  return { m, exam };
}

describe('exams.forecast, a deck at a time', () => {
  it('gives exactly the one-go forecast for all decks, some decks, and a tag scope', async () => {
    const { m, exam } = setUp();
    const scopes = [
      exam({}),
      exam({ deckIds: [m.deckIds[1]!, m.deckIds[3]!] }),
      exam({ deckIds: [m.deckIds[2]!, m.deckIds[3]!], tags: ['t2', 't0'] }),
    ];
    for (const examId of scopes) {
      const sliced = await m.api.exams.forecast({ examId });
      expect(sliced).toEqual(examForecast(m.col, getExam(m.col, examId)));
      expect(sliced.studied).toBeGreaterThan(0);
    }
    const all = await m.api.exams.forecast({ examId: scopes[0]! });
    expect(all.cards).toBe(1200);
    expect(all.decks.map((d) => d.cards)).toEqual(DECKS.map(() => 200));
    m.close();
  });

  it('lets a call made while it runs (the first card) be answered before it ends', async () => {
    const { m, exam } = setUp();
    const examId = exam({});
    const order: string[] = [];
    const forecast = m.api.exams.forecast({ examId }).then((f) => {
      order.push('forecast');
      return f;
    });
    setImmediate(() => {
      expect(m.api.review.next({})).not.toBeNull();
      order.push('review.next');
    });
    await forecast;
    expect(order).toEqual(['review.next', 'forecast']);
    m.close();
  });

  it('counts a card answered while it runs once, as its deck was when read', async () => {
    const { m, exam } = setUp();
    const examId = exam({});
    const before = examForecast(m.col, getExam(m.col, examId));
    // A new card of the deck read last (the highest id): answered before that deck is read.
    const last = Math.max(...m.deckIds);
    const card = m.col
      .stmt('SELECT id FROM cards WHERE deck_id = ? AND state = 0 ORDER BY id LIMIT 1')
      .pluck()
      .get(last) as number;
    const forecast = m.api.exams.forecast({ examId });
    setImmediate(() => m.api.review.answer({ cardId: card, rating: 3, durationMs: 1000 }));
    const f = await forecast;
    expect(f.cards).toBe(before.cards);
    expect(f.studied).toBe(before.studied + 1);
    expect(f).toEqual(examForecast(m.col, getExam(m.col, examId)));
    m.close();
  });
});
