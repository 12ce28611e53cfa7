/**
 * The app measured in Chromium on the 100,000-card collection: from starting `mnemo serve`
 * to the first card visible, and from a grade key press to the next card painted; plus the
 * renderer's gzipped size for the review path (the entry chunk and what it preloads).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromiumAvailable, launchBrowser } from '../test/e2e/harness.ts';
import { floorStart } from './start-floor.ts';
import { type Row, summarize } from './table.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Starts of `mnemo serve` measured to the first card (their p99 is the slowest of them). */
const START_RUNS = 15;
const DIST = join(ROOT, 'dist', 'renderer');

/** Gzipped bytes of index.html's entry script, stylesheets and modulepreloads. */
export function reviewPathGzip(): { bytes: number; files: string[] } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f))).length, 0);
  return { bytes, files };
}

export async function uiBench(dataDir: string): Promise<{ rows: Row[]; notes: string[] }> {
  const notes: string[] = [];
  if (!existsSync(join(DIST, 'index.html')))
    return { rows: [], notes: ['renderer not built: run npm run build:web'] };
  const size = reviewPathGzip();
  notes.push(
    `renderer review path: ${(size.bytes / 1024).toFixed(1)} KB gzipped (target ≤ 400 KB) ${size.bytes <= 400 * 1024 ? 'met' : 'NOT MET'}`,
  );
  if (!chromiumAvailable)
    return { rows: [], notes: [...notes, 'Chromium not installed: UI timings skipped'] };

  const browser = await launchBrowser();
  const { page } = browser;
  const startTimes: number[] = [];
  const floorTimes: number[] = [];
  const gradeTimes: number[] = [];
  try {
    for (let run = 0; run < START_RUNS; run++) {
      // Its floor first, in turns with the app (start-floor.ts).
      floorTimes.push(await floorStart(page, dataDir, ROOT));
      const t0 = performance.now();
      const child = spawn(
        process.execPath,
        [join(ROOT, 'bin', 'mnemo.cjs'), 'serve', '--data', dataDir, '--port', '0', '--no-open'],
        { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, MNEMO_FROM_SOURCE: '' } },
      );
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Mnemo is running at (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
      });
      await page.goto(url);
      await page.getByRole('button', { name: 'Study all' }).click();
      await page.getByTestId('card-front').waitFor();
      startTimes.push(performance.now() - t0);

      if (run === 0) {
        // Grade latency: key press (captured in the page) to the next card's first paint.
        await page.evaluate(`(() => {
          window.__latencies = [];
          let pressed = 0;
          addEventListener('keydown', (e) => { if ('1234'.includes(e.key)) pressed = performance.now(); }, true);
          new MutationObserver(() => {
            const card = document.querySelector('[data-testid="card"]');
            if (!pressed || !card || card.getAttribute('data-side') !== 'front') return;
            const t = pressed;
            pressed = 0;
            requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - t), 0));
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
        })()`);
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Space');
          await page.getByTestId('card-back').waitFor();
          const before = await page.evaluate('window.__latencies.length');
          await page.keyboard.press(String((i % 4) + 1));
          // (waitForFunction would compile a function in the page: the app's CSP forbids that.)
          while (((await page.evaluate('window.__latencies.length')) as number) <= (before as number)) {
            await new Promise((r) => setTimeout(r, 5));
          }
        }
        gradeTimes.push(...((await page.evaluate('window.__latencies')) as number[]));
        // Peak memory of the app itself (the server holding the 100,000-card collection).
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
        notes.push(
          `(d) peak RSS of mnemo serve after opening the collection and 40 answers in Chromium: ${(peakKb / 1024).toFixed(0)} MB (target ≤ 250 MB) ${peakKb / 1024 <= 250 ? 'met' : 'NOT MET'}`,
        );
      }
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await browser.close();
  }
  const g = summarize(gradeTimes);
  const p95 = [...gradeTimes].sort((a, b) => a - b)[Math.floor(0.95 * gradeTimes.length)] ?? Number.NaN;
  notes.push(
    `grade key -> next card painted: median ${g.median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (targets ≤ 50 / ≤ 100 ms) ${g.median <= 50 && p95 <= 100 ? 'met' : 'NOT MET'}`,
  );
  return {
    rows: [
      {
        name: `(g) mnemo serve -> first card visible (${startTimes.length})`,
        ...summarize(startTimes),
        floor: summarize(floorTimes).median,
        floorP99: summarize(floorTimes).p99,
        floorName: 'node + sqlite + bare page + 1 fetch',
        target: 'median ≤ 0.5 s, p99 ≤ 1.0 s',
        met: (s) => s.median <= 500 && s.p99 <= 1000,
      },
      {
        name: `(h) grade key -> next card painted (${gradeTimes.length})`,
        ...g,
        floor: Number.NaN,
        floorName: `p95 ${p95.toFixed(1)} ms`,
        target: 'median ≤ 50 ms, p95 ≤ 100 ms',
        met: (s) => s.median <= 50 && p95 <= 100,
      },
    ],
    notes,
  };
}
