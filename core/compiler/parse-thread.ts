/**
 * Deck files read ahead on a second thread while the compiling thread stores the files
 * before them (first-compile.ts). Both threads take files from one shared counter: the
 * compiling thread reads a file itself whenever the one it needs next is not ready (while
 * the thread starts, or when storing outruns reading), so the work splits itself between them
 * and a thread that cannot start, or stops answering, only costs the time it saved.
 *
 * The compile runs inside one synchronous transaction: the compiling thread polls the port
 * with receiveMessageOnPort and sleeps on a shared signal the worker bumps after each file.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { readSourceRows, type SourceRows } from './source-rows.ts';

/** No word from the thread for this long while it holds the file needed next: read it here. */
const STALL_MS = 10_000;

const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.entry).catch((e) => {
  workerData.port.postMessage({ error: String((e && e.stack) || e) });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
});`;

/** How the worker is started: a built module, or the sources bundled into one script. */
export type WorkerCode = { entry: string } | { script: string };

/** The TypeScript source bundled once per process (a few tens of ms, mostly in esbuild's own process). */
let bundled: string | null | undefined;

/**
 * The worker's code: built beside the runtime bundle or Electron's main bundle (one folder
 * up from a chunk); from the TypeScript sources (tests, benches), bundled by esbuild, a
 * development dependency like tsx (a worker loading the sources through tsx took several
 * times longer to start: its loader runs a thread of its own); null when neither is there.
 */
export function workerCode(): WorkerCode | null {
  for (const path of ['./parse-worker.mjs', '../parse-worker.mjs']) {
    const built = new URL(path, import.meta.url);
    if (built.protocol === 'file:' && existsSync(fileURLToPath(built))) return { entry: built.href };
  }
  const source = new URL('./parse-worker.ts', import.meta.url);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return null;
  const require = createRequire(import.meta.url);
  if (bundled === undefined) {
    try {
      const esbuild = require('esbuild') as typeof import('esbuild');
      const out = esbuild.buildSync({
        entryPoints: [fileURLToPath(source)],
        bundle: true,
        write: false,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        logLevel: 'silent',
      });
      bundled = out.outputFiles[0]?.text ?? null;
    } catch {
      bundled = null;
    }
  }
  return bundled ? { script: bundled } : null;
}

type Message = { index: number; rows: SourceRows | null } | { error: string };

export class ParseAhead {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  /** next[0]: the next file nobody has taken, for either thread. */
  private readonly next = new Int32Array(new SharedArrayBuffer(4));
  private readonly ready = new Map<number, SourceRows>();
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  /** How many files the other thread read (for the report on how the work split). */
  byWorker = 0;

  /** `code`: how to start the worker (tests name a built one). */
  constructor(
    private readonly files: readonly { path: string; deck: string }[],
    code = workerCode(),
  ) {
    if (!code) return;
    try {
      const { port1, port2 } = new MessageChannel();
      this.worker = new Worker('script' in code ? code.script : BOOT, {
        eval: true,
        workerData: { ...code, script: undefined, port: port2, signal: this.signal, next: this.next, files },
        // None of the process's flags (see core/import/replay/thread.ts).
        execArgv: [],
        transferList: [port2],
      });
      this.worker.unref();
      this.worker.on('error', () => {}); // a dead thread only means reading here
      this.port = port1;
    } catch {
      this.worker = null;
    }
  }

  /** File `index`'s rows: from the other thread, or read here. */
  take(index: number): SourceRows {
    let waitedSince = 0;
    for (;;) {
      const rows = this.ready.get(index);
      if (rows) {
        this.ready.delete(index);
        return rows;
      }
      const seen = Atomics.load(this.signal, 0);
      if (this.drain()) continue;
      const mine = Atomics.add(this.next, 0, 1);
      if (mine < this.files.length) {
        this.ready.set(mine, this.read(mine));
        continue;
      }
      // Every file is taken and this one is on the other thread: wait for it.
      waitedSince ||= performance.now();
      if (!this.port || performance.now() - waitedSince > STALL_MS) {
        this.close();
        this.ready.set(index, this.read(index));
        continue;
      }
      Atomics.wait(this.signal, 0, seen, 100);
    }
  }

  /** How many files neither thread has taken yet. */
  untaken(): number {
    return Math.max(0, this.files.length - Atomics.load(this.next, 0));
  }

  close(): void {
    if (this.worker) void this.worker.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
  }

  private read(index: number): SourceRows {
    const f = this.files[index]!;
    return readSourceRows(f.path, f.deck, existsSync);
  }

  /** Takes what the other thread has posted; whether there was anything. */
  private drain(): boolean {
    let any = false;
    for (
      let m = this.port && receiveMessageOnPort(this.port);
      m;
      m = this.port && receiveMessageOnPort(this.port)
    ) {
      any = true;
      const message = m.message as Message;
      if ('error' in message) {
        this.close(); // it could not start: everything is read here
        break;
      }
      if (message.rows) this.byWorker++;
      this.ready.set(message.index, message.rows ?? this.read(message.index));
    }
    return any;
  }
}
