/**
 * An imported card's log replayed through Mnemo's scheduler, as the review rows store it:
 * each entry's state before and after as JSON text, the state before's number, and the
 * card's final state. The same code runs on the importing thread (small imports) and on the
 * replay worker (core/import/replay/worker.ts), so both give the same rows byte for byte.
 *
 * Texts are shared: an entry's before is usually the previous entry's after, and a cram
 * answer's after is its before, so each distinct state is written (and sent between
 * threads) once and the entries point at it.
 */
import type { FsrsColumns, PresetRow } from '../../model/types.ts';
import { replayLog } from '../../scheduler/fsrs.ts';
import type { StudyTime } from '../../scheduler/study-time.ts';
import { CRAM_KIND, isSpan, type ReviewSpan } from '../review-span.ts';

/** What replay needs of an entry: cram answers do not schedule. */
export interface ReplayEntry {
  rating: number;
  reviewed_at: number;
  cram: boolean;
}

/** A log row as an import holds it (an ImportedReview is one). */
export interface LogRow {
  rating: number;
  reviewedAt: number;
  kind: string;
}

export const toEntry = (r: LogRow): ReplayEntry => ({
  rating: r.rating,
  reviewed_at: r.reviewedAt,
  cram: r.kind === 'cram',
});

/** A card's log as replay entries, from objects or a span of columns. */
export function entriesOf(rows: readonly LogRow[] | ReviewSpan): ReplayEntry[] {
  if (!isSpan(rows)) return rows.map(toEntry);
  const { columns: c, start, end } = rows;
  const out: ReplayEntry[] = new Array(end - start);
  for (let i = start; i < end; i++)
    out[i - start] = { rating: c.rating[i]!, reviewed_at: c.reviewedAt[i]!, cram: c.kind[i] === CRAM_KIND };
  return out;
}

/** What replay needs of a card: its id seeds the fuzz, its creation starts the log. */
export interface ReplayCard {
  id: number;
  created_at: number;
}

/** The replays of several cards (one card's when replayed in place), texts shared. */
export interface ReplayBatch {
  texts: string[];
  /** Per entry (all cards' entries in order): index into texts of its state before / after. */
  before: Int32Array;
  after: Int32Array;
  /** Per entry: the state (0–3) before it. */
  states: Uint8Array;
  /** Per card, its final state: COLUMN_SLOTS numbers (finalState reads them). */
  finals: Float64Array;
}

/** The numbers one FsrsColumns takes packed (pushColumns, columnsAt). */
export const COLUMN_SLOTS = 10;

/**
 * Appends the state's columns to `out`, in FSRS_COLUMNS' order (steps.ts), a null last review
 * as NaN (no time is NaN): how states cross between the threads, in step jobs and as final
 * states. Field by field: object spreads and keyed loops cost the merge far more.
 */
export function pushColumns(out: number[], s: FsrsColumns): void {
  out.push(
    s.due,
    s.stability,
    s.difficulty,
    s.elapsed_days,
    s.scheduled_days,
    s.learning_steps,
    s.reps,
    s.lapses,
    s.state,
    s.last_review ?? Number.NaN,
  );
}

/** The state packed at `k` by pushColumns, as a fresh object. */
export function columnsAt(a: Float64Array, k: number): FsrsColumns {
  const last = a[k + 9]!;
  return {
    due: a[k]!,
    stability: a[k + 1]!,
    difficulty: a[k + 2]!,
    elapsed_days: a[k + 3]!,
    scheduled_days: a[k + 4]!,
    learning_steps: a[k + 5]!,
    reps: a[k + 6]!,
    lapses: a[k + 7]!,
    state: a[k + 8]!,
    last_review: Number.isNaN(last) ? null : last,
  };
}

/**
 * A final state travels as numbers, not as an object: the receiving thread (the merging or
 * storing one, the busier of the two) then copies one typed array instead of rebuilding
 * objects (63,223 states: 24–30 ms against 40–60 ms in a side test), and each state it reads
 * is a fresh literal object.
 */
function packFinals(finals: readonly FsrsColumns[]): Float64Array {
  const out: number[] = [];
  for (const f of finals) pushColumns(out, f);
  return Float64Array.from(out);
}

/** The batch's `card`-th final state, as a fresh object. */
export const finalState = (batch: ReplayBatch, card: number): FsrsColumns =>
  columnsAt(batch.finals, card * COLUMN_SLOTS);

