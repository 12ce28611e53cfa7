import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { openMnemo } from '../../core/index.ts';
import { addBasicCards, checksum, tempMnemo, typedRow } from '../helpers/collection.ts';

const DAY = 86_400_000;

describe('undo', () => {
  it('restores byte-identical card rows and removes log rows, several steps deep', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    // A reversed note: answering one side buries the other, which undo must also revert.
    const { cardIds } = m.api.notes.add({
      deckId,
      kind: 'reversed',
      fields: { front: 'host', back: '主机网络' },
    });
    const more = addBasicCards(m, deckId, 3);
    const snapshots: { sum: string; rows: unknown[][] }[] = [];
    const all = [...cardIds, ...more];
    const plan: [number, number][] = [
      [cardIds[0]!, Rating.Good],
      [more[0]!, Rating.Again],
      [more[1]!, Rating.Easy],
      [more[0]!, Rating.Hard],
      [more[2]!, Rating.Good],
    ];
    for (const [cardId, rating] of plan) {
      snapshots.push({ sum: checksum(m.col.db), rows: all.map((id) => typedRow(m.col.db, 'cards', id)) });
      m.clock.advance(90_000);
      m.api.review.answer({ cardId, rating: rating as 1, durationMs: 3000 });
    }
    expect(m.col.card(cardIds[1]!)!.buried_until).toBeGreaterThan(m.clock.now);
    expect(m.col.db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(5);

    for (let step = plan.length - 1; step >= 0; step--) {
      const undone = m.api.review.undo();
      expect(undone.action).toBe('answer');
      expect(undone.cardIds).toContain(plan[step]![0]);
      expect(all.map((id) => typedRow(m.col.db, 'cards', id))).toEqual(snapshots[step]!.rows);
      expect(m.col.db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(step);
    }
    // Back to the very first state, apart from the emptied undo stack.
    expect(m.col.db.prepare('SELECT count(*) FROM undo_stack').pluck().get()).toBe(0);
    expect(() => m.api.review.undo()).toThrow(/nothing to undo/);
    m.close();
  });

  it('undoes a leech answer: suspension, the leech tag and the log row', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    m.api.presets.update({ presetId: 1, leechThreshold: 2 });
    const [cardId] = addBasicCards(m, deckId, 1);
    const answer = (rating: 1 | 3 | 4) => {
      m.clock.advance(30 * DAY);
      return m.api.review.answer({ cardId: cardId!, rating, durationMs: 1 });
    };
    answer(Rating.Easy);
    answer(Rating.Again); // lapse 1
    answer(Rating.Good);
    answer(Rating.Good);
    const logRows = m.col.db.prepare('SELECT count(*) FROM review_log').pluck().get();
    const beforeRow = typedRow(m.col.db, 'cards', cardId!);
    const noteBefore = typedRow(m.col.db, 'notes', m.col.card(cardId!)!.note_id);
    expect(answer(Rating.Again).leech).toBe(true); // lapse 2 = threshold
    expect(m.api.cards.get({ cardId: cardId! }).card).toMatchObject({
      leech: true,
      suspended: true,
      tags: ['leech'],
    });
    m.api.review.undo();
    expect(typedRow(m.col.db, 'cards', cardId!)).toEqual(beforeRow);
    expect(typedRow(m.col.db, 'notes', m.col.card(cardId!)!.note_id)).toEqual(noteBefore);
    expect(m.col.db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(logRows);
    m.close();
  });

  it('suspend, bury and flag are undoable too, and survive reopening the collection', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 3);
    const rows = () => ids.map((id) => typedRow(m.col.db, 'cards', id));
    const r0 = rows();
    m.api.cards.suspend({ cardIds: [ids[0]!] });
    const r1 = rows();
    m.api.cards.bury({ cardIds: [ids[1]!, ids[2]!] });
    const r2 = rows();
    m.api.cards.flag({ cardIds: ids, flag: 3 });
    expect(m.api.review.counts({}).counts.new).toBe(0);
    // The undo stack lives in the collection: a restarted app can still undo.
    m.close();
    const reopened = openMnemo({ dataDir: m.dataDir, clock: m.clock.read });
    Object.assign(m, { col: reopened.col, api: reopened.api });
    m.api.review.undo();
    expect(rows()).toEqual(r2);
    m.api.review.undo();
    expect(rows()).toEqual(r1);
    expect(m.api.review.undo().action).toBe('suspend');
    expect(rows()).toEqual(r0);
    expect(m.api.review.counts({}).counts.new).toBe(3);
    m.close();
  });
});
