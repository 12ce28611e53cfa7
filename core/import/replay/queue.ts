/**
 * Where an import's card writes wait for their replays. A card whose state or review rows
 * need its log replayed is written once the replay is done; every write runs in the order it
 * was added, so rows get the same ids (cards) and sequence numbers (review log) whichever
 * way the replays ran.
 *
 * Small imports replay in place (`inlineWrites`). A large one hands the replays to a worker
 * thread (`WorkerWrites`) and keeps storing rows meanwhile: replay is about as much work as
 * storing, so on two cores the two overlap. The import runs inside one synchronous
 * transaction, so the importing thread never yields to its event loop: it polls the port
 * with receiveMessageOnPort and, when it must wait, sleeps on a shared counter the worker
 * bumps after each answer. If the worker cannot start or stops answering, the jobs it has
 * not answered are replayed here, with the same code: the worker only ever saves time.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PresetRow } from '../../model/types.ts';
import type { StudyTime } from '../../scheduler/study-time.ts';
import { type JobMessage, JobPacker, type ReplyMessage, unpackJob } from './protocol.ts';
import {
  type ReplayBatch,
  ReplayBatchBuilder,
  type ReplayCard,
  type ReplayEntry,
  type Replayed,
  replayOne,
} from './replay.ts';

export interface CardJob {
  preset: PresetRow;
  card: ReplayCard;
  entries: ReplayEntry[];
}

export interface CardWrites {
  /** Runs `write` with the card's replay (null when it needs none) now or later, in the order added. */
  add(job: CardJob | null, write: (replayed: Replayed | null) => void): void;
  /** Runs every write still waiting (before anything reads or writes what they would). */
  drain(): void;
  /** Stops the worker, if any; returns how many cards the worker replayed. */
  close(): number;
}

/** Every write at once, its replay done in place. */
export function inlineWrites(dayStartHour: number, time: StudyTime): CardWrites {
  return {
    add: (job, write) => write(job && replayOne(job.preset, dayStartHour, time, job.card, job.entries)),
    drain() {},
    close: () => 0,
  };
}

/** A job is sent once it holds this many entries (or cards). */
const JOB_ENTRIES = 4096;
const JOB_CARDS = 1024;
/** Jobs sent and not yet answered before the importing thread waits: bounds the memory held. */
const WINDOW = 12;
/** No answer for this long: the worker is taken for stuck and its jobs replayed here. */
const STALL_MS = 120_000;

// Plain CommonJS, evaluated: it loads tsx's loader when the worker's module is TypeScript
// (the CLI registers tsx on its own thread only), then the module.
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

/** The worker's module beside this one (a bundle that leaves it out replays in place). */
function workerEntry(): { entry: string; loader?: string } | null {
  const source = new URL('./worker.ts', import.meta.url);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return null;
  try {
    // tsx's ESM entry (its CommonJS one cannot be imported): resolved as Node resolves it.
    const loader = new URL(
      'dist/esm/api/index.mjs',
      pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
    ).href;
    return existsSync(fileURLToPath(loader)) ? { entry: source.href, loader } : null;
  } catch {
    return null;
  }
}

interface Pending {
  write: (replayed: Replayed | null) => void;
  /** The job holding its replay, or -1 for a write that needs none. */
  job: number;
  card: number;
  offset: number;
}

