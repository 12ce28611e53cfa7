/**
 * The replay worker's thread: started from a small CommonJS boot script that loads tsx's
 * loader when the worker's module is TypeScript (the CLI registers tsx on its own thread
 * only), then the module. A large package's reader starts one ahead (`prestartReplayThread`)
 * so it has loaded by the time the import needs it; one nobody takes soon is stopped.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';

export interface ReplayThread {
  worker: Worker;
  /** Jobs go out and answers come back on this port. */
  port: MessagePort;
  /** Bumped and notified by the worker after each answer. */
  signal: Int32Array;
}

/** Below this many review rows an import replays in place: a thread would cost more than it saves. */
export const WORKER_REVIEWS = 20_000;

/** A thread started ahead and not taken within this time is stopped. */
const SPARE_MS = 60_000;

const BOOT = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.loader) (await import(workerData.loader)).register();
  await import(workerData.entry);
})().catch((e) => {
  workerData.port.postMessage({ error: String((e && e.stack) || e) });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
});`;

/**
 * The worker's module: built beside the runtime bundle (dist/runtime/replay-worker.mjs, see
 * scripts/build-runtime.mjs) or beside Electron's main bundle (out/main/replay-worker.mjs,
 * see electron.vite.config.ts; this code may sit in a chunk in out/main/chunks/, hence one
 * folder up too), or the TypeScript source beside this one run through tsx; a bundle that
 * has none of them replays in place.
 */
export function workerEntry(): { entry: string; loader?: string } | null {
  for (const path of ['./replay-worker.mjs', '../replay-worker.mjs']) {
    const built = new URL(path, import.meta.url);
    if (built.protocol === 'file:' && existsSync(fileURLToPath(built))) return { entry: built.href };
  }
  const source = new URL('./worker.ts', import.meta.url);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return null;
  try {
    // tsx's ESM entry (its CommonJS one cannot be imported), found beside its package.json.
    const pkg = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
    const loader = new URL('dist/esm/api/index.mjs', pkg);
    return existsSync(fileURLToPath(loader)) ? { entry: source.href, loader: loader.href } : null;
  } catch {
    return null;
  }
}

/** A new replay thread, or null where none can run. `entry`: another module (tests). */
export function startReplayThread(entry?: string): ReplayThread | null {
  const found = entry ? { entry } : workerEntry();
  if (!found) return null;
  try {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { ...found, port: port2, signal },
      // Replay's objects die young. With a 4 MB young generation the thread stopped for 3,800
      // scavenges over a million rows, and the import waited for it longer: in four pairs of
      // runs 32 MB cut that wait from 2.3–2.9 s to 1.7–2.1 s and the import by about 2 s, for
      // 15–60 MB more peak memory (the import stays under 630 MB).
      resourceLimits: { maxYoungGenerationSizeMb: 32 },
      // None of the process's flags: one like --input-type=module would make the boot script
      // ESM and kill the thread before it could say so (tsx is registered by the script).
      execArgv: [],
      transferList: [port2],
    });
    worker.unref();
    // Errors come as messages; an 'error' event (the thread dying) must not crash the process.
    worker.on('error', () => {});
    return { worker, port: port1, signal };
  } catch {
    return null;
  }
}

export function stopReplayThread(thread: ReplayThread): void {
  void thread.worker.terminate();
  thread.port.close();
}

let spare: { thread: ReplayThread; timer: NodeJS.Timeout } | null = null;

/** Starts a replay thread now for an import about to need one. */
export function prestartReplayThread(): void {
  if (spare) return;
  const thread = startReplayThread();
  if (!thread) return;
  const timer = setTimeout(() => {
    if (spare?.thread === thread) spare = null;
    stopReplayThread(thread);
  }, SPARE_MS);
  timer.unref();
  spare = { thread, timer };
}

/** The thread started ahead, if any, else a new one. */
export function takeReplayThread(): ReplayThread | null {
  if (!spare) return startReplayThread();
  const { thread, timer } = spare;
  spare = null;
  clearTimeout(timer);
  return thread;
}
