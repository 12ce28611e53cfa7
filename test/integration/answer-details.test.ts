import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { uuidv7 } from '../../core/review/uuid.ts';
import { addBasicCards, tempDir, tempMnemo, typedRow } from '../helpers/collection.ts';

const DAY = 86_400_000;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('review-log ids', () => {
  it('are UUIDv7: the answer time in the first 48 bits, random after, unique within one millisecond', () => {
    const at = Date.parse('2026-11-29T10:00:00.123Z');
    const ids = Array.from({ length: 500 }, () => uuidv7(at));
    expect(new Set(ids).size).toBe(500);
    for (const id of ids) {
      expect(id).toMatch(UUID_V7);
      expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    }
    // The random parts differ in every group after the version nibble.
    const groups = (i: number) => new Set(ids.map((id) => id.split('-')[i]!.slice(i === 2 ? 1 : 0)));
    for (const i of [2, 3, 4]) expect(groups(i).size).toBeGreaterThan(400);
    expect(uuidv7(0)).toMatch(/^00000000-0000-7/);
  });

  it('sort like the answers they name', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, 5);
    const reviewIds: string[] = [];
    for (const cardId of ids) {
      m.clock.advance(1);
      reviewIds.push(m.api.review.answer({ cardId, rating: Rating.Good, durationMs: 1 }).reviewId);
    }
    expect([...reviewIds].sort()).toEqual(reviewIds);
    const logged = m.col.db.prepare('SELECT id FROM review_log ORDER BY reviewed_at').pluck().all();
    expect(logged).toEqual(reviewIds);
    for (const id of reviewIds) expect(id).toMatch(UUID_V7);
    m.close();
  });
});

describe('answering', () => {
  it('refuses a retired card (gone from its source) and never shows it', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(join(dir, 'd.md'), '---\ndeck: D\n---\nkeep::1\n\ngone::2\n');
    compileDecks(m.col, [dir]);
    const gone = m.api.cards.search({ text: 'gone' }).cards[0]!.id;
    writeFileSync(join(dir, 'd.md'), '---\ndeck: D\n---\nkeep::1\n');
    expect(compileDecks(m.col, [dir]).totals.retired).toBe(1);
    expect(() => m.api.review.answer({ cardId: gone, rating: Rating.Good, durationMs: 1 })).toThrow(
      `card ${gone} is retired (gone from its source file)`,
    );
    expect(m.api.review.counts({}).counts.new).toBe(1);
    expect(m.api.review.next({})!.card.front).toBe('keep');
    expect(() => m.api.review.answer({ cardId: 999, rating: Rating.Good, durationMs: 1 })).toThrow(
      'card 999 does not exist',
    );
    m.close();
  });

  it('undo names the answered card first, then the siblings it buried', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const { cardIds } = m.api.notes.add({
      deckId,
      kind: 'cloze',
      fields: { text: '{{c1::bridge}} is the default, {{c2::host}} shares, {{c3::none}} has only lo' },
    });
    expect(cardIds).toHaveLength(3);
    expect(m.api.review.next({})!.card.id).toBe(cardIds[0]);
    m.api.review.answer({ cardId: cardIds[0]!, rating: Rating.Good, durationMs: 1 });
    expect(m.api.review.counts({}).counts.new).toBe(0); // its siblings are buried
    const undone = m.api.review.undo();
    expect(undone.cardIds[0]).toBe(cardIds[0]);
    expect([...undone.cardIds].sort()).toEqual([...cardIds].sort());
    // The review then shows that card again, as Anki does.
    expect(m.api.review.next({ firstCardId: undone.cardIds[0]! })!.card.id).toBe(cardIds[0]);
    m.close();
  });

  it('a second leech lapse leaves the note, already tagged, untouched', () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    m.api.presets.update({ presetId: 1, leechThreshold: 1, leechAction: 'tag' });
    const [cardId] = addBasicCards(m, deckId, 1) as [number];
    const noteId = m.col.card(cardId)!.note_id;
    m.api.review.answer({ cardId, rating: Rating.Easy, durationMs: 1 });
    const lapse = () => {
      m.clock.now = m.col.card(cardId)!.due + DAY;
      const r = m.api.review.answer({ cardId, rating: Rating.Again, durationMs: 1 });
      m.clock.advance(20 * 60_000);
      m.api.review.answer({ cardId, rating: Rating.Good, durationMs: 1 });
      return r.leech;
    };
    expect(lapse()).toBe(true);
    const note = typedRow(m.col.db, 'notes', noteId);
    expect(lapse()).toBe(true);
    expect(typedRow(m.col.db, 'notes', noteId)).toEqual(note);
    // Undoing that second leech answer restores only what it changed.
    m.api.review.undo(); // the Good
    m.api.review.undo(); // the second lapse
    expect(typedRow(m.col.db, 'notes', noteId)).toEqual(note);
    expect(m.api.cards.get({ cardId }).card).toMatchObject({ leech: true, tags: ['leech'] });
    m.close();
  });
});
