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
 * A large sync merge hands its cards' steps to the same worker the same way (STEP_JOBS).
 */
import { receiveMessageOnPort } from 'node:worker_threads';
import type { PresetRow } from '../../model/types.ts';
import { type StudyTime, studyTimes } from '../../scheduler/study-time.ts';
import type { ReviewSpan } from '../review-span.ts';
import { type JobMessage, JobPacker, type ReplyMessage, unpackJob } from './protocol.ts';
import {
  batchCards,
  entriesOf,
  finalState,
  type LogRow,
  type ReplayBatch,
  ReplayBatchBuilder,
  type ReplayCard,
  type Replayed,
  replayOne,
} from './replay.ts';
import { type StepJob, type StepMessage, StepPacker, stepMessage } from './steps.ts';
import { type ReplayThread, startReplayThread, stopReplayThread, takeReplayThread } from './thread.ts';

export interface CardJob {
  preset: PresetRow;
  card: ReplayCard;
  /** Its log, oldest first. */
  rows: readonly LogRow[] | ReviewSpan;
}

export interface ReplayStats {
  byWorker: number;
  waitedMs: number;
}

export interface CardWrites<J = CardJob> {
  /** Runs `write` with the card's replay (null when it needs none) now or later, in the order added. */
  add(job: J | null, write: (replayed: Replayed | null) => void): void;
  /** Runs every write still waiting (before anything reads or writes what they would). */
  drain(): void;
  /** Stops the worker, if any; says how many cards it replayed and how long it was waited for. */
  close(): ReplayStats;
}

/** Every write at once, its replay done in place. */
export function inlineWrites(dayStartHour: number, time: StudyTime): CardWrites {
  return {
    add: (job, write) =>
      write(job && replayOne(job.preset, dayStartHour, time, job.card, entriesOf(job.rows))),
    drain() {},
    close: () => ({ byWorker: 0, waitedMs: 0 }),
  };
}

/** What the worker is sent: an import's replays, or a merge's steps (steps.ts). */
type WorkerJob = JobMessage | StepMessage;

/** A kind of job: how it is packed for the worker, and replayed here when there is none. */
export interface JobKind<J> {
  packer(): {
    count: number;
    entries: number;
    add(job: J): void;
    take(dayStartHour: number): WorkerJob;
  };
  here(message: WorkerJob, presets: readonly PresetRow[], time: StudyTime): ReplayBatch;
}

/** An import's cards, replayed from their logs (the default). */
const IMPORT_JOBS: JobKind<CardJob> = {
  packer: () => new JobPacker(),
  here(message, presets, time) {
    const builder = new ReplayBatchBuilder(message.dayStartHour, time);
    unpackJob(message as JobMessage, (preset, card, entries) => builder.add(presets[preset]!, card, entries));
    return builder.build();
  },
};

/** A merge's cards, stepped through their new answers. */
export const STEP_JOBS: JobKind<StepJob> = {
  packer: () => new StepPacker(),
  here: (message, presets, time) => stepMessage(message as StepMessage, presets, time, studyTimes(time)),
};

/** A job is sent once it holds this many entries (or cards). */
const JOB_ENTRIES = 4096;
const JOB_CARDS = 1024;
/** Jobs sent and not yet answered before the importing thread waits: bounds the memory held. */
const WINDOW = 6;
/**
 * No answer for this long: the worker is taken for stuck (or dead: its 'exit' event cannot
 * reach a thread that is waiting) and its jobs are replayed here. A job takes well under a
 * second, the first one with the thread's start a few.
 */
const STALL_MS = 30_000;

interface Pending {
  write: (replayed: Replayed | null) => void;
  /** The job holding its replay, or -1 for a write that needs none. */
  job: number;
  card: number;
  offset: number;
}

export interface WorkerOptions<J> {
  /** The worker's module (tests name one that cannot load); default the one beside this. */
  entry?: string;
  /** The kind of job (default: an import's replays). */
  kind?: JobKind<J>;
  /**
   * Run no write before `drain` and send every job at once (no window): a merge sends all its
   * cards, then stores its events while the worker steps them, then writes.
   */
  writeOnDrain?: boolean;
  /** A thread already taken (a merge asked it for its bulk reads first); null: none could start. */
  thread?: ReplayThread | null;
  /**
   * Called instead of waiting when a write's replay is not in yet: returns whether it did
   * some work of its own (then the worker is polled again before waiting). A merge stores
   * the log rows it holds, which it would otherwise store after the last answer came.
   */
  idle?: () => boolean;
}

