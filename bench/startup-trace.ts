/**
 * `tsx bench/startup-trace.ts DATA_DIR [STARTS] [--floor] [--swap=A,B | --swap-env=NAME]
 * [--profile | --tracing]`: where (g)'s time goes (`npm run build:runtime` and `build:web`
 * first). Starts `mnemo serve` as ui-bench.ts does and prints one timeline per start, every
 * step in ms from the spawn, all on the wall clock: the server's (a preload hook: Node up,
 * listening, each request received and answered), the page's (navigation timing, each
 * script's and API call's fetch, the "Study all" button and the card appearing, the click),
 * and the driver's (URL read, goto resolved, click resolved, card seen). Then the median of
 * each phase and the CPU time of the server and of Chromium's processes per start; with
 * --floor, start-floor.ts's start before each, its steps and Chromium's CPU. A diagnostic, not
 * a bench row: each start is slower than in ui-bench.ts by the tracing itself.
 */
import { spawn } from 'node:child_process';
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../test/e2e/harness.ts';
import { floorStart } from './start-floor.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.argv[2];
const starts = Number(process.argv[3] ?? 5);
/** With --profile: the page's CPU profile of the last start, its self time by script and function. */
const profile = process.argv.includes('--profile');
/** With --tracing: Chromium's trace of the last start, the renderer main thread's time by event. */
const tracing = process.argv.includes('--tracing');
/**
 * With --swap A,B: dist/renderer is made a link to folder A, then B, in turns (two builds of
 * the renderer compared start by start, under the same load); medians per folder.
 */
const swapDirs = process.argv
  .find((a) => a.startsWith('--swap='))
  ?.slice(7)
  .split(',');
/** With --swap-env=NAME: NAME=1 in the server's environment every other start (a switch compared). */
const swapEnv = process.argv.find((a) => a.startsWith('--swap-env='))?.slice(11);
const swap = swapDirs ?? (swapEnv ? ['', `${swapEnv}=1`] : undefined);
const DIST = join(ROOT, 'dist', 'renderer');
if (swapDirs && !lstatSync(DIST).isSymbolicLink()) throw new Error(`${DIST} must be a link for --swap`);
if (!dataDir) throw new Error('usage: tsx bench/startup-trace.ts DATA_DIR [STARTS] [options]: see the file');

// Runs in the server before bin/mnemo.cjs: epoch-ms stamps appended to $MNEMO_TRACE_FILE.
const HOOK = `const fs = require('node:fs');
const http = require('node:http');
// Each process's performance clock set to the wall clock (they drift apart by tens of ms).
const skew = Date.now() - (performance.timeOrigin + performance.now());
const now = () => performance.timeOrigin + performance.now() + skew;
const log = (what, t = now()) => fs.appendFileSync(process.env.MNEMO_TRACE_FILE, t.toFixed(2) + ' server ' + what + '\\n');
log('process start', performance.timeOrigin + skew);
log('preload hook runs');
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...a) {
  log('listen() called');
  this.once('listening', () => log('listening'));
  return listen.apply(this, a);
};
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (ev, req, res) {
  if (ev === 'request') {
    const url = req.url.replace(/token=\\w+/, 'token=…').replace(/assets\\/([^-]+)-[^.]+/, '$1');
    log('got ' + req.method + ' ' + url);
    res.once('finish', () => {
      log('sent ' + url);
      const u = process.cpuUsage();
      log('cpu ' + ((u.user + u.system) / 1000).toFixed(1));
    });
  }
  return emit.apply(this, arguments);
};`;

