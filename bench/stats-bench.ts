/**
 * The Stats screen's data on the 100,000-card, 1,000,000-answer collection: `stats.screen`
 * as the screen opens (the whole collection, hours of the day for its default month), with a
 * year's hours, and for one subject deck, beside a floor of raw SQL reading the
 * same data once in the same run (a covering-index count of every answer per study day of the
 * year, and the studied cards' memory columns). Run alone: `tsx bench/stats-bench.ts [DIR NOW]`
 * (without DIR it builds the collection first, about a minute).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMnemo } from '../core/index.ts';
import { pastDays } from '../core/stats/days.ts';
import { printTable, type Row, summarize, time } from './table.ts';

const RUNS = 9;

export function statsBench(dir: string, now: number): Row[] {
  const m = openMnemo({ dataDir: dir, clock: () => now });
  const { col, api } = m;
  try {
    const bounds = pastDays(now, 365, col.settings().dayStartHour);
    const perDay = col.db
      .prepare(
        'SELECT count(*) FROM review_log INDEXED BY review_log_time WHERE reviewed_at >= ? AND reviewed_at < ?',
      )
      .pluck();
    const memory = col.db
      .prepare('SELECT deck_id, stability, difficulty, last_review FROM cards NOT INDEXED WHERE state <> 0')
      .raw();
    const floor = () => {
      for (let i = 0; i < 365; i++) perDay.get(bounds[i], bounds[i + 1]);
      memory.all();
    };
    const deck = api.decks.list().decks.find((d) => d.parentId === null)!;
    const all: number[] = [];
    const year: number[] = [];
    const one: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const a = time(() => api.stats.screen({ hoursDays: 30 }));
      const y = time(() => api.stats.screen({ hoursDays: 365 }));
      const d = time(() => api.stats.screen({ deckId: deck.id, hoursDays: 30 }));
      const f = time(floor);
      if (i === 0) continue; // the first run warms SQLite's page cache for both sides
      all.push(a);
      year.push(y);
      one.push(d);
      floors.push(f);
    }
    const floorMs = summarize(floors).median;
    return [
      {
        name: 'Stats screen data, whole collection',
        ...summarize(all),
        floor: floorMs,
        floorName: 'count(*) per study day of the year + memory columns',
        target: '≤ 300 ms',
        met: (r) => r.median <= 300,
      },
      {
        name: '    the same with a year of hours of the day',
        ...summarize(year),
        floor: floorMs,
        floorName: 'same floor',
        target: 'printed',
      },
      {
        name: `    one subject deck (${deck.name} with its parts)`,
        ...summarize(one),
        floor: floorMs,
        floorName: 'same floor',
        target: 'printed',
      },
    ];
  } finally {
    m.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let [dir, now] = [process.argv[2], Number(process.argv[3])];
  const temp = dir ? null : mkdtempSync(join(tmpdir(), 'mnemo-stats-bench-'));
  if (temp) {
    dir = temp;
    now = Date.now();
    const builder = fileURLToPath(new URL('./build-collection.ts', import.meta.url));
    execFileSync(process.execPath, ['--import', 'tsx', builder, dir, String(now)], { stdio: 'inherit' });
  }
  try {
    printTable(statsBench(dir!, now));
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
