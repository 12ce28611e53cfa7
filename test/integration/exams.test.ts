import { describe, expect, it } from 'vitest';
import { MnemoError } from '../../core/errors.ts';
import { nextState, retrievability } from '../../core/scheduler/fsrs.ts';
import { checksum } from '../helpers/collection.ts';
import { examCollection } from '../helpers/exam-collection.ts';

const DAY = 86_400_000;

function refused(fn: () => unknown): MnemoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MnemoError);
    return e as MnemoError;
  }
  throw new Error('not refused');
}

function cardsDigest(m: ReturnType<typeof examCollection>): string {
  return JSON.stringify(m.col.db.prepare('SELECT * FROM cards ORDER BY id').raw(true).all());
}

describe('exams', () => {
  it('are created, listed, updated and deleted; bad input is refused and changes nothing', async () => {
    const m = examCollection({ cards: 30, newShare: 0.3, seed: 1 });
    const at = m.clock.now + 10 * DAY;
    const e = m.api.exams.create({
      name: ' DCA ',
      examAt: at,
      deckIds: [m.deckIds[0]!],
      budgetKind: 'minutes',
      budget: 20,
    });
    expect(e).toMatchObject({
      name: 'DCA',
      examAt: at,
      deckIds: [m.deckIds[0]],
      tags: [],
      target: 0.9,
      budget: 20,
    });
    const before = checksum(m.col.db);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ examAt: m.clock.now - 1 }, /examAt: the exam date is in the past/],
      [{ deckIds: [], tags: [] }, /scope: choose at least one deck or tag/],
      [{ deckIds: [], tags: ['nosuchtag'] }, /scope: choose at least one deck or tag that has cards/],
      [{ deckIds: [9999] }, /deckIds: deck 9999 does not exist/],
      [{ target: 0 }, /target: .*strictly between 0 and 1/],
      [{ target: 1 }, /target: .*strictly between 0 and 1/],
      [{ target: 1.5 }, /target/],
      [{ budget: 0 }, /budget: the daily budget must be more than 0/],
      [{ budget: -3 }, /budget: the daily budget must be more than 0/],
      [{ name: '   ' }, /name: an exam needs a name/],
      [{ budgetKind: 'hours' }, /budgetKind/],
    ];
    for (const [patch, message] of bad) {
      const base = { name: 'X', examAt: at, deckIds: [m.deckIds[0]!], budgetKind: 'reviews', budget: 50 };
      const err = refused(() => m.api.exams.create({ ...base, ...patch } as never));
      expect(err.type).toBe('InvalidArgument');
      expect(err.message).toMatch(message);
      expect(refused(() => m.api.exams.update({ examId: e.id, ...patch } as never)).message).toMatch(message);
    }
    expect(checksum(m.col.db)).toBe(before);

    const tagged = m.api.exams.create({
      name: 'tags',
      examAt: at + DAY,
      tags: ['t1'],
      budgetKind: 'reviews',
      budget: 40,
    });
    expect(m.api.exams.list().map((x) => x.name)).toEqual(['DCA', 'tags']);
    const moved = m.api.exams.update({ examId: e.id, target: 0.8, tags: ['t0', 't0'] });
    expect(moved).toMatchObject({
      target: 0.8,
      tags: ['t0'],
      deckIds: [m.deckIds[0]],
      budgetKind: 'minutes',
    });
    // Tags narrow the decks: only t0 cards of the first deck.
    expect((await m.api.exams.forecast({ examId: e.id })).cards).toBe(5);
    expect((await m.api.exams.forecast({ examId: tagged.id })).cards).toBe(10);
    m.api.exams.delete({ examId: e.id });
    expect(m.api.exams.list().map((x) => x.id)).toEqual([tagged.id]);
    expect(refused(() => m.api.exams.get({ examId: e.id })).type).toBe('NotFound');
  });

  it('predicts recall at the exam as ts-fsrs retrievability, per deck and in all, with default and custom parameters', async () => {
    const m = examCollection({ cards: 40, newShare: 0.25, seed: 7, decks: ['A', 'B', 'C'] });
    // Deck C uses custom FSRS-6 parameters.
    const custom = [
      0.3, 0.9, 2.5, 10.2, 7.1, 0.6, 1.9, 0.01, 1.2, 0.2, 0.8, 1.7, 0.1, 0.3, 2.1, 0.2, 2.8, 0.5, 0.3, 0.1,
      0.3,
    ];
    const p = m.api.presets.create({ name: 'custom', fsrsWeights: custom });
    m.api.decks.setPreset({ deckId: m.deckIds[2]!, presetId: p.id });
    const hour = m.col.settings().dayStartHour;
    for (const offset of [0.3 * DAY, 3 * DAY + 5 * 3_600_000, 17 * DAY, 45.5 * DAY]) {
      const examAt = m.clock.now + offset;
      const exam = m.api.exams.create({
        name: `at ${offset}`,
        examAt,
        deckIds: m.deckIds,
        budgetKind: 'reviews',
        budget: 10,
      });
      const f = await m.api.exams.forecast({ examId: exam.id });
      const rows = m.col.db.prepare('SELECT * FROM cards ORDER BY id').all() as Parameters<
        typeof retrievability
      >[1][];
      const perDeck = new Map<number, { exam: number; now: number; n: number }>();
      for (const row of rows) {
        const r = row as typeof row & { deck_id: number };
        const preset = m.col.presetOfDeck(r.deck_id);
        const d = perDeck.get(r.deck_id) ?? { exam: 0, now: 0, n: 0 };
        d.exam += retrievability(preset, r, examAt, hour);
        d.now += retrievability(preset, r, m.clock.now, hour);
        d.n++;
        perDeck.set(r.deck_id, d);
      }
      for (const deck of f.decks) {
        const want = perDeck.get(deck.deckId)!;
        expect(deck.cards).toBe(want.n);
        expect(deck.recalledAtExam).toBeCloseTo(want.exam, 9);
        expect(deck.recalledNow).toBeCloseTo(want.now, 9);
      }
      const all = [...perDeck.values()].reduce((a, d) => a + d.exam, 0);
      expect(f.recalledAtExam).toBeCloseTo(all, 9);
      // The curve ends at the exam with the same number, and never rises doing nothing.
      expect(f.curve.at(-1)!.recalled).toBeCloseTo(all, 9);
      for (let i = 1; i < f.curve.length; i++)
        expect(f.curve[i]!.recalled).toBeLessThanOrEqual(f.curve[i - 1]!.recalled + 1e-9);
      expect(f.recalledAtExam).toBeLessThan(f.recalledNow + 1e-9);
    }
  });

  it("plans within the budget, offers today's plan in the exam session, and answers do not re-make it", async () => {
    const m = examCollection({ cards: 200, newShare: 0.3, seed: 3 });
    const exam = m.api.exams.create({
      name: 'E',
      examAt: m.clock.now + 12 * DAY,
      deckIds: m.deckIds,
      budgetKind: 'reviews',
      budget: 30,
    });
    const plan = m.api.exams.plan({ examId: exam.id });
    expect(plan.days).toHaveLength(12);
    for (const d of plan.days) expect(d.answers).toBeLessThanOrEqual(30 + 1e-9);
    expect(plan.expectedAtExam).toBeGreaterThan(plan.expectedIfNothing);
    expect(plan.curve.at(-1)!.plan).toBeCloseTo(plan.expectedAtExam, 9);
    expect(plan.curve.at(-1)!.nothing).toBeCloseTo(
      (await m.api.exams.forecast({ examId: exam.id })).recalledAtExam,
      6,
    );
    expect(plan.todayCards).toBeGreaterThan(10);

    const first = m.api.review.next({ examId: exam.id })!;
    expect(first).not.toBeNull();
    const total = first.counts.new + first.counts.review;
    m.api.review.answer({ cardId: first.card.id, rating: 3, durationMs: 4000 });
    const second = m.api.review.next({ examId: exam.id })!;
    expect(second.card.id).not.toBe(first.card.id);
    // Answered, it leaves the plan's part (a new card comes back as a learning card).
    expect(second.counts.new + second.counts.review).toBe(total - 1);
    // The plan, asked again after the answer, is re-made and no longer plans that card today.
    expect(m.api.exams.plan({ examId: exam.id }).todayCards).toBeLessThanOrEqual(plan.todayCards);
  });

  it('an exam session offers the plan first, then (saying so) the due cards beyond the budget', () => {
    const m = examCollection({ cards: 120, newShare: 0, seed: 8 });
    // Make 30 cards overdue, so the normal queue has more due than a budget of 5 allows.
    m.col.db.prepare('UPDATE cards SET due = ? WHERE id <= 30').run(m.clock.now - 86_400_000);
    const exam = m.api.exams.create({
      name: 'E',
      examAt: m.clock.now + 6 * DAY,
      deckIds: m.deckIds,
      budgetKind: 'reviews',
      budget: 5,
    });
    const seen: { inPlan: boolean | null; queue: string }[] = [];
    for (
      let next = m.api.review.next({ examId: exam.id });
      next && seen.length < 40;
      next = m.api.review.next({ examId: exam.id })
    ) {
      seen.push({ inPlan: next.inPlan, queue: next.queue });
      m.api.review.answer({ cardId: next.card.id, rating: 3, durationMs: 1000 });
    }
    const planned = seen.filter((s) => s.inPlan).length;
    expect(planned).toBeGreaterThanOrEqual(3);
    expect(planned).toBeLessThanOrEqual(5);
    // Every planned card comes before every card beyond the plan.
    expect(seen.slice(0, planned).every((s) => s.inPlan)).toBe(true);
    expect(seen.slice(planned).every((s) => s.inPlan === false)).toBe(true);
    expect(seen.length).toBeGreaterThan(planned);
    // A normal session says nothing of a plan.
    expect(m.api.review.next({})?.inPlan ?? null).toBeNull();
  });

  it('a preview cram logs answers and leaves every card row byte-identical; rescheduling crams answer normally', () => {
    const m = examCollection({ cards: 60, newShare: 0.2, seed: 5 });
    const exam = m.api.exams.create({
      name: 'E',
      examAt: m.clock.now + 5 * DAY,
      deckIds: m.deckIds,
      budgetKind: 'reviews',
      budget: 30,
    });
    const newBefore = m.api.review.counts({}).counts.new;
    const cards = cardsDigest(m);
    const preview = m.api.cram.start({ kind: 'preview', examId: exam.id, limit: 25, seed: 9 });
    expect(preview.reschedules).toBe(false);
    expect(new Set(preview.cardIds).size).toBe(25);
    // Seeded: the same order again, another order with another seed.
    expect(m.api.cram.start({ kind: 'preview', examId: exam.id, limit: 25, seed: 9 }).cardIds).toEqual(
      preview.cardIds,
    );
    expect(m.api.cram.start({ kind: 'preview', examId: exam.id, limit: 25, seed: 10 }).cardIds).not.toEqual(
      preview.cardIds,
    );
    for (const [i, id] of preview.cardIds.entries())
      m.api.cram.answer({ cardId: id, rating: ((i % 4) + 1) as 1, durationMs: 1000 });
    expect(cardsDigest(m)).toBe(cards);
    const logged = m.col.db.prepare("SELECT count(*) FROM review_log WHERE kind = 'cram'").pluck().get();
    expect(logged).toBe(25);
    // Cram answers of new cards use up no new-card limit.
    expect(m.api.review.counts({}).counts.new).toBe(newBefore);
    m.api.review.undo();
    expect(m.col.db.prepare("SELECT count(*) FROM review_log WHERE kind = 'cram'").pluck().get()).toBe(24);
    expect(cardsDigest(m)).toBe(cards);

    const weakest = m.api.cram.start({ kind: 'weakest', examId: exam.id, limit: 10 });
    expect(weakest.reschedules).toBe(true);
    const hour = m.col.settings().dayStartHour;
    const rs = weakest.cardIds.map((id) =>
      retrievability(m.col.presetOfDeck(m.col.card(id)!.deck_id), m.col.card(id)!, exam.examAt, hour),
    );
    expect(rs).toEqual([...rs].sort((a, b) => a - b));
    for (const id of weakest.cardIds) {
      const row = m.col.card(id)!;
      const want = nextState(m.col.presetOfDeck(row.deck_id), row, m.clock.now, 3, hour);
      m.api.review.answer({ cardId: id, rating: 3, durationMs: 2000 });
      const got = m.col.card(id)!;
      expect({ due: got.due, stability: got.stability, difficulty: got.difficulty, reps: got.reps }).toEqual({
        due: want.due,
        stability: want.stability,
        difficulty: want.difficulty,
        reps: want.reps,
      });
      m.clock.advance(5000);
    }

    const ahead = m.api.cram.start({ kind: 'ahead', deckId: m.deckIds[0]!, days: 10, limit: 100 });
    const dues = ahead.cardIds.map((id) => m.col.card(id)!.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    for (const d of dues) expect(d).toBeLessThan(m.clock.now + 11 * DAY);

    // Forgotten: two Again answers the same day to different cards, and one older than the window.
    const [a, b, c] = m.api.cram.start({ kind: 'ahead', examId: exam.id, days: 60, limit: 3 }).cardIds;
    m.api.review.answer({ cardId: c!, rating: 1, durationMs: 1000 });
    m.clock.advance(4 * DAY);
    m.api.review.answer({ cardId: a!, rating: 1, durationMs: 1000 });
    m.api.review.answer({ cardId: b!, rating: 1, durationMs: 1000 });
    expect(new Set(m.api.cram.start({ kind: 'forgotten', examId: exam.id, days: 2 }).cardIds)).toEqual(
      new Set([a, b]),
    );
    expect(new Set(m.api.cram.start({ kind: 'forgotten', examId: exam.id, days: 7 }).cardIds)).toEqual(
      new Set([a, b, c]),
    );
  });
});
