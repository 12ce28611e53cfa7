/**
 * What the statistics cover: the whole collection, a deck with its subdecks, or an exam's
 * scope (its decks and tags, as the exam itself counts them: scopeFrom in core/exams).
 */
import { allDecks, subtreeIds } from '../decks/decks.ts';
import { invalidArgument, notFound } from '../errors.ts';
import { getExam, scopeFrom } from '../exams/exams.ts';
import type { Collection } from '../store/collection.ts';

export interface StatsScope {
  kind: 'collection' | 'deck' | 'exam';
  id: number | null;
  name: string | null;
  /** The cards: `SELECT … FROM ${from} WHERE ${where}` with `params`, cards as `c`. */
  from: string;
  where: string;
  params: string[];
  /**
   * The review log's filter: JSON array of the card ids whose answers count, or null for
   * every answer (the whole collection keeps the history of cards since removed, as Anki does).
   */
  cardIds: string | null;
}

export function resolveScope(col: Collection, a: { deckId?: number; examId?: number }): StatsScope {
  if (a.deckId !== undefined && a.examId !== undefined)
    throw invalidArgument('give a deck or an exam, not both');
  if (a.examId !== undefined) {
    const exam = getExam(col, a.examId);
    // Suspended and retired cards are outside an exam's scope, here as in its forecast.
    const s = scopeFrom(col, exam);
    return {
      kind: 'exam',
      id: exam.id,
      name: exam.name,
      ...s,
      cardIds: cardIds(col, s.from, s.where, s.params),
    };
  }
  if (a.deckId !== undefined) {
    const deck = col.deck(a.deckId);
    if (!deck) throw notFound(`deck ${a.deckId} does not exist`);
    const inDecks = `c.deck_id IN (${subtreeIds(allDecks(col), deck.id).join(',')})`;
    return {
      kind: 'deck',
      id: deck.id,
      name: deck.name,
      from: 'cards c',
      where: `c.retired = 0 AND ${inDecks}`,
      params: [],
      // A deck's answers are its cards' (wherever they were answered), retired cards' too.
      cardIds: cardIds(col, 'cards c', inDecks, []),
    };
  }
  return {
    kind: 'collection',
    id: null,
    name: null,
    from: 'cards c',
    where: 'c.retired = 0',
    params: [],
    cardIds: null,
  };
}

function cardIds(col: Collection, from: string, where: string, params: string[]): string {
  const ids = col.db
    .prepare(`SELECT c.id FROM ${from} WHERE ${where}`)
    .pluck()
    .all(...params) as number[];
  return JSON.stringify(ids);
}