// Runs in the page before its own scripts: when "Study all", the click and the card happen.
const PAGE = `window.__marks = [];
const mark = (what) => window.__marks.push([what, performance.now()]);
let button = false, card = false, clicked = false, lastBox = '';
// Where "Study all" is, each frame until the click: Playwright clicks only once it stops moving.
const watch = () => {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Study all');
  if (b) { const r = b.getBoundingClientRect(); const box = [r.x, r.y, r.width, r.height].map(Math.round).join(','); if (box !== lastBox) { lastBox = box; mark('"Study all" box ' + box); } }
  if (!clicked) requestAnimationFrame(watch);
};
requestAnimationFrame(watch);
addEventListener('click', () => { clicked = true; }, true);
new MutationObserver(() => {
  if (!button && [...document.querySelectorAll('button')].some((b) => b.textContent === 'Study all')) { button = true; mark('"Study all" in the DOM'); }
  if (!card && document.querySelector('[data-testid="card-front"]')) { card = true; mark('card-front in the DOM'); requestAnimationFrame(() => mark('card: next frame')); }
}).observe(document, { subtree: true, childList: true });
addEventListener('click', () => mark('click dispatched'), true);
document.addEventListener('DOMContentLoaded', () => mark('DOMContentLoaded'));
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__marks.push(['long task ' + Math.round(e.duration) + ' ms', e.startTime]); }).observe({ type: 'longtask', buffered: true });`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by script and by function (top 25) of a CDP CPU profile. */
function printProfile(p: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  p.samples?.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const script = f.url.replace(/^.*\//, '').replace(/-[^.-]+\.js$/, '.js') || f.functionName;
    const ms = (p.timeDeltas?.[i] ?? 0) / 1000;
    add(byScript, script, ms);
    add(byFunction, `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber}`, ms);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const g = byId.get(x)!.callFrame;
      const k = `${g.functionName || '(anonymous)'} ${g.url.replace(/^.*\//, '')}:${g.lineNumber}:${(g as { columnNumber?: number }).columnNumber ?? ''}`;
      if (!seen.has(k)) add(inclusive, k, ms);
      seen.add(k);
    }
  });
  for (const [title, m] of [
    ['script', byScript],
    ['function', byFunction],
    ['function, inclusive', inclusive],
  ] as const) {
    console.log(`\npage CPU profile, self ms by ${title}`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
  }
}

/** CPU time (ms) used so far by this process's descendants other than `except` (Chromium's processes). */
function browserCpuMs(except: number | undefined): Record<string, number> {
  const parentOf = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // After the command's name in parentheses: state, ppid, ..., utime (14th), stime (15th).
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(e), Number(f[1]));
      ticks.set(Number(e), Number(f[11]) + Number(f[12]));
    } catch {
      // gone meanwhile
    }
  }
  const byType: Record<string, number> = {};
  for (const [pid, t] of ticks) {
    if (pid === except) continue;
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) {
      if (p === except) break;
      if (p === process.pid) {
        let type = 'browser';
        try {
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          if (!cmd.includes('chromium')) break; // a server (the floor's)
          type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
        } catch {
          break;
        }
        byType[type] = (byType[type] ?? 0) + t * 10; // clock ticks of 10 ms
        break;
      }
    }
  }
  return byType;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** The renderer main thread's complete events: self time by name (children's time taken out). */
