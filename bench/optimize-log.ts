/**
 * A student's review log for the optimizer benchmark: a preset and deck of their own in the
 * benchmark collection, whose cards were scheduled by ts-fsrs (default parameters) and
 * answered by a memory following other FSRS parameters (seeded), until `reviews` answers
 * are logged. The benchmark collection's own log has no learning answers, so Anki's rules
 * (which the optimizer follows) would keep none of it.
 */
import { randomUUID } from 'node:crypto';
import {
  type Card,
  createEmptyCard,
  FSRS,
  type FSRSState,
  forgetting_curve,
  generatorParameters,
  Rating,
} from 'ts-fsrs';
import { openMnemo } from '../core/index.ts';
import { seededRandom } from '../core/util/random.ts';

const DAY = 86_400_000;
const STUDENT = [
  0.3, 1.0, 2.8, 9.5, 6.8, 0.7, 2.6, 0.01, 1.6, 0.15, 0.9, 1.7, 0.08, 0.3, 1.5, 0.5, 2.0, 0.5, 0.1, 0.08,
  0.25,
];
const KIND = ['learning', 'learning', 'review', 'relearning'] as const;

export function addStudentLog(
  dataDir: string,
  now: number,
  reviews: number,
): { presetId: number; cards: number } {
  const m = openMnemo({ dataDir, clock: () => now });
  const { col, api } = m;
  const rand = seededRandom(2026);
  const presetId = api.presets.create({ name: 'Optimize bench' }).id;
  const deckId = api.decks.create({ name: 'Optimize bench' }).id;
  api.decks.setPreset({ deckId, presetId });
  const scheduler = new FSRS(generatorParameters({ enable_fuzz: false }));
  const student = new FSRS(generatorParameters({ w: STUDENT }));
  const note = col.db.prepare(
    `INSERT INTO notes (guid, kind, fields, tags, created_at, modified_at) VALUES (?, 'basic', ?, '', ?, ?) RETURNING id`,
  );
  const card = col.db.prepare(
    `INSERT INTO cards (note_id, deck_id, ord, due, stability, difficulty, state, reps, last_review, created_at, modified_at)
     VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const log = col.db.prepare(
    `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', '{}')`,
  );
  let logged = 0;
  let cards = 0;
  col.tx(() => {
    while (logged < reviews) {
      const start = now - (30 + Math.floor(rand() * 400)) * DAY;
      const answers: { at: number; rating: Rating; state: number }[] = [];
      let c: Card = createEmptyCard(new Date(start));
      let memory: FSRSState | null = null;
      let last = start;
      for (let at = start; at < now && answers.length < 40; ) {
        const days = memory ? Math.floor((at - last) / DAY) : 0;
        const recall = memory
          ? forgetting_curve(STUDENT, days > 0 ? days : (at - last) / DAY, memory.stability)
          : 0.7;
        const u = rand();
        const rating =
          rand() >= recall ? Rating.Again : u < 0.1 ? Rating.Hard : u < 0.9 ? Rating.Good : Rating.Easy;
        answers.push({ at, rating, state: c.state });
        memory = student.next_state(memory, days, rating);
        last = at;
        c = scheduler.next(c, new Date(at), rating).card;
        at = Math.max(c.due.getTime(), at + 60_000);
      }
      const { id: noteId } = note.get(
        randomUUID(),
        JSON.stringify({ front: `s${cards}`, back: 'a' }),
        start,
        start,
      ) as {
        id: number;
      };
      const { id } = card.get(
        noteId,
        deckId,
        c.due.getTime(),
        c.stability,
        c.difficulty,
        c.state,
        c.reps,
        last,
        start,
        start,
      ) as {
        id: number;
      };
      for (const a of answers) {
        log.run(
          randomUUID(),
          id,
          deckId,
          a.rating,
          KIND[a.state]!,
          a.state,
          a.at,
          3000 + Math.floor(rand() * 9000),
        );
      }
      logged += answers.length;
      cards++;
    }
  });
  m.close();
  return { presetId, cards };
}
