/**
 * The CLI's start-up, whole process: `mnemo stats` on the Docker decks (the runtime build,
 * as a user runs it), beside a floor of a Node process that opens the same file with
 * better-sqlite3 and does one count. The two are run in turns, so load on the machine
 * weighs on both alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileDecks } from '../core/compiler/compile.ts';
import { bundledDecksDir } from '../core/compiler/source-path.ts';
import { collectionPath, openMnemo } from '../core/index.ts';
import { type Row, summarize } from './table.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 11;

/** The environment a user's shell has: the runtime build, not the sources. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.MNEMO_FROM_SOURCE;
  return env;
}

function timeProcess(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: userEnv(), encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

export function cliStartupBench(): Row[] {
  if (!existsSync(join(ROOT, 'dist', 'runtime', 'cli.cjs')))
    throw new Error('the runtime is not built: run npm run build:runtime');
  const dataDir = mkdtempSync(join(tmpdir(), 'mnemo-startup-'));
  try {
    const m = openMnemo({ dataDir });
    compileDecks(m.col, [bundledDecksDir()]);
    m.close();
    const floorScript = `const Database = require('better-sqlite3');
const db = new Database(${JSON.stringify(collectionPath(dataDir))}, { readonly: true });
db.prepare('SELECT count(*) FROM cards').get();
db.close();`;
    const cli = [join(ROOT, 'bin', 'mnemo.cjs'), 'stats', '--data', dataDir];
    const mine: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const a = timeProcess(cli);
      const b = timeProcess(['-e', floorScript]);
      if (i === 0) continue; // the first of each warms the file cache
      mine.push(a);
      floor.push(b);
    }
    const floorMedian = summarize(floor).median;
    return [
      {
        name: `(l) CLI start-up: mnemo stats, Docker decks, whole process (${RUNS} runs)`,
        ...summarize(mine),
        floor: floorMedian,
        floorName: 'node + better-sqlite3 open + one count',
        target: '≤ 2x floor',
        met: (r) => r.median <= 2 * floorMedian,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
