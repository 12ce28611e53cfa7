/**
 * `exams.forecast` works a deck at a time and lets the event loop run between decks
 * (core/exams/forecast.ts), so on the server's one thread Home's forecasts of large exams do
 * not hold up the first card. These check that the sliced forecast is the one-go forecast,
 * that other calls do run before it ends, and that a card answered meanwhile counts once.
 */
import { describe, expect, it } from 'vitest';
import { getExam } from '../../core/exams/exams.ts';
import { curves, examForecast } from '../../core/exams/forecast.ts';
import { schedulerFor } from '../../core/scheduler/fsrs.ts';
import { appServer } from '../helpers/app-server.ts';
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

  it("works out the forgetting curve exactly as ts-fsrs's forgetting_curve, default and custom parameters", () => {
    const { m } = setUp();
    const custom = [
      0.3, 0.9, 2.5, 10.2, 7.1, 0.6, 1.9, 0.01, 1.2, 0.2, 0.8, 1.7, 0.1, 0.3, 2.1, 0.2, 2.8, 0.5, 0.3, 0.1,
      0.47,
    ];
    const presets = [1, m.api.presets.create({ name: 'custom', fsrsWeights: custom }).id];
    const curveOf = curves(m.col);
    let compared = 0;
    for (const presetId of presets) {
      const scheduler = schedulerFor(m.col.preset(presetId)!);
      for (const days of [0, 1, 2, 7, 30, 365, 4000])
        for (const s of [0.01, 0.123456789123, 1, 3.3, 47.9, 365.25, 36500]) {
          const want = scheduler.forgetting_curve(days, Math.round(s * 1e8) / 1e8);
          expect(curveOf(presetId)(days, s)).toBe(want);
          compared++;
        }
    }
    expect(compared).toBe(98);
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

  it("over HTTP, the first card asked for while Home's three forecasts run is answered before any of them", async () => {
    const s = await appServer();
    const m = s.mnemo;
    const decks = Array.from({ length: 100 }, (_, i) => m.api.decks.create({ name: `D${i}` }).id);
    m.col.tx(() => {
      for (const deckId of decks)
        for (let i = 0; i < 20; i++)
          m.api.notes.add({ deckId, kind: 'basic', fields: { front: `q${i}`, back: 'a' } });
    });
    const exams = [decks, decks.slice(0, 60), decks.slice(0, 30)].map(
      (deckIds) =>
        m.api.exams.create({
          name: 'e',
          examAt: m.col.now() + 9 * DAY,
          deckIds,
          budgetKind: 'reviews',
          budget: 50,
        }).id,
    );
    const done: string[] = [];
    const call = (method: string, args: unknown) =>
      s.api(method, args).then((r) => {
        expect(r.status).toBe(200);
        done.push(method);
        return JSON.parse(r.body) as { cards?: number; card?: unknown };
      });
    // As Home asks: the forecasts first, then the click on "Study all".
    const forecasts = exams.map((examId) => call('exams.forecast', { examId }));
    const next = await call('review.next', {});
    expect(next.card).toBeTruthy();
    expect((await Promise.all(forecasts)).map((f) => f.cards)).toEqual([2000, 1200, 600]);
    expect(done[0]).toBe('review.next');
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
