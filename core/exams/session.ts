/**
 * "Study for EXAM": today's planned cards merged with the normal due cards of the exam's
 * scope. Every card is answered through the normal answer path, so FSRS state stays true
 * and scheduling after the exam is right; the plan never moves a due date.
 *
 * Order: learning cards due now, then the plan's cards (best value first; its new cards
 * replace the normal new cards, the plan chose which to introduce), then learning cards
 * within the learn-ahead window (the plan's relearning and learning steps), and last, once
 * the plan is done, the due reviews it did not pick (beyond the budget; `review.next` says
 * of each card whether it is the plan's).
 */
import { buildQueue, type Queue, type QueueEntry } from '../queue/queue.ts';
import type { Collection } from '../store/collection.ts';
import { examCalendar } from './exam-cards.ts';
import { type Exam, scopeFrom } from './exams.ts';
import { todaysPlan } from './plan.ts';

/** The ids among `ids` that are in the exam's scope (studyable: not suspended, retired or buried). */
function inScope(col: Collection, exam: Exam, ids: readonly number[], now: number): Set<number> {
  if (ids.length === 0) return new Set();
  const s = scopeFrom(col, exam);
  // One cached statement whatever the number of ids (a list of "?" would be prepared anew each call).
  const found = col
    .stmt(
      `SELECT c.id FROM ${s.from} WHERE c.id IN (SELECT value FROM json_each(?)) AND c.buried_until <= ? AND ${s.where}`,
    )
    .pluck()
    .all(JSON.stringify(ids), now, ...s.params) as number[];
  return new Set(found);
}

export interface ExamQueue extends Queue {
  /** Today's planned cards still to answer (the rest of the queue is beyond the plan). */
  planned: Set<number>;
}

/** An exam session filters the normal queue's learning cards by its scope: it lists them all. */
const ALL = Number.MAX_SAFE_INTEGER;

export function examQueue(col: Collection, exam: Exam): ExamQueue {
  const cal = examCalendar(col, exam);
  const now = cal.now;
  const learnUntil = now + col.settings().learnAheadMinutes * 60_000;
  // The normal queue of each deck the exam covers (all decks when it names none).
  const queues = exam.deckIds.length
    ? exam.deckIds.map((d) => buildQueue(col, d, ALL))
    : [buildQueue(col, undefined, ALL)];
  const seen = new Set<number>();
  const normal: QueueEntry[] = [];
  for (const q of queues) {
    for (const e of q.entries) {
      if (e.kind === 'new' || seen.has(e.cardId)) continue;
      seen.add(e.cardId);
      normal.push(e);
    }
  }
  // Planned cards answered today (the log's card index: one seek per planned card).
  const plan = todaysPlan(col, exam);
  const answered = new Set(
    col
      .stmt(
        `SELECT DISTINCT card_id FROM review_log WHERE card_id IN (SELECT value FROM json_each(?))
         AND reviewed_at >= ? AND kind <> 'cram'`,
      )
      .pluck()
      .all(JSON.stringify(plan), cal.time.startOf(cal.today)) as number[],
  );
  const planned = plan.filter((id) => !answered.has(id));
  // The plan was made from the exam's cards: only what changed since (suspended, buried,
  // retired) needs checking, from the rows themselves.
  const rows = new Map(
    (
      col
        .stmt(
          `SELECT id, deck_id, state, due, suspended = 0 AND retired = 0 AND buried_until <= ? FROM cards
           WHERE id IN (SELECT value FROM json_each(?))`,
        )
        .raw(true)
        .all(now, JSON.stringify(planned)) as [number, number, number, number, number][]
    ).map(([id, deck, state, due, live]) => [id, { deck, state, due, live }]),
  );
  const plannedEntries: QueueEntry[] = [];
  const plannedIds = new Set<number>();
  for (const id of planned) {
    const r = rows.get(id);
    if (!r?.live) continue;
    // A planned card in learning (answered Again today) comes back through the normal queue.
    if (r.state === 1 || r.state === 3) continue;
    plannedIds.add(id);
    plannedEntries.push({ cardId: id, deckId: r.deck, kind: r.state === 0 ? 'new' : 'review', due: r.due });
  }
  // The normal queues are of the exam's decks: only its tags (if any) can leave cards out.
  const studyable = exam.tags.length
    ? inScope(
        col,
        exam,
        normal.map((e) => e.cardId),
        now,
      )
    : null;
  const mine = normal.filter((e) => (studyable?.has(e.cardId) ?? true) && !plannedIds.has(e.cardId));
  const learningNow = mine.filter((e) => e.kind === 'learning' && e.due <= now);
  const learningSoon = mine.filter((e) => e.kind === 'learning' && e.due > now && e.due <= learnUntil);
  const dueReviews = mine.filter((e) => e.kind === 'review');
  const later = queues
    .map((q) => q.nextLearningDue)
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  return {
    counts: {
      new: plannedEntries.filter((e) => e.kind === 'new').length,
      learning: learningNow.length + learningSoon.length,
      review: plannedEntries.filter((e) => e.kind === 'review').length + dueReviews.length,
    },
    entries: [...learningNow, ...plannedEntries, ...learningSoon, ...dueReviews],
    nextLearningDue: later[0] ?? null,
    learningLater: queues.reduce((a, q) => a + q.learningLater, 0),
    planned: plannedIds,
  };
}
