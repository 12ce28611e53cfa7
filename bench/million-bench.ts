/**
 * `npm run bench -- --scale 1m [--dir DIR]`: the screens' reads on 1,000,000 cards with
 * 3,000,000 review-log rows (the builder's data, scaled). The collection is built once into
 * DIR (a temporary folder without it; about 2 minutes on an idle machine, more under load)
 * and reused when DIR already holds one: the build's clock is kept in DIR/bench-now so every
 * run measures the same day. Prints each read's median beside a floor from the same run
 * where one is meaningful, and the target for 1M cards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionPath, openMnemo } from '../core/index.ts';
import { buildQueue } from '../core/queue/queue.ts';
import { studyDay } from '../core/scheduler/day.ts';
import type { Collection } from '../core/store/collection.ts';
import { BENCH_1M } from './build-collection.ts';
import { printTable, type Row, summarize, time } from './table.ts';

const RUNS = 15;
const DAY = 86_400_000;

/** Median and p99 of `RUNS` calls after two warm-up calls (at least 3 for a read slower than a second). */
function measure(fn: () => unknown): { median: number; p99: number } {
  fn();
  fn();
  const samples: number[] = [];
  for (let i = 0, spent = 0; i < RUNS && (i < 3 || spent < 5000); i++) {
    samples.push(time(fn));
    spent += samples[i]!;
  }
  return summarize(samples);
}

/**
 * The least any queue of all decks must read, in raw SQL over the queue's own index: each
 * deck's first 20 due reviews and first 20 learning cards by due date, its first 20 new
 * cards, and how many learning cards it has (bounded by what is shown, as the queue must be).
 */
function queueFloor(col: Collection, now: number, dayEnd: number): () => void {
  const decks = col.db.prepare('SELECT id FROM decks').pluck().all() as number[];
  const due = col.db.prepare(
    `SELECT id, due FROM cards INDEXED BY cards_queue_due WHERE deck_id = ? AND state <> 0 AND state = ? AND due < ?
     AND suspended = 0 AND retired = 0 AND buried_until <= ? ORDER BY due LIMIT 20`,
  );
  const fresh = col.db.prepare(
    `SELECT id FROM cards INDEXED BY cards_queue_new WHERE deck_id = ? AND state = 0 AND suspended = 0 AND retired = 0
     AND buried_until <= ? ORDER BY new_position LIMIT 20`,
  );
  const learning = col.db.prepare(
    `SELECT count(*) FROM cards INDEXED BY cards_queue_due WHERE deck_id = ? AND state <> 0 AND state IN (1, 3)
     AND due < ? AND suspended = 0 AND retired = 0`,
  );
  return () => {
    for (const d of decks) {
      due.all(d, 2, dayEnd, now);
      due.all(d, 1, dayEnd, now);
      fresh.all(d, now);
      learning.get(d, dayEnd);
    }
  };
}

