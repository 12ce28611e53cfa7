/**
 * The sync benchmark alone, for profiling (`node --cpu-prof --import tsx bench/sync-only.ts DIR NOW`)
 * on a benchmark collection built once with `tsx bench/build-collection.ts DIR NOW`. Prints the
 * merge's phases too (wall and merging-thread CPU, core/util/phases.ts); `PHASES=0` leaves them out.
 */
import { syncBench } from './sync-bench.ts';
import { printTable } from './table.ts';

const [dir, now] = process.argv.slice(2);
if (!dir || !now)
  throw new Error('usage: bench/sync-only.ts DIR NOW (a collection from build-collection.ts)');
const { rows, notes } = syncBench(dir, Number(now), { phases: process.env.PHASES !== '0' });
printTable(rows);
for (const note of notes) console.log(note);