export class WorkerWrites implements CardWrites {
  private readonly packer = new JobPacker();
  private readonly pending: Pending[] = [];
  private head = 0;
  /** Jobs sent and their answers, by job number (freed once their writes ran). */
  private readonly sent = new Map<number, JobMessage>();
  private readonly answers = new Map<number, ReplayBatch>();
  private nextJob = 0;
  private nextAnswer = 0;
  /** Cards the worker replayed (the rest, if any, were replayed here). */
  private byWorker = 0;
  /** Jobs below this are freed. */
  private freed = 0;
  private readonly presets: PresetRow[] = [];
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly dayStartHour: number,
    private readonly time: StudyTime,
    /** The worker's module (tests name one that cannot load); default the one beside this. */
    options: { entry?: string } = {},
  ) {
    const found = options.entry ? { entry: options.entry } : workerEntry();
    if (!found) return;
    try {
      const { port1, port2 } = new MessageChannel();
      this.worker = new Worker(BOOT, {
        eval: true,
        workerData: { ...found, port: port2, signal: this.signal, dayStartHour },
        transferList: [port2],
      });
      this.worker.unref();
      // Errors come as messages; an 'error' event (the thread dying) must not crash the process.
      this.worker.on('error', () => {});
      this.port = port1;
    } catch {
      this.stopWorker();
    }
  }

  add(job: CardJob | null, write: (replayed: Replayed | null) => void): void {
    if (job === null && this.head === this.pending.length) {
      write(null);
      return;
    }
    if (job) {
      this.pending.push({ write, job: this.nextJob, card: this.packer.count, offset: this.packer.entries });
      this.packer.add(job.preset, job.card, job.entries);
      if (this.packer.entries >= JOB_ENTRIES || this.packer.count >= JOB_CARDS) this.send();
    } else this.pending.push({ write, job: -1, card: 0, offset: 0 });
    this.flush(false);
  }

  drain(): void {
    this.send();
    this.flush(true);
  }

  close(): number {
    this.stopWorker();
    return this.byWorker;
  }

  private send(): void {
    if (this.packer.count === 0) return;
    const job = this.packer.take();
    this.presets.push(...job.presets);
    const n = this.nextJob++;
    this.sent.set(n, job);
    if (this.port) this.port.postMessage(job);
    else this.answerHere();
  }

  /** Replays here every job sent and not answered (no worker, or it failed). */
  private answerHere(): void {
    for (; this.nextAnswer < this.nextJob; this.nextAnswer++) {
      const builder = new ReplayBatchBuilder(this.dayStartHour, this.time);
      unpackJob(this.sent.get(this.nextAnswer)!, (preset, card, entries) =>
        builder.add(this.presets[preset]!, card, entries),
      );
      this.answers.set(this.nextAnswer, builder.build());
    }
  }

  /** Runs the writes at the head whose replays are in; with `all`, waits until none is left. */
  private flush(all: boolean): void {
    while (this.head < this.pending.length) {
      const p = this.pending[this.head]!;
      if (p.job >= 0) {
        if (p.job === this.nextJob) {
          if (!all) break;
          this.send();
        }
        let batch = this.answers.get(p.job);
        // Poll; wait only when told to, or when too many jobs are out.
        while (!batch) {
          const must = all || this.nextJob - this.nextAnswer >= WINDOW;
          if (!this.receive(must) && !must) return;
          batch = this.answers.get(p.job);
        }
        this.head++;
        p.write({ batch, offset: p.offset, final: batch.finals[p.card]! });
      } else {
        this.head++;
        p.write(null);
      }
      // Writes run in job order: the jobs before this one are done with.
      for (; this.freed < p.job; this.freed++) {
        this.answers.delete(this.freed);
        this.sent.delete(this.freed);
      }
      if (this.head === this.pending.length) {
        this.pending.length = 0;
        this.head = 0;
      } else if (this.head >= 4096) {
        this.pending.splice(0, this.head);
        this.head = 0;
      }
    }
  }

  /** Takes one answer from the worker; false if none came (only without `block`). */
  private receive(block: boolean): boolean {
    for (;;) {
      if (!this.port) {
        this.answerHere();
        return true;
      }
      const seen = Atomics.load(this.signal, 0);
      const got = receiveMessageOnPort(this.port);
      if (got) {
        const message = got.message as ReplyMessage;
        if ('batch' in message) {
          this.byWorker += message.batch.finals.length;
          this.answers.set(this.nextAnswer++, message.batch);
          return true;
        }
        if ('error' in message) this.stopWorker();
        continue;
      }
      if (!block) return false;
      if (Atomics.wait(this.signal, 0, seen, STALL_MS) === 'timed-out') this.stopWorker();
    }
  }

  private stopWorker(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
  }
}