function printTrace(t: { traceEvents: TraceEvent[] } | TraceEvent[]): void {
  const events = Array.isArray(t) ? t : t.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) {
    console.log('no renderer main thread in the trace');
    return;
  }
  const own = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; child: number }[] = [];
  let busy = 0;
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
      const { e, child } = stack.pop()!;
      self.set(e.name, (self.get(e.name) ?? 0) + (e.dur! - child) / 1000);
      if (stack.length) stack.at(-1)!.child += e.dur!;
    }
  };
  for (const e of own) {
    close(e.ts);
    if (stack.length === 0) busy += e.dur! / 1000;
    stack.push({ e, child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  console.log(`\nrenderer main thread, self ms by trace event (busy ${busy.toFixed(1)} ms)`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
}

interface Step {
  at: number;
  what: string;
}

const hookFile = join(mkdtempSync(join(tmpdir(), 'mnemo-trace-')), 'hook.cjs');
writeFileSync(hookFile, HOOK);
const browser = await launchBrowser();
const { page } = browser;
await page.addInitScript(PAGE);
const all: { variant: string; steps: Step[] }[] = [];
/** Per start: the server's CPU ms to its last answer before the card was seen; Chromium's, goto to card seen. */
/** With --floor: bench/start-floor.ts's start before each, its wall time and Chromium's CPU. */
const withFloor = process.argv.includes('--floor');
const floors: { wall: number; browser: Record<string, number>; steps: [string, number][] }[] = [];
const cpus: { variant: string; server: number; browser: Record<string, number> }[] = [];
try {
  for (let run = 0; run < starts; run++) {
    if (withFloor) {
      const before = browserCpuMs(undefined);
      const t0 = performance.now();
      const steps: [string, number][] = [];
      const wall = await floorStart(page, dataDir, ROOT, (step) =>
        steps.push([step, performance.now() - t0]),
      );
      const after = browserCpuMs(undefined);
      floors.push({
        wall,
        steps,
        browser: Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)])),
      });
    }
    const traceFile = `${hookFile}.${run}.log`;
    const variant = swap ? swap[run % swap.length]! : '';
    if (swapDirs) {
      unlinkSync(DIST);
      symlinkSync(variant, DIST);
    }
    const steps: Step[] = [];
    const skew = Date.now() - (performance.timeOrigin + performance.now());
    const now = () => performance.timeOrigin + performance.now() + skew;
    const driver = (what: string) => steps.push({ at: now(), what: `driver ${what}` });
    const t0 = now();
    const child = spawn(
      process.execPath,
      [
        '-r',
        hookFile,
        join(ROOT, 'bin', 'mnemo.cjs'),
        'serve',
        '--data',
        dataDir,
        '--port',
        '0',
        '--no-open',
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          MNEMO_FROM_SOURCE: '',
          MNEMO_TRACE_FILE: traceFile,
          ...(swapEnv && variant ? { [swapEnv]: '1' } : {}),
        },
      },
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
    driver('URL printed');
    const browserCpu0 = browserCpuMs(child.pid);
    const cdp = (profile || tracing) && run === starts - 1 ? await page.context().newCDPSession(page) : null;
    const traceDone =
      cdp && tracing
        ? new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)))
        : null;
    if (cdp && tracing)
      await cdp.send('Tracing.start', {
        transferMode: 'ReturnAsStream',
        traceConfig: {
          includedCategories: [
            'devtools.timeline',
            'v8',
            'blink',
            'loading',
            'disabled-by-default-devtools.timeline',
          ],
        },
      });
    if (cdp && profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(url);
    driver('goto resolved (load)');
    await page.getByRole('button', { name: 'Study all' }).click();
    driver('click resolved');
    await page.getByTestId('card-front').waitFor();
    driver('card-front seen');
    const browserCpu1 = browserCpuMs(child.pid);
    const browserCpu = Object.fromEntries(
      Object.entries(browserCpu1).map(([k, v]) => [k, v - (browserCpu0[k] ?? 0)]),
    );
    if (cdp && profile) printProfile((await cdp.send('Profiler.stop')).profile);
    if (cdp && traceDone) {
      await cdp.send('Tracing.end');
      const stream = await traceDone;
      let text = '';
      for (;;) {
        const chunk = await cdp.send('IO.read', { handle: stream });
        text += chunk.data;
        if (chunk.eof) break;
      }
      printTrace(JSON.parse(text));
    }
    const inPage = (await page.evaluate(`(() => {
      const o = Date.now() - performance.now(); // the page's time 0 on the wall clock
      const out = [];
      const nav = performance.getEntriesByType('navigation')[0];
      for (const k of ['redirectStart', 'redirectEnd', 'fetchStart', 'responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventStart', 'loadEventStart'])
        if (nav[k]) out.push([o + nav[k], 'page nav ' + k]);
      for (const r of performance.getEntriesByType('resource')) {
        const name = r.name.replace(/^.*\\//, '').replace(/-[^.-]+\\.(js|css)$/, '.$1');
        out.push([o + r.startTime, 'page fetch ' + name]);
        out.push([o + r.responseEnd, 'page got ' + name]);
      }
      for (const p of performance.getEntriesByType('paint')) out.push([o + p.startTime, 'page ' + p.name]);
      for (const m of performance.getEntriesByType('mark')) out.push([o + m.startTime, 'page mark ' + m.name]);
      for (const [what, t] of window.__marks) out.push([o + t, 'page ' + what]);
      return out;
    })()`)) as [number, string][];
    for (const [at, what] of inPage) steps.push({ at, what });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    const seenAt = steps.find((s) => s.what === 'driver card-front seen')!.at;
    let serverCpu = 0;
    for (const line of readFileSync(traceFile, 'utf8').trim().split('\n')) {
      const [at, ...what] = line.split(' ');
      const cpu = /^server cpu (.*)$/.exec(what.join(' '));
      if (!cpu) steps.push({ at: Number(at), what: what.join(' ') });
      else if (Number(at) <= seenAt) serverCpu = Number(cpu[1]);
    }
    cpus.push({ variant, server: serverCpu, browser: browserCpu });
    rmSync(traceFile);
    const timeline = steps.map((s) => ({ at: s.at - t0, what: s.what })).sort((a, b) => a.at - b.at);
    all.push({ variant, steps: timeline });
    console.log(`\nstart ${run + 1} ${variant}`);
    for (const s of timeline) console.log(`${s.at.toFixed(1).padStart(8)}  ${s.what}`);
  }
} finally {
  await browser.close();
  rmSync(join(hookFile, '..'), { recursive: true, force: true });
}

