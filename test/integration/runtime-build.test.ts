/**
 * The runtime build (scripts/build-runtime.mjs → dist/runtime/), which `mnemo` and `npm start`
 * run: the same answers as the TypeScript sources, with no TypeScript loader in the process,
 * and the paths the code finds from its own location (the bundled decks, the built renderer)
 * still right from the bundle. The other tests run the sources (MNEMO_FROM_SOURCE=1).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { bundledDecksDir } from '../../core/compiler/source-path.ts';
import { STEP_JOBS, WorkerWrites } from '../../core/import/replay/queue.ts';
import { type Replayed, replayOne, toEntry } from '../../core/import/replay/replay.ts';
import { type StepJob, type Stepped, stepOne } from '../../core/import/replay/steps.ts';
import { openMnemo } from '../../core/index.ts';
import { studyTime, studyTimes } from '../../core/scheduler/study-time.ts';
import { tempDir } from '../helpers/collection.ts';
import { expectWorkerReadsAsCompiler } from '../helpers/parse-worker.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What the `mnemo` command runs (package.json's bin); bin/mnemo.mjs is the same command. */
const BIN = join(ROOT, 'bin', 'mnemo.cjs');
const RUNTIME = join(ROOT, 'dist', 'runtime');
/** The environment of a user's shell: no MNEMO_FROM_SOURCE, so bin/mnemo.mjs runs the build. */
const userEnv = () => {
  const env = { ...process.env };
  delete env.MNEMO_FROM_SOURCE;
  return env;
};

const built = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: userEnv(), timeout: 60_000 });

/** The TypeScript sources' answer, in this process. */
async function fromSource(args: string[]): Promise<{ status: number; stdout: string }> {
  const lines: string[] = [];
  const status = await main(args, (s) => lines.push(s));
  return { status, stdout: lines.length ? `${lines.join('\n')}\n` : '' };
}

/** The Docker decks compiled in, and a few answers so that learning and due counts are not all zero. */
function dockerCollection(): string {
  const dataDir = tempDir();
  const m = openMnemo({ dataDir });
  try {
    const report = compileDecks(m.col, [bundledDecksDir()]);
    expect(report.applied).toBe(true);
    for (let i = 0; i < 6; i++) {
      const next = m.api.review.next({});
      if (!next) break;
      m.api.review.answer({ cardId: next.card.id, rating: i % 2 ? 1 : 3, durationMs: 2000 });
    }
  } finally {
    m.close();
  }
  return dataDir;
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-runtime.mjs')], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(build.status, build.stderr).toBe(0);
}, 150_000);

