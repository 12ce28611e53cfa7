/**
 * `npm run bench:startup [-- DATA_DIR]`: only the start-up measurements of `npm run bench`,
 * (l) the CLI's start-up and (g) `mnemo serve` to the first card in Chromium (with (h), the
 * grade latency, measured on the way). Without DATA_DIR the 100,000-card collection is built
 * first, as run.ts builds it; with one (a collection build-collection.ts made), it is used.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliStartupBench } from './startup-bench.ts';
import { printTable } from './table.ts';
import { uiBench } from './ui-bench.ts';

const given = process.argv[2];
const dir = given ?? mkdtempSync(join(tmpdir(), 'mnemo-bench-'));
try {
  if (!given) {
    console.log('Building the 100,000-card collection...');
    const builder = fileURLToPath(new URL('./build-collection.ts', import.meta.url));
    execFileSync(process.execPath, ['--import', 'tsx', builder, dir, String(Date.now())], {
      stdio: 'inherit',
    });
  }
  console.log('CLI start-up...');
  const rows = cliStartupBench();
  console.log('mnemo serve to the first card in Chromium...');
  const ui = await uiBench(dir);
  rows.push(...ui.rows);
  printTable(rows);
  console.log('');
  for (const note of ui.notes) console.log(note);
} finally {
  if (!given) rmSync(dir, { recursive: true, force: true });
}