export class WorkerWrites<J = CardJob> implements CardWrites<J> {
  private readonly kind: JobKind<J>;
  private readonly packer: ReturnType<JobKind<J>['packer']>;
  private readonly window: number;
  private readonly writeOnDrain: boolean;
  private readonly idle: (() => boolean) | undefined;
  private readonly pending: Pending[] = [];
  private head = 0;
  /** Jobs sent and their answers, by job number (freed once their writes ran). */
  private readonly sent = new Map<number, WorkerJob>();
  private readonly answers = new Map<number, ReplayBatch>();
  private nextJob = 0;
  private nextAnswer = 0;
  /** Cards the worker replayed (the rest, if any, were replayed here). */
  private byWorker = 0;
  /** Jobs below this are freed. */
  private freed = 0;
  private readonly presets: PresetRow[] = [];
  private thread: ReplayThread | null;
  /** Time spent waiting for the worker (ms). */
  private waitedMs = 0;

  constructor(
    private readonly dayStartHour: number,
    private readonly time: StudyTime,
    options: WorkerOptions<J> = {},
  ) {
    this.kind = options.kind ?? (IMPORT_JOBS as unknown as JobKind<J>);
    this.packer = this.kind.packer() as ReturnType<JobKind<J>['packer']>;
    this.writeOnDrain = options.writeOnDrain ?? false;
    this.idle = options.idle;
    this.window = this.writeOnDrain ? Number.POSITIVE_INFINITY : WINDOW;
    this.thread =
      options.thread !== undefined
        ? options.thread
        : options.entry
          ? startReplayThread(options.entry)
          : takeReplayThread();
  }

  add(job: J | null, write: (replayed: Replayed | null) => void): void {
    if (job === null && this.head === this.pending.length && !this.writeOnDrain) {
      write(null);
      return;
    }
    if (job) {
      this.pending.push({ write, job: this.nextJob, card: this.packer.count, offset: this.packer.entries });
      this.packer.add(job);
      if (this.packer.entries >= JOB_ENTRIES || this.packer.count >= JOB_CARDS) this.send();
    } else this.pending.push({ write, job: -1, card: 0, offset: 0 });
    if (!this.writeOnDrain) this.flush(false);
  }

  drain(): void {
    this.send();
    this.flush(true);
  }

  close(): ReplayStats {
    this.stopWorker();
    return { byWorker: this.byWorker, waitedMs: this.waitedMs };
  }

  private send(): void {
    if (this.packer.count === 0) return;
    const job = this.packer.take(this.dayStartHour);
    this.presets.push(...job.presets);
    const n = this.nextJob++;
    this.sent.set(n, job);
    if (this.thread) this.thread.port.postMessage(job);
    else this.answerHere();
  }

  /** Replays here every job sent and not answered (no worker, or it failed). */
  private answerHere(): void {
    for (; this.nextAnswer < this.nextJob; this.nextAnswer++)
      this.answers.set(
        this.nextAnswer,
        this.kind.here(this.sent.get(this.nextAnswer)!, this.presets, this.time),
      );
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
          const must = all || this.nextJob - this.nextAnswer >= this.window;
          if (!this.receive(false)) {
            if (!must) return;
            // Work of the caller's own instead of waiting, then poll again.
            if (!this.idle?.()) this.receive(true);
          }
          batch = this.answers.get(p.job);
        }
        this.head++;
        p.write({ batch, offset: p.offset, final: finalState(batch, p.card) });
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
      const thread = this.thread;
      if (!thread) {
        this.answerHere();
        return true;
      }
      const seen = Atomics.load(thread.signal, 0);
      const got = receiveMessageOnPort(thread.port);
      if (got) {
        const message = got.message as ReplyMessage;
        if ('batch' in message) {
          this.byWorker += batchCards(message.batch);
          this.answers.set(this.nextAnswer++, message.batch);
          return true;
        }
        if ('error' in message) this.stopWorker();
        continue;
      }
      if (!block) return false;
      const t = performance.now();
      const waited = Atomics.wait(thread.signal, 0, seen, STALL_MS);
      this.waitedMs += performance.now() - t;
      if (waited === 'timed-out') this.stopWorker();
    }
  }

  private stopWorker(): void {
    if (this.thread) stopReplayThread(this.thread);
    this.thread = null;
  }
}
