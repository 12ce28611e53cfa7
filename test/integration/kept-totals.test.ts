/**
 * The totals migration 7 keeps up to date (each deck's cards, answers and time per quarter
 * hour) and the bounded reads built on them give what recounting every row gave: after
 * answers (several in one quarter hour, one day, one deck), undo, reset, cram previews,
 * suspends, edits, retired and moved cards and deleted notes. The recounts below are the
 * queries the screens ran before.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { LEARNING_LISTED } from '../../core/queue/queue.ts';
import { nextStudyDayStart, studyDay } from '../../core/scheduler/day.ts';
import { addBasicCards, seededRandom, tempDir, tempMnemo } from '../helpers/collection.ts';

const MIN = 60_000;
const DAY = 86_400_000;

type Mnemo = ReturnType<typeof tempMnemo>;

/** Each deck's cards with its subdecks', recounted from the cards. */
function recountTotals(m: Mnemo): Record<string, number> {
  return Object.fromEntries(
    m.col.db
      .prepare(
        `SELECT d.name, (SELECT count(*) FROM cards c JOIN decks s ON s.id = c.deck_id
           WHERE c.retired = 0 AND (s.id = d.id OR s.name LIKE d.name || '::%')) AS n FROM decks d`,
      )
      .raw()
      .all() as [string, number][],
  );
}

const keptTotals = (m: Mnemo) =>
  Object.fromEntries(m.api.decks.list().decks.map((d) => [d.name, d.totalCards]));

/** The history as it was computed before: each study day's answers and time, from the log. */
function recountHistory(m: Mnemo, days: number) {
  const hour = m.api.settings.get().dayStartHour;
  let from = studyDay(m.clock.now, hour).start;
  for (let i = 1; i < days; i++) from = studyDay(from - 1, hour).start;
  const per = m.col.db.prepare(
    'SELECT count(*) AS reviews, coalesce(sum(duration_ms), 0) AS timeMs FROM review_log WHERE reviewed_at >= ? AND reviewed_at < ?',
  );
  return Array.from({ length: days }, () => {
    const to = nextStudyDayStart(from, hour);
    const r = per.get(from, to);
    from = to;
    return r;
  });
}

/** Today's answers, time and next due date as computed before. */
function recountToday(m: Mnemo) {
  const day = studyDay(m.clock.now, m.api.settings.get().dayStartHour);
  const t = m.col.db
    .prepare(
      'SELECT count(*) AS n, coalesce(sum(duration_ms), 0) AS ms FROM review_log WHERE reviewed_at >= ?',
    )
    .get(day.start) as { n: number; ms: number };
  const next = m.col.db
    .prepare(
      `SELECT min(due) FROM cards WHERE suspended = 0 AND retired = 0 AND state <> 0 AND (
         (state = 2 AND due >= ?) OR (state IN (1, 3) AND due > ?))`,
    )
    .pluck()
    .get(day.end, m.clock.now);
  return { studied: t.n, timeMs: t.ms, nextDue: next };
}

/** The forecast as computed before: every due date read and put in its day. */
function recountForecast(m: Mnemo, days: number): number[] {
  const hour = m.api.settings.get().dayStartHour;
  const bounds = [studyDay(m.clock.now, hour).start];
  for (let i = 0; i < days; i++) bounds.push(nextStudyDayStart(bounds[i]!, hour));
  const counts = new Array<number>(days).fill(0);
  const dues = m.col.db
    .prepare('SELECT due FROM cards WHERE suspended = 0 AND retired = 0 AND state <> 0 AND due < ?')
    .pluck()
    .all(bounds[days]) as number[];
  for (const due of dues) {
    let i = 0;
    while (i < days - 1 && bounds[i + 1]! <= due) i++;
    counts[i]! += 1;
  }
  return counts;
}

