/** Browse: find cards by text, deck, tag, state and due range, a page at a time. */
import { subtreeIds } from '../decks/decks.ts';
import type { CardRow, DeckRow, NoteRow } from '../model/types.ts';
import { cardSides, type NoteFields } from '../notes/render.ts';
import { retrievability } from '../scheduler/fsrs.ts';
import type { Collection } from '../store/collection.ts';

export type SearchState = 'new' | 'learning' | 'review' | 'suspended' | 'retired' | 'leech' | 'buried';

export interface SearchFilters {
  text?: string;
  deckId?: number;
  tag?: string;
  state?: SearchState;
  dueFrom?: number;
  dueTo?: number;
  limit: number;
  offset: number;
}

const STATE_SQL: Record<SearchState, string> = {
  new: 'c.state = 0 AND c.suspended = 0 AND c.retired = 0',
  learning: 'c.state IN (1, 3) AND c.suspended = 0 AND c.retired = 0',
  review: 'c.state = 2 AND c.suspended = 0 AND c.retired = 0',
  suspended: 'c.suspended = 1',
  retired: 'c.retired = 1',
  leech: 'c.leech = 1',
  buried: 'c.buried_until > @now',
};
const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const;

export function searchCards(col: Collection, f: SearchFilters) {
  const where: string[] = [];
  const params: Record<string, unknown> = { now: col.now(), limit: f.limit, offset: f.offset };
  // Retired cards are hidden unless asked for: they are no longer in any source.
  if (f.state !== 'retired') where.push('c.retired = 0');
  if (f.state) where.push(STATE_SQL[f.state]);
  if (f.deckId !== undefined) {
    const decks = col.stmt('SELECT * FROM decks').all() as DeckRow[];
    where.push(`c.deck_id IN (${subtreeIds(decks, f.deckId).join(',')})`);
  }
  if (f.text?.trim()) {
    // LIKE over the note's JSON fields: fine for browsing a few hundred thousand notes.
    where.push("n.fields LIKE @text ESCAPE '\\'");
    params.text = `%${f.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (f.tag?.trim()) {
    where.push("(' ' || n.tags || ' ') LIKE @tag ESCAPE '\\'");
    params.tag = `% ${f.tag.trim().replace(/[\\%_]/g, (c) => `\\${c}`)} %`;
  }
  if (f.dueFrom !== undefined) {
    where.push('c.due >= @dueFrom AND c.state <> 0');
    params.dueFrom = f.dueFrom;
  }
  if (f.dueTo !== undefined) {
    where.push('c.due < @dueTo AND c.state <> 0');
    params.dueTo = f.dueTo;
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id';
  const total = (col.db.prepare(`SELECT count(*) AS n ${from} ${filter}`).get(params) as { n: number }).n;
  const rows = col.db
    .prepare(
      `SELECT c.*, n.kind AS note_kind, n.fields AS note_fields, n.tags AS note_tags, d.name AS deck_name
       ${from} ${filter} ORDER BY c.due, c.id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as (CardRow & {
    note_kind: NoteRow['kind'];
    note_fields: string;
    note_tags: string;
    deck_name: string;
  })[];
  const now = col.now();
  const { dayStartHour } = col.settings();
  const cards = rows.map((r) => {
    const preset = col.presetOfDeck(r.deck_id);
    const sides = cardSides(r.note_kind, JSON.parse(r.note_fields) as NoteFields, r.ord);
    return {
      id: r.id,
      deckName: r.deck_name,
      front: sides.front,
      state: STATE_NAMES[r.state]!,
      due: r.due,
      stability: r.stability,
      difficulty: r.difficulty,
      retrievability: r.state === 0 ? null : retrievability(preset, r, now, dayStartHour),
      reps: r.reps,
      lapses: r.lapses,
      suspended: r.suspended === 1,
      retired: r.retired === 1,
      leech: r.leech === 1,
      flag: r.flag,
      tags: r.note_tags.split(' ').filter(Boolean),
    };
  });
  return { total, cards };
}