/** The cards a batch holds. */
export const batchCards = (batch: ReplayBatch): number => batch.finals.length / COLUMN_SLOTS;

/** One card's slice of a batch. */
export interface Replayed {
  batch: ReplayBatch;
  /** The index of the card's first entry in the batch's per-entry arrays. */
  offset: number;
  final: FsrsColumns;
}

/** A new card's empty state, due now (as a compiled card is). */
export const newState = (now: number): FsrsColumns => ({
  due: now,
  stability: 0,
  difficulty: 0,
  elapsed_days: 0,
  scheduled_days: 0,
  learning_steps: 0,
  reps: 0,
  lapses: 0,
  state: 0,
  last_review: null,
});

/**
 * Replays a card's log (oldest first): each entry's before/after and the final state.
 * Cram answers do not schedule, so they are carried over without a step.
 */
function replay(
  preset: PresetRow,
  dayStartHour: number,
  time: StudyTime,
  card: ReplayCard,
  entries: readonly ReplayEntry[],
  before: FsrsColumns[],
  after: FsrsColumns[],
): FsrsColumns {
  const scheduling: number[] = [];
  for (let i = 0; i < entries.length; i++) if (!entries[i]!.cram) scheduling.push(i);
  const log = scheduling.length === entries.length ? entries : scheduling.map((i) => entries[i]!);
  const final = replayLog(
    preset,
    card.id,
    card.created_at,
    log,
    dayStartHour,
    (i, b, a) => {
      before[scheduling[i]!] = b;
      after[scheduling[i]!] = a;
    },
    time,
  );
  let last: FsrsColumns | undefined;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i]!.cram) before[i] = after[i] = last ?? newState(card.created_at);
    last = after[i];
  }
  return final;
}

/** Builds a ReplayBatch card by card. */
export class ReplayBatchBuilder {
  private readonly texts: string[] = [];
  private readonly before: number[] = [];
  private readonly after: number[] = [];
  private readonly states: number[] = [];
  private readonly finals: FsrsColumns[] = [];

  constructor(
    protected readonly dayStartHour: number,
    /** The study-time mapping for dayStartHour, one for many replays (it caches the days it maps). */
    protected readonly time: StudyTime,
  ) {}

  /** The previous entry's after state and its text, within the card being added. */
  private last: FsrsColumns | undefined;
  private lastText = -1;

  add(preset: PresetRow, card: ReplayCard, entries: readonly ReplayEntry[]): void {
    const b: FsrsColumns[] = new Array(entries.length);
    const a: FsrsColumns[] = new Array(entries.length);
    const final = replay(preset, this.dayStartHour, this.time, card, entries, b, a);
    for (let i = 0; i < entries.length; i++) this.push(b[i]!, a[i]!);
    this.finish(final);
  }

  /** An entry of the card being added. */
  protected push(before: FsrsColumns, after: FsrsColumns): void {
    // Equal states give equal JSON (every FsrsColumns has its keys in one order): an
    // entry's before is the previous after object, so one text serves both.
    const beforeText = before === this.last ? this.lastText : this.texts.push(JSON.stringify(before)) - 1;
    const afterText = after === before ? beforeText : this.texts.push(JSON.stringify(after)) - 1;
    this.before.push(beforeText);
    this.after.push(afterText);
    this.states.push(before.state);
    this.last = after;
    this.lastText = afterText;
  }

  /** Ends the card being added with its final state. */
  protected finish(final: FsrsColumns): void {
    this.finals.push(final);
    this.last = undefined;
    this.lastText = -1;
  }

  build(): ReplayBatch {
    return {
      texts: this.texts,
      before: Int32Array.from(this.before),
      after: Int32Array.from(this.after),
      states: Uint8Array.from(this.states),
      finals: packFinals(this.finals),
    };
  }
}

/** One card replayed in place. */
export function replayOne(
  preset: PresetRow,
  dayStartHour: number,
  time: StudyTime,
  card: ReplayCard,
  entries: readonly ReplayEntry[],
): Replayed {
  const builder = new ReplayBatchBuilder(dayStartHour, time);
  builder.add(preset, card, entries);
  const batch = builder.build();
  return { batch, offset: 0, final: finalState(batch, 0) };
}