function expectInStep(m: Mnemo, step: string): void {
  expect(keptTotals(m), step).toEqual(recountTotals(m));
  expect(
    m.api.stats.history({ days: 30 }).days.map(({ reviews, timeMs }) => ({ reviews, timeMs })),
    step,
  ).toEqual(recountHistory(m, 30));
  const today = m.api.stats.today();
  expect({ studied: today.studied, timeMs: today.timeMs, nextDue: today.nextDue }, step).toEqual(
    recountToday(m),
  );
  expect(
    m.api.stats.forecast({ days: 14 }).days.map((d) => d.due),
    step,
  ).toEqual(recountForecast(m, 14));
  // The quarter-hour buckets hold exactly the log, bucket by bucket.
  const buckets = m.col.db
    .prepare('SELECT bucket, reviews, duration_ms FROM review_buckets WHERE reviews <> 0 ORDER BY bucket')
    .raw()
    .all();
  const log = m.col.db
    .prepare(
      'SELECT reviewed_at / 900000, count(*), sum(duration_ms) FROM review_log GROUP BY reviewed_at / 900000 ORDER BY 1',
    )
    .raw()
    .all();
  expect(buckets, step).toEqual(log);
  // Each deck's new cards and reviews per quarter hour (the daily limits) likewise.
  const done = m.col.db
    .prepare('SELECT deck_id, bucket, new, review FROM deck_done WHERE new <> 0 OR review <> 0 ORDER BY 1, 2')
    .raw()
    .all();
  const doneLog = m.col.db
    .prepare(
      `SELECT deck_id, reviewed_at / 900000 AS b, sum(state_before = 0 AND kind <> 'cram') AS n, sum(kind = 'review') AS r
       FROM review_log GROUP BY 1, 2 HAVING n <> 0 OR r <> 0 ORDER BY 1, 2`,
    )
    .raw()
    .all();
  expect(done, step).toEqual(doneLog);
  // Cards in play by the quarter hour they come due (the forecast) likewise.
  const dues = m.col.db
    .prepare('SELECT bucket, cards FROM due_counts WHERE cards <> 0 ORDER BY 1')
    .raw()
    .all();
  const duesLog = m.col.db
    .prepare(
      `SELECT due / 900000, count(*) FROM cards WHERE state <> 0 AND suspended = 0 AND retired = 0
       GROUP BY due / 900000 ORDER BY 1`,
    )
    .raw()
    .all();
  expect(dues, step).toEqual(duesLog);
}

