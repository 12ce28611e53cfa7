/** Timing helpers and the table `npm run bench` prints. */
import { performance } from 'node:perf_hooks';

export function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export interface Summary {
  median: number;
  p99: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { median: at(0.5), p99: at(0.99) };
}

export interface Row extends Summary {
  name: string;
  floor: number;
  floorP99?: number;
  floorName: string;
  target: string;
  met?: (r: Summary) => boolean;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');

export function printTable(rows: readonly Row[]): void {
  const header = [
    'measurement',
    'median ms',
    'p99 ms',
    'floor ms',
    'x floor',
    'floor (same run)',
    'target',
    '',
  ];
  const body = rows.map((r) => [
    r.name,
    ms(r.median),
    ms(r.p99),
    r.floorP99 === undefined ? ms(r.floor) : `${ms(r.floor)} (p99 ${ms(r.floorP99)})`,
    Number.isFinite(r.floor) ? (r.median / r.floor).toFixed(1) : '-',
    r.floorName,
    r.target,
    r.met ? (r.met(r) ? 'met' : 'NOT MET') : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}
