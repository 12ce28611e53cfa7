/**
 * Optimize and the retention simulation on the benchmark collection. Optimize runs on a
 * student's 100,000-answer log (bench/optimize-log.ts) in a child process (its peak RSS is
 * its own), beside one bare computeParameters over the same items; the simulation covers the
 * default preset's 100,000 cards, beside ts-fsrs's next_state called as often as it simulates answers.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FSRS, generatorParameters } from 'ts-fsrs';
import { openMnemo } from '../core/index.ts';
import { addStudentLog } from './optimize-log.ts';
import { type Row, summarize, time } from './table.ts';

const CHILD = fileURLToPath(new URL('./optimize-child.ts', import.meta.url));
export const OPTIMIZE_REVIEWS = 100_000;

function child(args: string[]): { ms: number; rssMb: number; result?: Record<string, unknown> } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

export async function optimizeBench(dir: string, now: number): Promise<{ rows: Row[]; notes: string[] }> {
  const { presetId, cards } = addStudentLog(dir, now, OPTIMIZE_REVIEWS);
  const run = child(['optimize', dir, String(presetId), String(now)]);
  const floor = child(['floor', dir, String(presetId), String(now)]);
  const r = run.result as {
    reviews: number;
    items: number;
    current: { logLoss: number };
    fitted: { logLoss: number };
  };
  const rows: Row[] = [
    {
      name: `(o) optimize.run, ${r.reviews.toLocaleString()} reviews (${r.items.toLocaleString()} items, ${cards.toLocaleString()} cards)`,
      median: run.ms,
      p99: run.ms,
      floor: floor.ms,
      floorName: 'one computeParameters on the same items',
      target: '≤ 30 s, peak RSS ≤ 600 MB',
      met: () => run.ms <= 30_000 && run.rssMb <= 600,
    },
  ];
  const notes = [
    `(o) optimize peak RSS (its own process, worker thread included): ${run.rssMb.toFixed(0)} MB (target ≤ 600 MB) ${run.rssMb <= 600 ? 'met' : 'NOT MET'}; bare fit's process: ${floor.rssMb.toFixed(0)} MB; held-out log loss ${r.current.logLoss.toFixed(4)} (defaults) → ${r.fitted.logLoss.toFixed(4)} (fitted)`,
  ];

  const m = openMnemo({ dataDir: dir, clock: () => now });
  try {
    const sims: number[] = [];
    let answers = 0;
    let simulated = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const sim = await m.api.optimize.simulate({ presetId: 1 });
      sims.push(performance.now() - t);
      simulated = sim.simulatedCards;
      answers = sim.outcomes.reduce((n, o) => n + o.answers, 0) / (sim.cards / sim.simulatedCards);
    }
    const f = new FSRS(generatorParameters({ enable_fuzz: false }));
    const floors: number[] = [];
    for (let i = 0; i < 3; i++) {
      floors.push(
        time(() => {
          let state = f.next_state(null, 0, 3);
          for (let k = 0; k < answers; k++) state = f.next_state(state, k % 30, 1 + (k % 4));
        }),
      );
    }
    rows.push({
      name: `(o) optimize.simulate, 365 days × 28 retentions (${simulated.toLocaleString()} of 100,000 cards)`,
      ...summarize(sims),
      floor: summarize(floors).median,
      floorName: `ts-fsrs next_state × ${Math.round(answers).toLocaleString()} (the answers simulated)`,
      target: '≤ 5 s',
      met: (x) => x.median <= 5000,
    });
  } finally {
    m.close();
  }
  return { rows, notes };
}
