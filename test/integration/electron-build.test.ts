import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WorkerWrites } from '../../core/import/replay/queue.ts';
import { type Replayed, replayOne, toEntry } from '../../core/import/replay/replay.ts';
import { studyTime } from '../../core/scheduler/study-time.ts';
import { seededRandom, tempMnemo } from '../helpers/collection.ts';
import { installElectronMock } from '../helpers/electron-mock.ts';
import { expectWorkerReadsAsCompiler } from '../helpers/parse-worker.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

vi.mock('electron', async () => (await import('../helpers/electron-mock.ts')).electronModule());

type Mock = ReturnType<typeof installElectronMock>;
type Handler = (...args: unknown[]) => unknown;

describe('the Electron shell builds without the Electron binary', () => {
  let electron: Mock;
  let appPath: string;
  const env = { ...process.env };
  // Kept for the whole file (the helpers' temp dirs go after each test).
  const dirs: string[] = [];
  const tempDir = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'mnemo-electron-')));
    return dirs.at(-1)!;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['node_modules/.bin/electron-vite', 'build'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    // The built main process, run against a stand-in for Electron on a fresh data folder.
    appPath = tempDir();
    mkdirSync(join(appPath, 'decks'));
    mkdirSync(join(appPath, 'out', 'renderer'), { recursive: true });
    writeFileSync(join(appPath, 'out', 'renderer', 'index.html'), '<!doctype html>');
    process.env.MNEMO_DATA_DIR = tempDir();
    electron = installElectronMock(appPath, tempDir());
    await import(pathToFileURL(join(ROOT, 'out/main/index.js')).href);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(electron.errors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await electron?.emit('window-all-closed'); // stops backups, closes the collection, frees the lock
    process.env = env;
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('opens one hardened window on its own page', () => {
    const [win] = electron.windows;
    expect(win!.options.webPreferences).toEqual({
      preload: join(ROOT, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(win!.url).toBe('app://mnemo/index.html');
  });

  it('blocks navigation away from app://mnemo/ and every new window; only web links open, in the browser', () => {
    const listeners = new Map<string, Handler>();
    let openHandler: Handler | undefined;
    const contents = {
      on: (event: string, fn: Handler) => listeners.set(event, fn),
      setWindowOpenHandler: (fn: Handler) => {
        openHandler = fn;
      },
    };
    electron.emit('web-contents-created', {}, contents);
    const navigate = listeners.get('will-navigate')!;
    const blocked = (url: string) => {
      let prevented = false;
      navigate({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(blocked('app://mnemo/index.html')).toBe(false);
    expect(blocked('app://mnemo/#/browse')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://mnemo.evil.example/',
      'app://mnemo',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      expect(blocked(url), url).toBe(true);
    }

    for (const url of ['https://docs.docker.com/network/', 'http://example.com/']) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    for (const url of [
      'file:///etc/passwd',
      'app://mnemo/index.html',
      'javascript:alert(1)',
      'smb://host/x',
    ]) {
      expect(openHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(electron.opened).toEqual(['https://docs.docker.com/network/', 'http://example.com/']);
  });

  it('denies every permission request', () => {
    const decisions: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      electron.permission()!({}, permission, (granted: boolean) => decisions.push(granted));
    }
    expect(decisions).toEqual([false, false, false, false]);
  });

  it('answers IPC only from its own window showing its own page, and only the renderer’s methods', async () => {
    const own = electron.windows[0]!.webContents;
    const call = electron.ipc.get('mnemo:call') as Handler;
    const page = { url: 'app://mnemo/index.html' };
    const ok = (await call({ sender: own, senderFrame: page }, 'decks.list', {})) as { ok: boolean };
    expect(ok).toMatchObject({ ok: true, result: { decks: [] } });
    expect(await call({ sender: own, senderFrame: page }, 'notes.add', {})).toMatchObject({
      ok: false,
      error: { type: 'NotFound' },
    });
    // Every channel refuses another window, or our window showing another page, before doing anything.
    expect(electron.ipc.size).toBeGreaterThanOrEqual(2);
    for (const [channel, handler] of electron.ipc) {
      for (const event of [
        { sender: { id: 2 }, senderFrame: page },
        { sender: own, senderFrame: { url: 'https://evil.example/' } },
        { sender: own, senderFrame: null },
      ]) {
        expect(await (handler as Handler)(event, 'decks.list', {}), channel).toMatchObject({
          ok: false,
          error: { type: 'Unauthorized' },
        });
      }
    }
    expect(electron.dialogs).toEqual([]);
  });

  it('app:// serves the renderer folder and nothing outside it', async () => {
    const handle = electron.protocols.get('app') as (r: { url: string }) => Promise<Response> | Response;
    await handle({ url: 'app://mnemo/index.html' });
    expect(electron.fetched).toEqual([pathToFileURL(join(appPath, 'out', 'renderer', 'index.html')).href]);
    for (const url of [
      'app://mnemo/%2e%2e/%2e%2e/etc/passwd',
      'app://mnemo/..%2Fdecks',
      'app://other/index.html',
    ]) {
      expect((await handle({ url })).status, url).toBe(404);
    }
    expect((await handle({ url: 'app://mnemo/media/missing.png' })).status).toBe(404);
    expect(electron.fetched).toHaveLength(1);
  });

  it('the preload is CommonJS (so the sandbox can stay on) and exposes only functions that invoke IPC', () => {
    const preload = readFileSync(`${ROOT}out/preload/index.cjs`, 'utf8');
    expect(preload).not.toMatch(/^\s*import\s/m);
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: unknown[][] = [];
    const required: string[] = [];
    const fakeElectron = {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api),
      },
      ipcRenderer: { invoke: (...args: unknown[]) => invoked.push(args), on() {} },
    };
    const require = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`the preload requires ${name}`);
      return fakeElectron;
    };
    runInNewContext(preload, { require, module: { exports: {} }, exports: {} });
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['mnemo']);
    const bridge = exposed.get('mnemo')!;
    for (const [name, value] of Object.entries(bridge)) expect(typeof value, name).toBe('function');
    (bridge.call as (m: string, a: unknown) => void)('decks.list', { x: 1 });
    expect(invoked).toEqual([['mnemo:call', 'decks.list', { x: 1 }]]);
  });

  it("has the import's replay worker where the built core looks for it, and that worker replays", () => {
    // The built module holding the core's look-up (core/import/replay/thread.ts): a chunk of
    // out/main/chunks/ or the main bundle itself. It tries beside itself, then one folder up.
    const main = join(ROOT, 'out', 'main');
    const built = [
      join(main, 'index.js'),
      ...readdirSync(join(main, 'chunks')).map((f) => join(main, 'chunks', f)),
    ].filter((f) => readFileSync(f, 'utf8').includes('"../replay-worker.mjs"'));
    expect(built).toHaveLength(1);
    const found = ['./replay-worker.mjs', '../replay-worker.mjs']
      .map((p) => new URL(p, pathToFileURL(built[0]!)))
      .find((u) => existsSync(fileURLToPath(u)));
    expect(found && fileURLToPath(found)).toBe(join(main, 'replay-worker.mjs'));

    // That file, started as the core starts it, replays 300 cards as the importing thread does.
    const m = tempMnemo();
    const preset = m.col.preset(1)!;
    const time = studyTime(4);
    const writes = new WorkerWrites(4, time, { entry: found!.href });
    const rand = seededRandom(5);
    const got: (Replayed | null)[] = [];
    const want: (Replayed | null)[] = [];
    const DAY = 86_400_000;
    const now = Date.parse('2026-11-29T10:00:00+08:00');
    for (let id = 1; id <= 300; id++) {
      const rows = Array.from({ length: 1 + (id % 7) }, (_e, i) => ({
        rating: 1 + Math.floor(rand() * 4),
        reviewedAt: now - 100 * DAY + i * 3 * DAY + Math.floor(rand() * DAY),
        kind: 'review',
      }));
      const job = { preset, card: { id, created_at: now - 200 * DAY }, rows };
      writes.add(job, (r) => got.push(r));
      want.push(replayOne(preset, 4, time, job.card, rows.map(toEntry)));
    }
    writes.drain();
    expect(writes.close().byWorker).toBe(300);
    // Each card's own rows and final state (a worker's batch holds several cards).
    const own = (list: (Replayed | null)[]) =>
      list.map((r, k) =>
        Array.from({ length: 1 + ((k + 1) % 7) }, (_e, i) => [
          r!.batch.texts[r!.batch.before[r!.offset + i]!],
          r!.batch.texts[r!.batch.after[r!.offset + i]!],
          r!.batch.states[r!.offset + i],
        ]).concat([[JSON.stringify(r!.final)]]),
      );
    expect(own(got)).toEqual(own(want));
    m.close();
  });

  it("has the first compile's parse worker where the built core looks for it, and that worker reads", () => {
    const main = join(ROOT, 'out', 'main');
    const built = [
      join(main, 'index.js'),
      ...readdirSync(join(main, 'chunks')).map((f) => join(main, 'chunks', f)),
    ].filter((f) => readFileSync(f, 'utf8').includes('"../parse-worker.mjs"'));
    expect(built).toHaveLength(1);
    const found = ['./parse-worker.mjs', '../parse-worker.mjs']
      .map((p) => new URL(p, pathToFileURL(built[0]!)))
      .find((u) => existsSync(fileURLToPath(u)));
    expect(found && fileURLToPath(found)).toBe(join(main, 'parse-worker.mjs'));

    // Started as the core starts it, it reads the bundled decks as the compiling thread does.
    expectWorkerReadsAsCompiler(found!.href, join(ROOT, 'decks'));
  });

  it('the page has a CSP without eval', () => {
    const html = readFileSync(`${ROOT}out/renderer/index.html`, 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).not.toMatch(/unsafe-eval/);
  });
});
