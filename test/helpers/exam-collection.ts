/**
 * Collections for the exam tests: notes added through the API, then given synthetic FSRS
 * memory states (stability, difficulty, last review) as if studied before, seeded.
 */
import { State } from 'ts-fsrs';
import type { Mnemo } from '../../core/index.ts';
import { addNote } from '../../core/notes/notes.ts';
import { seededRandom } from '../../core/util/random.ts';
import { type TestClock, tempMnemo } from './collection.ts';

const DAY = 86_400_000;

export interface ExamCollectionOptions {
  cards: number;
  /** Share of cards never studied. */
  newShare: number;
  seed: number;
  decks?: string[];
  start?: number;
}

/** Adds `cards` basic notes spread over the decks, tags `t0`..`t2` by note number. */
export function examCollection(o: ExamCollectionOptions): Mnemo & { clock: TestClock; deckIds: number[] } {
  const m = tempMnemo(o.start);
  const deckIds = (o.decks ?? ['Docker::网络', 'Docker::命令']).map(
    (name) => m.api.decks.create({ name }).id,
  );
  const rand = seededRandom(o.seed);
  m.col.tx(() => {
    for (let i = 0; i < o.cards; i++) {
      addNote(m.col, {
        deckId: deckIds[i % deckIds.length]!,
        kind: 'basic',
        fields: { front: `q${i}`, back: `a${i}` },
        tags: [`t${i % 3}`],
      });
    }
    const now = m.clock.now;
    const update = m.col.stmt(
      `UPDATE cards SET state = ?, stability = ?, difficulty = ?, last_review = ?, due = ?, reps = ?,
       scheduled_days = ?, elapsed_days = 0 WHERE id = ?`,
    );
    const ids = m.col.stmt('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
    for (const id of ids) {
      if (rand() < o.newShare) continue;
      const s = 0.5 + rand() ** 2 * 60;
      const d = 1 + rand() * 9;
      const age = Math.floor(rand() * Math.min(40, s * 2)) + 1;
      const last = now - age * DAY - Math.floor(rand() * 8) * 3_600_000;
      const interval = Math.max(1, Math.round(s));
      update.run(State.Review, s, d, last, last + interval * DAY, 3, interval, id);
    }
  });
  return Object.assign(m, { deckIds });
}