/** The breakdown: each phase from one step to the next (first occurrences), in ms. */
const PHASES: [string, string, string][] = [
  ['Node up, build loaded, collection opened, listening', 'server process start', 'server listening'],
  ['URL read by the driver, page.goto, the 303 with the cookie', 'server listening', 'server got GET /'],
  ['index.html and the scripts and stylesheet it names', 'server got GET /', 'page got index.js'],
  ['scripts parsed and run, Home rendered', 'page got index.js', 'page "Study all" in the DOM'],
  [
    "Playwright's click (actionability checks, input events)",
    'page "Study all" in the DOM',
    'page click dispatched',
  ],
  ['click to the card in the DOM', 'page click dispatched', 'page card-front in the DOM'],
  ['Playwright sees the card', 'page card-front in the DOM', 'driver card-front seen'],
  ['whole start', 'server process start', 'driver card-front seen'],
  ["from the entry chunk's arrival to the card seen", 'page got index.js', 'driver card-front seen'],
  ['(driver) spawn to URL read', 'server process start', 'driver URL printed'],
  ['(driver) URL read to goto resolved', 'driver URL printed', 'driver goto resolved (load)'],
  ['(driver) goto resolved to click resolved', 'driver goto resolved (load)', 'driver click resolved'],
  ['(driver) click resolved to card seen', 'driver click resolved', 'driver card-front seen'],
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuLine = (rs: Record<string, number>[]) => {
  const types = [...new Set(rs.flatMap((r) => Object.keys(r)))].filter((t) => rs.some((r) => r[t]));
  const total = median(rs.map((r) => Object.values(r).reduce((a, b) => a + b, 0)));
  return `${total.toFixed(0)} (${types.map((t) => `${t} ${median(rs.map((r) => r[t] ?? 0)).toFixed(0)}`).join(', ')})`;
};
if (floors.length > 0) {
  for (const [i, [step]] of floors[0]!.steps.entries())
    console.log(
      `floor: ${median(floors.map((f) => f.steps[i]![1]))
        .toFixed(1)
        .padStart(8)}  ${step}`,
    );
  console.log(
    `floor (start-floor.ts), ${floors.length} starts: ${median(floors.map((f) => f.wall)).toFixed(1)} ms; Chromium CPU ms ${cpuLine(floors.map((f) => f.browser))}`,
  );
}
for (const variant of swap ?? ['']) {
  const runs = all.filter((r) => r.variant === variant).map((r) => r.steps);
  if (runs.length === 0) continue;
  const at = (t: Step[], what: string) => t.find((s) => s.what === what)?.at ?? Number.NaN;
  console.log(`\nmedians over ${runs.length} starts ${variant}`);
  for (const [name, from, to] of PHASES) {
    const d = median(runs.map((t) => at(t, to) - at(t, from)));
    console.log(`${d.toFixed(1).padStart(8)}  ${name}`);
  }
  const c = cpus.filter((x) => x.variant === variant);
  console.log(
    `CPU ms: server to its last answer ${median(c.map((x) => x.server)).toFixed(0)}; Chromium from goto to the card ${cpuLine(c.map((x) => x.browser))}`,
  );
}