export function millionBench(dir: string, now: number): Row[] {
  const m = openMnemo({ dataDir: dir, clock: () => now });
  const { col, api } = m;
  const day = studyDay(now, col.settings().dayStartHour);
  const rows: Row[] = [];
  const none = { floor: Number.NaN, floorName: '—' };
  const row = (name: string, fn: () => unknown, target: number, floor = none) => {
    rows.push({ name, ...measure(fn), ...floor, target: `≤ ${target} ms`, met: (r) => r.median <= target });
    console.log(`  ${name}: ${rows.at(-1)!.median.toFixed(2)} ms`);
  };

  row('Home 30-day history (stats.history)', () => api.stats.history({ days: 30 }), 50);
  row('14-day forecast (stats.forecast)', () => api.stats.forecast({ days: 14 }), 50);
  row("today's stats (stats.today)", () => api.stats.today(), 20);
  const floorFn = queueFloor(col, now, day.end);
  const floor = measure(floorFn).median;
  let size = 0;
  const queue = measure(() => {
    size = buildQueue(col).entries.length;
  });
  console.log(`  buildQueue: ${queue.median.toFixed(2)} ms (floor ${floor.toFixed(2)} ms)`);
  rows.push({
    name: `today's queue, all decks (buildQueue, ${size} listed)`,
    ...queue,
    floor,
    floorName: "each deck's first 20 due/learning/new + learning count",
    target: '≤ 10 ms, ≤ 2x floor',
    met: (r) => r.median <= 10 && r.median <= 2 * floor,
  });
  row('decks.list (tree counts + totals)', () => api.decks.list(), 20, {
    floor,
    floorName: 'same floor',
  });
  // The index's own lookup of the text: every matching note, what any count of them reads
  // (absent before migration 7).
  const hasFts = Boolean(col.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'notes_fts'").get());
  const textFloor = (text: string) => {
    if (!hasFts) return none;
    const all = col.db.prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?');
    return { floor: measure(() => all.all(`"${text}"`)).median, floorName: 'FTS5 MATCH alone, every match' };
  };
  for (const text of ['item 12345', 'item 4242', 'what is item 99']) {
    let shown = '';
    row(
      `Browse text "${text}" (cards.search, 50 a page)`,
      () => {
        const r = api.cards.search({ text, limit: 50 });
        shown = `${r.count === 'about' ? '~' : ''}${r.total}${r.count === 'atLeast' ? '+' : ''}`;
      },
      50,
      textFloor(text),
    );
    rows[rows.length - 1]!.name += ` → ${shown}`;
  }
  row(
    'Browse "网" (1 character: LIKE over the 50,000 oldest cards)',
    () => {
      const r = api.cards.search({ text: '网', limit: 50 });
      if (!r.searched && r.total < 1050) throw new Error('expected a search of the first cards only');
    },
    50,
  );
  // Asked for: every card read (the "Search all cards" button), printed for what it costs.
  const all = measure(() => api.cards.search({ text: '网', limit: 50, scanAll: true }));
  rows.push({ name: 'Browse "网", every card (scanAll)', ...all, ...none, target: 'printed' });
  console.log(`  Browse "网", every card: ${all.median.toFixed(2)} ms`);
  // Sorted by another column than due: an index walked to the page where one keeps the order.
  row('Browse sorted by stability, no filter', () => api.cards.search({ sort: 'stability', limit: 50 }), 50);
  row(
    'Browse sorted by lapses descending, page 101',
    () => api.cards.search({ sort: 'lapses', descending: true, limit: 50, offset: 5000 }),
    50,
  );
  row(
    'Browse "what is item 99" sorted by difficulty',
    () => api.cards.search({ text: 'what is item 99', sort: 'difficulty', limit: 50 }),
    50,
  );
  row('Browse sorted by deck, no filter', () => api.cards.search({ sort: 'deck', limit: 50 }), 50);
  row(
    'Browse sorted by state descending, page 101',
    () => api.cards.search({ sort: 'state', descending: true, limit: 50, offset: 5000 }),
    50,
  );
  row(
    'Browse "what is item 99" sorted by deck',
    () => api.cards.search({ text: 'what is item 99', sort: 'deck', limit: 50 }),
    50,
  );
  // Migration 14: the fronts' prefixes on the notes, the cards by stability band and last review.
  row(
    'Browse sorted by retrievability, no filter',
    () => api.cards.search({ sort: 'retrievability', limit: 50 }),
    50,
  );
  row(
    'Browse sorted by retrievability descending, page 101',
    () => api.cards.search({ sort: 'retrievability', descending: true, limit: 50, offset: 5000 }),
    50,
  );
  row('Browse sorted by front, no filter', () => api.cards.search({ sort: 'front', limit: 50 }), 50);
  row(
    'Browse sorted by front descending, page 101',
    () => api.cards.search({ sort: 'front', descending: true, limit: 50, offset: 5000 }),
    50,
  );
  row(
    'Browse due in the next 7 days (cards.search, 50 a page)',
    () => api.cards.search({ dueFrom: day.start, dueTo: day.start + 7 * DAY, limit: 50 }),
    50,
  );
  row('Browse, no filter (first page by due)', () => api.cards.search({ limit: 50 }), 50);
  m.close();
  return rows;
}

/** Builds the 1M collection into `dir` unless it already holds one; returns the build's clock. */
export function millionCollection(dir: string): number {
  const nowFile = join(dir, 'bench-now');
  if (existsSync(collectionPath(dir)) && existsSync(nowFile)) {
    console.log(`Reusing the 1M-card collection in ${dir}`);
    return Number(readFileSync(nowFile, 'utf8'));
  }
  mkdirSync(dir, { recursive: true });
  const now = Date.now();
  console.log(
    `Building ${BENCH_1M.cards.toLocaleString()} cards with ${BENCH_1M.reviews.toLocaleString()} review-log rows into ${dir}...`,
  );
  const builder = fileURLToPath(new URL('./build-collection.ts', import.meta.url));
  const ms = time(() =>
    execFileSync(process.execPath, ['--import', 'tsx', builder, dir, String(now), '1m'], {
      stdio: 'inherit',
    }),
  );
  writeFileSync(nowFile, String(now));
  console.log(`built in ${(ms / 1000).toFixed(1)} s\n`);
  return now;
}

export function runMillion(argv: readonly string[]): void {
  const at = argv.indexOf('--dir');
  const given = at >= 0 ? argv[at + 1] : undefined;
  const dir = given ?? mkdtempSync(join(tmpdir(), 'mnemo-bench-1m-'));
  try {
    const now = millionCollection(dir);
    // Opening may migrate a collection built by an older Mnemo: timed apart from the reads.
    const openMs = time(() => openMnemo({ dataDir: dir, clock: () => now }).close());
    console.log(`opened (and migrated if needed) in ${(openMs / 1000).toFixed(1)} s\n`);
    printTable(millionBench(dir, now));
  } finally {
    if (!given) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runMillion(process.argv.slice(2));
