import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { applyBatch } from '../../core/import/apply.ts';
import type { ImportedNote, ImportedReview } from '../../core/import/batch.ts';
import { fromColumns } from '../../core/import/fsrs-state.ts';
import type { Mnemo } from '../../core/index.ts';
import type { CardRow } from '../../core/model/types.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';
import { answer, asImported, basic, batchOf, DAY, fsrsColumns, T0 } from '../helpers/import-batch.ts';

describe('applyBatch', () => {
  it('adds notes, cards and decks; re-applying the same batch changes nothing', () => {
    const m = tempMnemo(T0);
    const notes = [
      basic('g1', 'one', 'A::B'),
      basic('g2', 'two', 'A::B'),
      basic('g3', 'three', 'A'),
      {
        ...basic('g4', 'both ways', 'A'),
        kind: 'reversed' as const,
        cards: [
          { ord: 0, deck: 'A', fsrs: null, reviews: [] },
          { ord: 1, deck: 'A::C', fsrs: null, reviews: [] },
        ],
      },
      {
        guid: 'g5',
        kind: 'cloze' as const,
        fields: { text: '{{c1::a}} and {{c2::b}}' },
        tags: [],
        cards: [{ ord: 0, deck: 'A', fsrs: null, reviews: [] }],
      },
    ];
    const first = applyBatch(m.col, batchOf(notes), { dryRun: false });
    expect(first).toMatchObject({
      notesAdded: 5,
      notesUpdated: 0,
      notesUnchanged: 0,
      cardsAdded: 7,
      reviewsAdded: 0,
      dryRun: false,
    });
    expect(first.decksCreated.sort()).toEqual(['A', 'A::B', 'A::C']);
    const decks = new Map(m.api.decks.list().decks.map((d) => [d.name, d.totalCards]));
    expect(decks.get('A')).toBe(7);
    expect(decks.get('A::B')).toBe(2);
    // The cloze's second card, absent from the batch, was made as the note needs it.
    expect(
      m.col.db
        .prepare("SELECT count(*) FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = 'g5'")
        .pluck()
        .get(),
    ).toBe(2);
    const before = checksum(m.col.db);
    const again = applyBatch(m.col, batchOf(notes), { dryRun: false });
    expect(again).toMatchObject({
      notesAdded: 0,
      notesUpdated: 0,
      notesUnchanged: 5,
      cardsAdded: 0,
      cardsUpdated: 0,
      decksCreated: [],
    });
    expect(checksum(m.col.db)).toBe(before);
    m.close();
  });

  it('updates a note with the same guid when the import is newer or undated, keeps yours when older', () => {
    const m = tempMnemo(T0);
    applyBatch(m.col, batchOf([basic('g1', 'one'), basic('g2', 'two'), basic('g3', 'three')]), {
      dryRun: false,
    });
    const stored = (guid: string) =>
      m.col.db.prepare('SELECT fields, tags, modified_at FROM notes WHERE guid = ?').get(guid) as {
        fields: string;
        tags: string;
        modified_at: number;
      };
    const edited = (guid: string, modifiedAt?: number) => ({
      ...basic(guid, 'edited'),
      tags: ['t1', 'new tag'],
      modifiedAt,
    });
    const r = applyBatch(m.col, batchOf([edited('g1'), edited('g2', T0 + DAY), edited('g3', T0 - DAY)]), {
      dryRun: false,
    });
    expect(r).toMatchObject({ notesAdded: 0, notesUpdated: 2, notesUnchanged: 1 });
    expect(r.warnings).toContain('1 note(s) kept as they are: yours were changed more recently');
    expect(JSON.parse(stored('g1').fields)).toEqual({ front: 'edited', back: 'edited back' });
    expect(stored('g1').tags).toBe('t1 new_tag');
    expect(stored('g2').modified_at).toBe(T0 + DAY);
    expect(JSON.parse(stored('g3').fields).front).toBe('three');
    // A note that turned from basic into reversed gains its second card; moving decks moves its cards.
    const r2 = applyBatch(
      m.col,
      batchOf([
        {
          ...basic('g1', 'edited'),
          kind: 'reversed',
          tags: ['t1', 'new_tag'],
          cards: [{ ord: 0, deck: 'Other', fsrs: null, reviews: [] }],
        },
      ]),
      { dryRun: false },
    );
    expect(r2).toMatchObject({ notesUpdated: 1, cardsAdded: 1, cardsUpdated: 1, decksCreated: ['Other'] });
    m.close();
  });

  it('takes FSRS state from the import, or rebuilds it by replaying the log exactly as the answers made it', () => {
    // The source: a collection where two cards were answered over several days.
    const src = tempMnemo(T0);
    const { id: deckId } = src.api.decks.create({ name: 'Src' });
    const [c1, c2] = [1, 2].map(
      (i) => src.api.notes.add({ deckId, kind: 'basic', fields: { front: `q${i}`, back: 'a' } }).cardIds[0]!,
    );
    const log1 = answer(src, c1!, [
      [0, Rating.Again],
      [0, Rating.Good],
      [1, Rating.Good],
      [4, Rating.Hard],
      [12, Rating.Good],
    ]);
    const log2 = answer(src, c2!, [
      [0, Rating.Good],
      [0, Rating.Good],
      [3, Rating.Again],
      [3, Rating.Good],
    ]);
    const row1 = src.col.card(c1!)!;
    const row2 = src.col.card(c2!)!;

    const dst = tempMnemo(T0);
    const note = (guid: string, row: CardRow, reviews: ImportedReview[], fsrs: boolean): ImportedNote => ({
      ...basic(guid, guid, 'Dst'),
      cards: [
        { ord: 0, deck: 'Dst', fsrs: fsrs ? fromColumns(row) : null, reviews, createdAt: row.created_at },
      ],
    });
    const r = applyBatch(
      dst.col,
      batchOf([
        note('n1', row1, asImported(log1, false), false),
        note('n2', row2, asImported(log2, true), true),
      ]),
      { dryRun: false },
    );
    expect(r).toMatchObject({ notesAdded: 2, cardsAdded: 2, reviewsAdded: 9 });
    const dstCard = (guid: string) =>
      dst.col.db
        .prepare('SELECT c.* FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ?')
        .get(guid) as CardRow;
    // Replayed in study days with the same preset (and the same card id, so the same fuzz): the same state.
    expect(fsrsColumns(dstCard('n1'))).toEqual(fsrsColumns(row1));
    expect(fsrsColumns(dstCard('n2'))).toEqual(fsrsColumns(row2));
    // Each row's before/after rebuilt where the file had none: byte for byte what the answers wrote.
    const logOf = (m: Mnemo, cardId: number) =>
      m.col.db
        .prepare(
          'SELECT id, rating, kind, state_before, reviewed_at, before, after FROM review_log WHERE card_id = ? ORDER BY reviewed_at',
        )
        .all(cardId);
    expect(logOf(dst, dstCard('n1').id)).toEqual(logOf(src, c1!));
    expect(logOf(dst, dstCard('n2').id)).toEqual(logOf(src, c2!));
    // The next answer is scheduled from the imported state.
    src.clock.now = dst.clock.now = T0 + 30 * DAY;
    src.api.review.answer({ cardId: c1!, rating: 3, durationMs: 1 });
    dst.api.review.answer({ cardId: dstCard('n1').id, rating: 3, durationMs: 1 });
    expect(fsrsColumns(dstCard('n1'))).toEqual(fsrsColumns(src.col.card(c1!)!));
    src.close();
    dst.close();
  });

  it('never stores a review twice, and merges rows from another device into the card state', () => {
    const src = tempMnemo(T0);
    const { id: deckId } = src.api.decks.create({ name: 'D' });
    const cardId = src.api.notes.add({ deckId, kind: 'basic', fields: { front: 'q', back: 'a' } })
      .cardIds[0]!;
    const early = answer(src, cardId, [
      [0, Rating.Good],
      [0, Rating.Good],
      [2, Rating.Good],
    ]);
    const dst = tempMnemo(T0);
    const card = (reviews: ImportedReview[]) => [{ ord: 0, deck: 'D', fsrs: null, reviews }];
    const guid = src.col.note(1)!.guid;
    const mk = (reviews: ImportedReview[]) =>
      batchOf([
        { ...basic(guid, 'q', 'D'), fields: { front: 'q', back: 'a' }, tags: [], cards: card(reviews) },
      ]);
    expect(applyBatch(dst.col, mk(asImported(early, false)), { dryRun: false }).reviewsAdded).toBe(3);
    const once = checksum(dst.col.db);
    expect(applyBatch(dst.col, mk(asImported(early, false)), { dryRun: false })).toMatchObject({
      reviewsAdded: 0,
      cardsUpdated: 0,
      notesUnchanged: 1,
    });
    // Rows without ids are matched by their moment: still not stored twice.
    expect(
      applyBatch(dst.col, mk(asImported(early, false).map(({ id: _, ...r }) => r)), { dryRun: false })
        .reviewsAdded,
    ).toBe(0);
    expect(checksum(dst.col.db)).toBe(once);
    // The source answers twice more; importing its full log adds those two and rebuilds the state.
    const all = answer(src, cardId, [
      [9, Rating.Again],
      [9, Rating.Good],
    ]);
    const r = applyBatch(dst.col, mk(asImported(all, false)), { dryRun: false });
    expect(r).toMatchObject({ reviewsAdded: 2, cardsUpdated: 1 });
    expect(fsrsColumns(dst.col.card(1)!)).toEqual(fsrsColumns(src.col.card(cardId)!));
    expect(dst.col.db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(5);
    src.close();
    dst.close();
  });
});
