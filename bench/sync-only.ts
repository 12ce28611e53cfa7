/**
 * The sync benchmark alone, for profiling (`node --cpu-prof --import tsx bench/sync-only.ts DIR NOW`)
 * on a benchmark collection built once with `tsx bench/build-collection.ts DIR NOW`. Prints the
 * merge's phases too (wall and merging-thread CPU, core/util/phases.ts); `PHASES=0` leaves them out.
 * With `--json`, prints the rows and notes as one JSON line instead: how `npm run bench` runs
 * it, in a process of its own (syncBenchInChild).
 */
import { syncBench } from './sync-bench.ts';
import { printTable } from './table.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const [dir, now] = args.filter((a) => a !== '--json');
if (!dir || !now)
  throw new Error('usage: bench/sync-only.ts DIR NOW [--json] (a collection from build-collection.ts)');
const { rows, notes } = syncBench(dir, Number(now), { phases: !json && process.env.PHASES !== '0' });
if (json) {
  const plain = rows.map(({ met, ...r }) => ({ ...r, metValue: met ? met(r) : undefined }));
  console.log(JSON.stringify({ rows: plain, notes }));
} else {
  printTable(rows);
  for (const note of notes) console.log(note);
}