describe('the runtime build', () => {
  it('is not what the other tests run: they run the sources (vitest.config.ts)', () => {
    expect(process.env.MNEMO_FROM_SOURCE).toBe('1');
  });

  it('is plain JavaScript: no file of it loads a .ts file', () => {
    const files = readdirSync(RUNTIME).filter((f) => /\.(c|m)js$/.test(f));
    expect(files.sort()).toEqual(['cli.cjs', 'parse-worker.mjs', 'replay-worker.mjs', 'start.mjs']);
    for (const f of files) {
      const text = readFileSync(join(RUNTIME, f), 'utf8');
      expect(text, f).not.toMatch(/(?:from|import\(|require\()\s*["'][^"']+\.tsx?["']/);
    }
  });

  it('mnemo stats (table and JSON), --help and a bad command answer as the sources do', async () => {
    const dataDir = dockerCollection();
    for (const args of [
      ['stats', '--json', '--data', dataDir],
      ['stats', '--data', dataDir],
      ['--help'],
      ['stats', '--help'],
    ]) {
      const b = built(args);
      const s = await fromSource(args);
      expect(b.stderr, args.join(' ')).toBe('');
      expect({ status: b.status, stdout: b.stdout }, args.join(' ')).toEqual(s);
    }
    const json = JSON.parse(built(['stats', '--json', '--data', dataDir]).stdout) as {
      decks: { name: string; totalCards: number }[];
    };
    expect(json.decks.find((d) => d.name === 'Docker')?.totalCards).toBeGreaterThan(500);

    const bad = built(['nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('mnemo: unknown command "nope" (run "mnemo --help")\n');

    const viaMjs = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'mnemo.mjs'), 'stats', '--json', '--data', dataDir],
      {
        encoding: 'utf8',
        env: userEnv(),
      },
    );
    expect(viaMjs.stdout).toBe(built(['stats', '--json', '--data', dataDir]).stdout);
  });

  it('runs in a Node process with no TypeScript loader: the built main required alone', () => {
    const dataDir = dockerCollection();
    const script = `require(${JSON.stringify(join(RUNTIME, 'cli.cjs'))})
  .main(['stats', '--json', '--data', ${JSON.stringify(dataDir)}])
  .then((code) => { process.exitCode = code; });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: userEnv() });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(built(['stats', '--json', '--data', dataDir]).stdout);
  });

  it("keeps V8's code cache beside the build, and a damaged cache is refused and rewritten", () => {
    const dataDir = dockerCollection();
    const cache = join(RUNTIME, 'cli.cjs.v8-cache');
    const expected = built(['stats', '--json', '--data', dataDir]);
    expect(expected.status).toBe(0);
    expect(existsSync(cache)).toBe(true);
    writeFileSync(cache, 'not a code cache');
    const again = built(['stats', '--json', '--data', dataDir]);
    expect(again.stdout).toBe(expected.stdout);
    expect(again.stderr).toBe('');
    expect(readFileSync(cache).length).toBeGreaterThan(100_000);
  });

  it('is rebuilt before it runs when a source file changed since the build (a git pull, an edit)', () => {
    const dataDir = dockerCollection();
    const sources = join(RUNTIME, 'sources.json');
    const before = JSON.parse(readFileSync(sources, 'utf8')) as { builtAt: number; sources: string[] };
    expect(before.sources).toContain('core/util/app-root.ts');
    expect(before.sources).toContain('cli/main.ts');
    const fresh = built(['stats', '--json', '--data', dataDir]);
    expect(fresh.stderr).toBe('');

    const file = join(ROOT, 'core', 'util', 'app-root.ts');
    const now = new Date();
    utimesSync(file, now, now);
    const again = built(['stats', '--json', '--data', dataDir]);
    expect(again.stderr).toBe(
      'mnemo: the sources changed since the runtime was built: rebuilding it (npm run build:runtime)\n',
    );
    expect(again.stdout).toBe(fresh.stdout);
    const after = JSON.parse(readFileSync(sources, 'utf8')) as { builtAt: number };
    expect(after.builtAt).toBeGreaterThanOrEqual(now.getTime());
    expect(built(['stats', '--json', '--data', dataDir]).stderr).toBe(''); // fresh again
  });

  it('mnemo serve from the build compiles the bundled decks in and serves the built renderer', async () => {
    expect(existsSync(join(ROOT, 'dist', 'renderer', 'index.html')), 'run npx vite build first').toBe(true);
    const dataDir = tempDir();
    const tokenFile = join(dataDir, '.token');
    const child: ChildProcess = spawn(
      process.execPath,
      [BIN, 'serve', '--data', dataDir, '--port', '0', '--no-open', '--token-file', tokenFile],
      { stdio: ['ignore', 'pipe', 'pipe'], env: userEnv() },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const take = (c: Buffer) => {
          out += c.toString();
          const m = /Mnemo is running at (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        };
        child.stdout!.on('data', take);
        child.stderr!.on('data', take);
        child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
      });
      const token = readFileSync(tokenFile, 'utf8');
      const origin = new URL(url).origin;
      const auth = { authorization: `Bearer ${token}` };
      const page = await fetch(`${origin}/`, { headers: auth });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const res = await fetch(`${origin}/api/decks.list`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: '{}',
      });
      const decks = (await res.json()) as { name: string }[] | { decks: { name: string }[] };
      const names = (Array.isArray(decks) ? decks : decks.decks).map((d) => d.name);
      expect(names).toContain('Docker::命令');
      // The integrity check (a worker that requires better-sqlite3 by its resolved path) and
      // the day's backup run from the bundle too: a backup is taken only after a sound check.
      await expect
        .poll(
          async () => {
            const r = await fetch(`${origin}/api/backups.list`, {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/json' },
              body: '{}',
            });
            return ((await r.json()) as unknown[]).length;
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});

describe('the import replay worker from the build', () => {
  it('replays card histories exactly as the in-place replay does', () => {
    const entry = pathToFileURL(join(RUNTIME, 'replay-worker.mjs')).href;
    expect(existsSync(fileURLToPath(entry))).toBe(true);
    const now = Date.parse('2026-11-29T10:00:00+08:00');
    const day = 86_400_000;
    const m = openMnemo({ dataDir: tempDir(), clock: () => now });
    try {
      const preset = m.col.preset(1)!;
      const time = studyTime(4);
      const writes = new WorkerWrites(4, time, { entry });
      const got: unknown[] = [];
      const want: unknown[] = [];
      // The replay's stored result: the card's final state and its own reviews' before/after
      // states (a batch holds several cards' rows: only this card's are compared).
      const reviews = new Map<number, number>();
      const view = (r: Replayed | null, id: number) =>
        r && {
          final: r.final,
          rows: Array.from({ length: reviews.get(id)! }, (_e, i) => [
            r.batch.texts[r.batch.before[r.offset + i]!],
            r.batch.texts[r.batch.after[r.offset + i]!],
            r.batch.states[r.offset + i],
          ]),
        };
      for (let id = 1; id <= 200; id++) {
        const rows = Array.from({ length: 1 + (id % 6) }, (_e, i) => ({
          rating: 1 + ((id * 7 + i * 3) % 4),
          reviewedAt: now - 120 * day + i * 4 * day + ((id * 37) % 24) * 3_600_000,
          kind: 'review',
        }));
        reviews.set(id, rows.length);
        const job = { preset, card: { id, created_at: now - 200 * day }, rows };
        writes.add(job, (r) => got.push(view(r, id)));
        want.push(view(replayOne(preset, 4, time, job.card, rows.map(toEntry)), id));
      }
      writes.drain();
      // Every card went through the built worker, none replayed in place.
      expect(writes.close().byWorker).toBe(200);
      expect(got).toEqual(want);
    } finally {
      m.close();
    }
  });

  it("steps a sync merge's cards exactly as stepping in place does", () => {
    const entry = pathToFileURL(join(RUNTIME, 'replay-worker.mjs')).href;
    const now = Date.parse('2026-11-29T10:00:00+08:00');
    const day = 86_400_000;
    const m = openMnemo({ dataDir: tempDir(), clock: () => now });
    try {
      const preset = m.col.preset(1)!;
      // A second preset met on some answers (a change that travelled), and two day starts.
      const strict = { ...preset, desired_retention: 0.95 };
      const time = studyTime(4);
      const timeFor = studyTimes(time);
      const writes = new WorkerWrites<StepJob>(4, time, { entry, kind: STEP_JOBS, writeOnDrain: true });
      const got: unknown[] = [];
      const want: unknown[] = [];
      const view = (r: Replayed | null, n: number) =>
        r && {
          final: r.final,
          lapsed: Array.from((r.batch as Stepped['batch']).lapsed.subarray(r.offset, r.offset + n)),
          rows: Array.from({ length: n }, (_e, i) => [
            r.batch.texts[r.batch.before[r.offset + i]!],
            r.batch.texts[r.batch.after[r.offset + i]!],
            r.batch.states[r.offset + i],
          ]),
        };
      for (let id = 1; id <= 200; id++) {
        const n = 1 + (id % 5);
        const at = Array.from(
          { length: n },
          (_e, i) => now - 60 * day + i * 3 * day + ((id * 37) % 24) * 3_600_000,
        );
        const job: StepJob = {
          cardId: id,
          createdAt: now - 200 * day,
          seed: `g:${id}/0`,
          // Odd cards step on from a reviewed row, even ones replay from a new card.
          start:
            id % 2
              ? {
                  due: now - 61 * day,
                  stability: 3.5 + id / 100,
                  difficulty: 5.2,
                  elapsed_days: 0,
                  scheduled_days: 4,
                  learning_steps: 0,
                  reps: 3,
                  lapses: id % 3,
                  state: 2,
                  last_review: now - 65 * day,
                }
              : null,
          at,
          // Some resets (0) and many Again (1): lapses, for the leech check.
          rating: at.map((_t, i) => (id + i * 3) % 5),
          presets: at.map((_t, i) => (i % 3 === 2 ? strict : preset)),
          hours: at.map((_t, i) => (i % 2 ? 4 : 6)),
        };
        writes.add(job, (r) => got.push(view(r, n)));
        want.push(view(stepOne(job, 4, time, timeFor), n));
      }
      writes.drain();
      expect(writes.close().byWorker).toBe(200);
      expect(got).toEqual(want);
      expect(want.some((w) => (w as { lapsed: number[] }).lapsed.some((l) => l > 0))).toBe(true);
    } finally {
      m.close();
    }
  });
});

describe("the first compile's parse worker from the build", () => {
  it('reads the bundled decks as the compiling thread reads them', () => {
    expectWorkerReadsAsCompiler(pathToFileURL(join(RUNTIME, 'parse-worker.mjs')).href, bundledDecksDir());
  });
});
