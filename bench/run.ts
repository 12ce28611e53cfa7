/**
 * `npm run bench`: builds the 100,000-card collection (fixed seed) in a child process, then
 * measures Mnemo's own code paths beside a floor of raw SQL / raw ts-fsrs doing the same
 * reads and writes, in the same run. Prints a table; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createEmptyCard, type Grade } from 'ts-fsrs';
import { collectionPath, openMnemo } from '../core/index.ts';
import type { CardRow } from '../core/model/types.ts';
import { buildQueue } from '../core/queue/queue.ts';
import { studyDay } from '../core/scheduler/day.ts';
import { fromFsrsCard, schedulerFor, toFsrsCard } from '../core/scheduler/fsrs.ts';
import { seededRandom } from '../core/util/random.ts';
import { BENCH } from './build-collection.ts';
import { compileBench } from './compile-bench.ts';
import { examBench } from './exam-bench.ts';
import { exportBench } from './export-bench.ts';
import { optimizeBench } from './optimize-bench.ts';
import { cliStartupBench } from './startup-bench.ts';
import { statsBench } from './stats-bench.ts';
import { syncBenchInChild } from './sync-bench.ts';
import { printTable, type Row, summarize, time } from './table.ts';
import { uiBench } from './ui-bench.ts';

const RUNS = 25;
const ANSWERS = 1000;

// `npm run bench -- --scale 1m [--dir DIR]`: the screens' reads on a 1,000,000-card collection instead.
const scale = process.argv.indexOf('--scale');
if (scale >= 0) {
  if (process.argv[scale + 1] !== '1m') throw new Error('--scale takes 1m (the default bench is 100k)');
  const { runMillion } = await import('./million-bench.ts');
  runMillion(process.argv.slice(2));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'mnemo-bench-'));
const now = Date.now();
try {
  console.log(
    `Building ${BENCH.cards.toLocaleString()} cards in ${BENCH.decks} decks with ${BENCH.reviews.toLocaleString()} review-log rows (seed ${BENCH.seed})...`,
  );
  const builder = fileURLToPath(new URL('./build-collection.ts', import.meta.url));
  const buildMs = time(() =>
    execFileSync(process.execPath, ['--import', 'tsx', builder, dir, String(now)], { stdio: 'inherit' }),
  );
  console.log(`built in ${(buildMs / 1000).toFixed(1)} s\n`);
  const rows: Row[] = [];

  // (c) Opening the collection cold: a fresh connection and the first queue read.
  const openTimes: number[] = [];
  const rawOpenTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    openTimes.push(
      time(() => {
        const m = openMnemo({ dataDir: dir, clock: () => now });
        m.api.review.counts({});
        m.close();
      }),
    );
    rawOpenTimes.push(
      time(() => {
        const db = new Database(collectionPath(dir));
        db.pragma('journal_mode = WAL');
        db.prepare('SELECT count(*) FROM cards WHERE due < ?').get(now);
        db.close();
      }),
    );
  }
  rows.push({
    name: '(c) open collection + first counts',
    ...summarize(openTimes),
    floor: summarize(rawOpenTimes).median,
    floorName: 'raw open + one count(*)',
    target: 'printed',
  });

  const mnemo = openMnemo({ dataDir: dir, clock: () => now });
  const { col, api } = mnemo;

  // (a) Today's queue for all decks vs the raw SQL floor the issue names.
  const day = studyDay(now, col.settings().dayStartHour);
  // Over the queue's own index, as the queue reads (the Browse due index, cards_due, would
  // otherwise tempt SQLite into a table lookup per due card here).
  const floorCount = col.db.prepare(
    `SELECT deck_id, count(*) FROM cards INDEXED BY cards_queue_due WHERE suspended = 0 AND retired = 0 AND state <> 0
     AND due < ? GROUP BY deck_id`,
  );
  const floorFirst = col.db.prepare(
    `SELECT id FROM cards INDEXED BY cards_queue_due WHERE suspended = 0 AND retired = 0 AND state <> 0 AND due < ?
     ORDER BY due LIMIT 200`,
  );
  const floorTimes: number[] = [];
  const queueTimes: number[] = [];
  const listTimes: number[] = [];
  let queueSize = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const f = time(() => {
      floorCount.all(day.end);
      floorFirst.all(day.end);
    });
    const q = time(() => {
      queueSize = buildQueue(col).entries.length;
    });
    const l = time(() => api.decks.list());
    if (i >= 3) {
      floorTimes.push(f);
      queueTimes.push(q);
      listTimes.push(l);
    }
  }
  const floorQueue = summarize(floorTimes).median;
  rows.push({
    name: `(a) today's queue, all decks (${queueSize} cards)`,
    ...summarize(queueTimes),
    floor: floorQueue,
    floorName: 'GROUP BY count + ORDER BY due LIMIT 200',
    target: '≤ 15 ms, ≤ 3x floor',
    met: (r) => r.median <= 15 && r.median <= 3 * floorQueue,
  });
  rows.push({
    name: '    decks.list (tree counts + totals)',
    ...summarize(listTimes),
    floor: floorQueue,
    floorName: 'same floor',
    target: '≤ 2x floor',
    met: (r) => r.median <= 2 * floorQueue,
  });

  // (b) review.answer end to end vs ts-fsrs next() + one raw UPDATE + INSERT transaction.
  const due = col.db
    .prepare('SELECT * FROM cards WHERE state = 2 AND suspended = 0 AND due < ? ORDER BY due LIMIT ?')
    .all(day.end, ANSWERS * 2) as CardRow[];
  const rand = seededRandom(7);
  const preset = col.preset(1)!;
  const f = schedulerFor(preset);
  const rawUpdate = col.db.prepare(
    'UPDATE cards SET due = ?, stability = ?, difficulty = ?, scheduled_days = ?, reps = ?, lapses = ?, state = ?, last_review = ? WHERE id = ?',
  );
  const rawInsert = col.db.prepare(
    `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
     VALUES (?, ?, ?, ?, 'review', 2, ?, 1000, '{}', '{}')`,
  );
  const rawAnswer = col.db.transaction((card: CardRow, rating: Grade) => {
    const next = fromFsrsCard(f.next(toFsrsCard(card), new Date(now), rating).card);
    rawUpdate.run(
      next.due,
      next.stability,
      next.difficulty,
      next.scheduled_days,
      next.reps,
      next.lapses,
      next.state,
      next.last_review,
      card.id,
    );
    rawInsert.run(crypto.randomUUID(), card.id, card.deck_id, rating, now);
  });
  createEmptyCard(); // warm ts-fsrs before either side is timed
  const answerTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < Math.min(ANSWERS, Math.floor(due.length / 2)); i++) {
    const rating = (1 + Math.floor(rand() * 4)) as Grade;
    const mine = due[2 * i]!;
    const theirs = due[2 * i + 1]!;
    answerTimes.push(time(() => api.review.answer({ cardId: mine.id, rating, durationMs: 4000 })));
    rawTimes.push(time(() => rawAnswer(theirs, rating)));
  }
  const rawAnswerSummary = summarize(rawTimes);
  rows.push({
    name: `(b) review.answer (${answerTimes.length} answers)`,
    ...summarize(answerTimes),
    floor: rawAnswerSummary.median,
    floorP99: rawAnswerSummary.p99,
    floorName: 'ts-fsrs next() + UPDATE + INSERT tx',
    target: 'p99 ≤ 3 ms, median ≤ 2x floor',
    met: (r) => r.p99 <= 3 && r.median <= 2 * rawAnswerSummary.median,
  });
  mnemo.close();

  // Peak memory of this process (the builder ran in its own), before the browser and compile benchmarks.
  const peakMb = process.resourceUsage().maxRSS / 1024;

  console.log('Exam forecast, plan and session answers...');
  rows.push(...examBench(dir, now));

  console.log('Stats screen data...');
  rows.push(...statsBench(dir, now));
  console.log('CLI start-up (mnemo stats, whole process)...');
  rows.push(...cliStartupBench());
  console.log(
    'Sync (in a process of its own): setting it up on a copy, merging 100,000 events from another device, an idle sync...',
  );
  const sync = syncBenchInChild(dir, now);
  rows.push(...sync.rows);

  console.log('Measuring the app in Chromium on the same collection...');
  const ui = await uiBench(dir);
  rows.push(...ui.rows);

  console.log('Compiling 100,000 generated cards in 200 files (5 runs)...');
  rows.push(...compileBench(dir));
  console.log(
    'Exporting to .apkg with and without history, importing it back, 500 notes against anki-apkg-export...',
  );
  const apkg = await exportBench(dir, now);
  rows.push(...apkg.rows);
  // Last: it adds a preset, a deck and the student's cards to the collection.
  console.log('Optimize on a 100,000-answer log and the 365-day retention simulation...');
  const optimize = await optimizeBench(dir, now);
  rows.push(...optimize.rows);
  printTable(rows);
  console.log('');
  for (const note of ui.notes) console.log(note);
  for (const note of apkg.notes) console.log(note);
  for (const note of optimize.notes) console.log(note);
  for (const note of sync.notes) console.log(note);
  console.log(
    `(d) peak RSS of the measuring process (core calls above): ${peakMb.toFixed(0)} MB (target ≤ 250 MB) ${peakMb <= 250 ? 'met' : 'NOT MET'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
