import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Grade, Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { replayLog } from '../../core/scheduler/fsrs.ts';
import { addBasicCards, tempDir, tempMnemo, typedRow } from '../helpers/collection.ts';

const DAY = 86_400_000;

describe('browse', () => {
  it('searches by text, deck, tag and state, a page at a time', () => {
    const m = tempMnemo();
    const a = m.api.decks.create({ name: 'A' });
    const b = m.api.decks.create({ name: 'A::B' });
    addBasicCards(m, a.id, 3, 'alpha');
    const bIds = addBasicCards(m, b.id, 4, 'beta');
    m.api.notes.add({
      deckId: b.id,
      kind: 'basic',
      fields: { front: '100% done_x', back: 'y' },
      tags: ['net'],
    });
    m.api.cards.suspend({ cardIds: [bIds[0]!] });
    m.api.review.answer({ cardId: bIds[1]!, rating: Rating.Easy, durationMs: 1 });
    expect(m.api.cards.search({}).total).toBe(8);
    expect(m.api.cards.search({ text: 'beta' }).total).toBe(4);
    expect(m.api.cards.search({ text: '100%' }).cards.map((c) => c.front)).toEqual(['100% done_x']);
    expect(m.api.cards.search({ text: '_' }).total).toBe(1); // LIKE wildcards are escaped
    expect(m.api.cards.search({ deckId: b.id }).total).toBe(5);
    expect(m.api.cards.search({ deckId: a.id }).total).toBe(8); // subdecks included
    expect(m.api.cards.search({ tag: 'net' }).total).toBe(1);
    expect(m.api.cards.search({ state: 'suspended' }).cards.map((c) => c.id)).toEqual([bIds[0]]);
    const review = m.api.cards.search({ state: 'review' }).cards;
    expect(review).toHaveLength(1);
    expect(review[0]!.retrievability).toBeCloseTo(1, 1);
    expect(m.api.cards.search({ dueFrom: m.clock.now + DAY }).total).toBe(1);
    const page = m.api.cards.search({ limit: 3, offset: 3 });
    expect(page.total).toBe(8);
    expect(page.cards).toHaveLength(3);
  });

  it('reset forgets a card (logged, replayable, undoable) and reposition orders new cards', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 3);
    m.api.review.answer({ cardId: ids[0]!, rating: Rating.Good, durationMs: 1 });
    m.clock.advance(DAY);
    m.api.review.answer({ cardId: ids[0]!, rating: Rating.Good as Grade, durationMs: 1 });
    const before = typedRow(m.col.db, 'cards', ids[0]!);
    m.clock.advance(DAY);
    expect(m.api.cards.reset({ cardIds: [ids[0]!, ids[1]!] }).changed).toBe(1); // ids[1] was new already
    const { card, log } = m.api.cards.get({ cardId: ids[0]! });
    expect(card.fsrs).toMatchObject({ state: 'new', reps: 0, lapses: 0 });
    expect(log.map((l) => [l.rating, l.kind])).toEqual([
      [3, 'learning'],
      [3, 'learning'],
      [0, 'manual'],
    ]);
    const row = m.col.card(ids[0]!)!;
    const replayed = replayLog(
      m.col.preset(1)!,
      row.id,
      row.created_at,
      log.map((l) => ({ rating: l.rating, reviewed_at: l.reviewedAt })),
      m.api.settings.get().dayStartHour,
    );
    expect(replayed).toMatchObject({
      state: row.state,
      reps: row.reps,
      due: row.due,
      stability: row.stability,
    });
    m.api.review.undo();
    expect(typedRow(m.col.db, 'cards', ids[0]!)).toEqual(before);

    m.api.cards.reposition({ cardIds: [ids[2]!, ids[1]!], start: 0 });
    expect(m.api.review.next({})!.card.id).toBe(ids[2]);
  });
});

describe('stats', () => {
  it("counts today's answers and time, the streak, the next due day, a forecast and a history", () => {
    const m = tempMnemo(new Date(2026, 11, 10, 12).getTime());
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 5);
    for (let day = 0; day < 3; day++) {
      m.api.review.answer({ cardId: ids[day]!, rating: Rating.Easy, durationMs: 2000 });
      m.clock.advance(DAY);
    }
    m.api.review.answer({ cardId: ids[3]!, rating: Rating.Good, durationMs: 1500 });
    const today = m.api.stats.today();
    expect(today).toMatchObject({ studied: 1, timeMs: 1500, streakDays: 4 });
    expect(today.nextDue).toBeGreaterThan(m.clock.now);
    const forecast = m.api.stats.forecast({ days: 30 }).days;
    expect(forecast).toHaveLength(30);
    expect(forecast.reduce((s, d) => s + d.due, 0)).toBe(4);
    const history = m.api.stats.history({ days: 7 }).days;
    expect(history.map((d) => d.reviews)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(history.at(-1)!.day).toBe('2026-12-13');
  });
});

describe('type-in cards', () => {
  it('a back written "type: …" asks for the typed answer; a preset can ask for every card', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(
      join(dir, 't.md'),
      '---\ndeck: T\n---\n查看所有容器（包括停止的）::type: `docker ps -a`\n\nplain::answer **bold**\n',
    );
    compileDecks(m.col, [dir]);
    const first = m.api.review.next({})!;
    expect(first.card).toMatchObject({
      typeAnswer: true,
      expectedAnswer: 'docker ps -a',
      back: '`docker ps -a`',
    });
    const second = m.api.cards.get({ cardId: 2 }).card;
    expect(second).toMatchObject({ typeAnswer: false, expectedAnswer: null });
    m.api.presets.update({ presetId: 1, typeAnswer: true });
    expect(m.api.cards.get({ cardId: 2 }).card).toMatchObject({
      typeAnswer: true,
      expectedAnswer: 'answer bold',
    });
  });
});
