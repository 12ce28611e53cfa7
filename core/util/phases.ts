/**
 * Optional timing of named phases (wall and this thread's CPU), for benchmarks that say where
 * a long operation's time goes (bench/sync-only.ts). Off unless a caller turns it on: then a
 * phase costs two reads of the clock and of /proc (Linux; elsewhere CPU reads 0).
 */
import { readFileSync } from 'node:fs';

export interface PhaseTotals {
  wallMs: number;
  cpuMs: number;
  count: number;
}

let totals: Map<string, PhaseTotals> | null = null;

/** This thread's CPU time in ms (Linux's schedstat, in ns), else 0. */
export function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** Starts recording phases (clearing what was recorded). */
export function recordPhases(): void {
  totals = new Map();
}

/** What was recorded since `recordPhases`, in the order phases first ran; stops recording. */
export function takePhases(): [string, PhaseTotals][] {
  const out = totals ? [...totals] : [];
  totals = null;
  return out;
}

/** Runs `fn`, adding its time to `name` when recording. */
export function phase<T>(name: string, fn: () => T): T {
  if (!totals) return fn();
  const wall = performance.now();
  const cpu = threadCpuMs();
  try {
    return fn();
  } finally {
    const t = totals.get(name) ?? { wallMs: 0, cpuMs: 0, count: 0 };
    t.wallMs += performance.now() - wall;
    t.cpuMs += threadCpuMs() - cpu;
    t.count++;
    totals.set(name, t);
  }
}