describe('kept totals', () => {
  it('stay equal to a recount through answers, undo, reset, cram, suspends, edits, retired, moved and deleted cards', () => {
    const m = tempMnemo(new Date(2026, 10, 20, 9, 3).getTime());
    const rand = seededRandom(5);
    const dir = tempDir();
    const file = join(dir, 'net.md');
    const lines = Array.from({ length: 11 }, (_, i) => `问题 ${i}::答案 ${i}`);
    lines.push('问题 11::答案 11 ^id-moves'); // known by its id, so it can change decks
    writeFileSync(file, `---\ndeck: 网络::Docker\n---\n${lines.join('\n\n')}\n`);
    compileDecks(m.col, [dir]);
    const { id: other } = m.api.decks.create({ name: 'Other' });
    const own = addBasicCards(m, other, 10);
    const docker = m.api.decks.list().decks.find((d) => d.name === '网络::Docker')!.id;
    const compiled = m.api.cards.search({ deckId: docker, limit: 100 }).cards.map((c) => c.id);
    expect(compiled).toHaveLength(12);
    const cards = [...compiled, ...own];
    expectInStep(m, 'compiled');
    for (let day = 0; day < 4; day++) {
      // Several answers a few minutes apart: in one quarter hour, one day and one deck.
      for (let i = 0; i < 8; i++) {
        const cardId = m.api.review.next({})?.card.id;
        if (cardId === undefined) break;
        const rating = (1 + Math.floor(rand() * 4)) as Grade;
        m.api.review.answer({ cardId, rating, durationMs: 1000 + Math.floor(rand() * 9000) });
        m.clock.advance(Math.floor(rand() * 4) * MIN);
      }
      expectInStep(m, `answers, day ${day}`);
      m.api.review.undo();
      expectInStep(m, `undo, day ${day}`);
      m.api.cards.suspend({ cardIds: [cards[day]!] });
      m.api.cards.reset({ cardIds: [cards[day + 5]!] });
      expectInStep(m, `suspend and reset, day ${day}`);
      m.clock.advance(DAY - 20 * MIN);
    }
    // Answers in the last quarter hour of a study day and the first of the next.
    const answerNext = () => {
      const cardId = m.api.review.next({})!.card.id;
      m.api.review.answer({ cardId, rating: 3, durationMs: 1234 });
    };
    m.clock.now = nextStudyDayStart(m.clock.now, m.api.settings.get().dayStartHour) - 5 * MIN;
    answerNext();
    answerNext();
    expectInStep(m, 'before the day starts');
    m.clock.advance(5 * MIN);
    answerNext();
    m.clock.advance(14 * MIN);
    answerNext();
    expectInStep(m, 'the first quarter hour of a day');
    const preview = m.api.cram.start({ deckId: other, kind: 'preview' });
    m.api.cram.answer({ cardId: preview.cardIds[0]!, rating: 3, durationMs: 777 });
    m.api.cram.answer({ cardId: preview.cardIds[1]!, rating: 1, durationMs: 555 });
    expectInStep(m, 'cram preview answer');
    m.api.notes.edit({ cardId: own[0]!, fields: { front: 'edited', back: 'x' } });
    // Two cards leave the file (retired), one moves to a new deck.
    writeFileSync(file, `---\ndeck: 网络::Docker\n---\n${lines.slice(2, 11).join('\n\n')}\n`);
    writeFileSync(join(dir, 'moved.md'), `---\ndeck: 网络::Moved\n---\n${lines[11]}\n`);
    compileDecks(m.col, [dir]);
    expect(keptTotals(m)).toMatchObject({ '网络::Docker': 9, '网络::Moved': 1, 网络: 10 });
    expectInStep(m, 'recompiled');
    m.col.db.prepare('DELETE FROM notes WHERE id = ?').run(m.col.card(own[1]!)!.note_id);
    expectInStep(m, 'note deleted');
    m.close();
  });
});

describe("today's queue", () => {
  it(`lists ${LEARNING_LISTED} learning cards, counts all of them, and still puts an unlisted one first after an undo`, () => {
    const m = tempMnemo();
    const { id: deckId } = m.api.decks.create({ name: 'D' });
    const ids = addBasicCards(m, deckId, LEARNING_LISTED + 30);
    // Every card answered Again, a second apart: all of them are in learning, due a minute later.
    for (const cardId of ids) {
      m.api.review.answer({ cardId, rating: 1, durationMs: 1 });
      m.clock.advance(1000);
    }
    m.clock.advance(2 * MIN);
    const counts = m.api.review.counts({});
    const learning = m.col.db
      .prepare('SELECT count(*) FROM cards WHERE state IN (1, 3) AND due <= ?')
      .pluck()
      .get(m.clock.now + 20 * MIN);
    expect(counts.counts.learning).toBe(learning);
    expect(counts.counts.learning).toBeGreaterThan(LEARNING_LISTED);
    // The first due comes first, as before.
    expect(m.api.review.next({})!.card.id).toBe(ids[0]);
    // The last card answered is not listed; after an undo of its answer the UI asks for it first.
    const last = ids.at(-1)!;
    m.api.review.answer({ cardId: ids[0]!, rating: 3, durationMs: 1 });
    m.api.review.undo();
    expect(m.api.review.next({ firstCardId: last })!.card.id).toBe(last);
    expect(m.api.review.next({ firstCardId: last, deckId })!.card.id).toBe(last);
    m.api.cards.suspend({ cardIds: [last] });
    expect(m.api.review.next({ firstCardId: last })!.card.id).toBe(ids[0]);
    m.close();
  });
});
