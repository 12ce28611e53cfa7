/**
 * `npm run bench:import [-- PACKAGE.apkg NOW]`: benchmark (h) alone, importing the 100k-card
 * `.apkg` with its million review rows into an empty collection beside its one-thread floor,
 * without the rest of `npm run bench`. With no package it builds the benchmark collection and
 * exports it with history first (a few minutes), as `npm run bench` does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { child, importBench } from './export-bench.ts';
import { printTable } from './table.ts';

const root = mkdtempSync(join(tmpdir(), 'mnemo-import-bench-'));
try {
  let [pkg, now] = [process.argv[2], Number(process.argv[3])];
  if (!pkg) {
    now = Date.now();
    const dir = join(root, 'collection');
    const builder = fileURLToPath(new URL('./build-collection.ts', import.meta.url));
    execFileSync(process.execPath, ['--import', 'tsx', builder, dir, String(now)], { stdio: 'inherit' });
    pkg = join(root, 'with.apkg');
    child('export', dir, pkg, 'with', String(now));
  } else if (!Number.isFinite(now))
    throw new Error('give the NOW the package was exported at after its path');
  const { rows, note } = importBench(pkg, root, now);
  printTable(rows);
  console.log(note);
} finally {
  rmSync(root, { recursive: true, force: true });
}
