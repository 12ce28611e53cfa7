/**
 * A simulated student whose memory follows FSRS with KNOWN parameters (not the preset's),
 * answering through the real answer path day after day: each answer is drawn from the
 * student's own recall probability (seeded), so the review log is what such a learner
 * would leave, and an optimizer should find parameters nearer to theirs than the defaults.
 */
import { FSRS, type FSRSState, forgetting_curve, generatorParameters, Rating } from 'ts-fsrs';
import type { Mnemo } from '../../core/index.ts';
import { answerCard } from '../../core/review/answer.ts';
import { studyTime } from '../../core/scheduler/study-time.ts';
import { seededRandom } from '../../core/util/random.ts';
import type { TestClock } from './collection.ts';

/** A learner who forgets faster at first and more steeply (FSRS-6 decay 0.35) than the defaults assume. */
export const STUDENT_W = [
  0.08, 0.45, 1.1, 4.0, 7.2, 0.55, 2.4, 0.02, 1.3, 0.12, 0.9, 1.9, 0.09, 0.35, 1.4, 0.35, 2.2, 0.6, 0.2, 0.12,
  0.35,
];

export interface LearnerOptions {
  deckId: number;
  cardIds: number[];
  days: number;
  newPerDay: number;
  seed: number;
  w?: number[];
}

const DAY = 86_400_000;

export function simulateLearner(m: Mnemo & { clock: TestClock }, o: LearnerOptions): { answers: number } {
  const rand = seededRandom(o.seed);
  const student = new FSRS(generatorParameters({ w: o.w ?? STUDENT_W }));
  const time = studyTime(m.col.settings().dayStartHour);
  const memory = new Map<number, { state: FSRSState; last: number }>();
  const queue = [...o.cardIds];
  let answers = 0;
  const dueOf = m.col.stmt('SELECT due, suspended FROM cards WHERE id = ?');
  const start = m.clock.now;
  for (let day = 0; day < o.days; day++) {
    const morning = start + day * DAY;
    const evening = morning + 12 * 3_600_000;
    m.clock.now = morning;
    const today = m.col
      .stmt('SELECT id, due FROM cards WHERE state <> 0 AND suspended = 0 AND due < ? ORDER BY due, id')
      .all(evening) as { id: number; due: number }[];
    for (const id of queue.splice(0, o.newPerDay)) today.push({ id, due: morning });
    // One commit per day (each answer is still its own answerCard call): fsync per answer is slow.
    m.col.tx(() => answerDay(today, evening));
  }
  return { answers };

  function answerDay(today: { id: number; due: number }[], evening: number): void {
    while (today.length) {
      today.sort((a, b) => a.due - b.due || a.id - b.id);
      const { id, due } = today.shift()!;
      m.clock.now = Math.max(m.clock.now, due) + 20_000;
      const known = memory.get(id);
      const t = known ? time.day(m.clock.now) - time.day(known.last) : 0;
      // Within a day, recall decays over the hours elapsed (FSRS's curve at fractions of a day).
      const elapsed = known ? (t > 0 ? t : (m.clock.now - known.last) / DAY) : 0;
      const recall = known ? forgetting_curve(o.w ?? STUDENT_W, elapsed, known.state.stability) : 0.6;
      const u = rand();
      const rating =
        rand() >= recall ? Rating.Again : u < 0.12 ? Rating.Hard : u < 0.92 ? Rating.Good : Rating.Easy;
      answerCard(m.col, id, rating, 6000 + Math.floor(rand() * 8000));
      answers++;
      memory.set(id, { state: student.next_state(known?.state ?? null, t, rating), last: m.clock.now });
      const next = dueOf.get(id) as { due: number; suspended: number };
      if (!next.suspended && next.due < evening) today.push({ id, due: next.due });
    }
  }
}
