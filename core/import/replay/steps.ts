/**
 * Step jobs: a sync merge's cards stepped through their new answers (core/scheduler/
 * step-card.ts) on the replay worker, packed like the import's replay jobs (typed arrays,
 * presets sent once each) and answered with the same ReplayBatch, plus each answer's lapse
 * count when it added one (the merge's leech check reads it).
 */
import type { FsrsColumns, PresetRow } from '../../model/types.ts';
import { type StepInput, stepCard } from '../../scheduler/step-card.ts';
import type { StudyTime } from '../../scheduler/study-time.ts';
import {
  COLUMN_SLOTS,
  columnsAt,
  finalState,
  pushColumns,
  type ReplayBatch,
  ReplayBatchBuilder,
  type Replayed,
} from './replay.ts';

/** One card's stepping, as the merge hands it over. */
export interface StepJob {
  cardId: number;
  createdAt: number;
  seed: string;
  start: FsrsColumns | null;
  /** Per answer: time, rating (0: reset), preset and day-start hour. */
  at: number[];
  rating: number[];
  presets: PresetRow[];
  hours: number[];
}

export interface StepMessage {
  kind: 'steps';
  dayStartHour: number;
  /** Presets first used by this job, appended to those sent before. */
  presets: PresetRow[];
  /** Per card (CARD_SLOTS numbers): id, created_at, answers, has a start row, then its columns. */
  cards: Float64Array;
  seeds: string[];
  /** Per answer: time, rating, preset index, day-start hour. */
  times: Float64Array;
  ratings: Uint8Array;
  presetIndex: Uint32Array;
  hours: Uint8Array;
}

/** The FsrsColumns in a fixed order (last_review null travels as NaN). */
export const FSRS_COLUMNS = [
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'state',
  'last_review',
] as const satisfies readonly (keyof FsrsColumns)[];

/** A card's FsrsColumns as values in FSRS_COLUMNS' order (as a cards INSERT lists them). */
export const fsrsValues = (s: FsrsColumns) => FSRS_COLUMNS.map((c) => s[c]);
const CARD_SLOTS = 4 + COLUMN_SLOTS;

/** A batch of stepped cards: per answer, its lapse count when it added a lapse, else 0. */
export type StepBatch = ReplayBatch & { lapsed: Int32Array };
export type Stepped = Replayed & { batch: StepBatch };

/** Builds a StepBatch card by card (the texts shared as ReplayBatchBuilder shares them). */
export class StepBatchBuilder extends ReplayBatchBuilder {
  private readonly lapsed: number[] = [];

  constructor(
    dayStartHour: number,
    time: StudyTime,
    private readonly timeFor: (hour: number) => StudyTime,
  ) {
    super(dayStartHour, time);
  }

  addSteps(input: StepInput): void {
    const final = stepCard(input, this.time, this.timeFor, (before, after) => {
      this.push(before, after);
      this.lapsed.push(after.lapses > before.lapses ? after.lapses : 0);
    });
    this.finish(final);
  }

  override build(): StepBatch {
    return { ...super.build(), lapsed: Int32Array.from(this.lapsed) };
  }
}

const inputOf = (job: StepJob): StepInput => ({
  cardId: job.cardId,
  createdAt: job.createdAt,
  seed: job.seed,
  start: job.start,
  at: job.at,
  rating: job.rating,
  preset: (i) => job.presets[i]!,
  hour: (i) => job.hours[i]!,
});

/** One card stepped in place (a small merge). */
export function stepOne(
  job: StepJob,
  dayStartHour: number,
  time: StudyTime,
  timeFor: (hour: number) => StudyTime,
): Stepped {
  const builder = new StepBatchBuilder(dayStartHour, time, timeFor);
  builder.addSteps(inputOf(job));
  const batch = builder.build();
  return { batch, offset: 0, final: finalState(batch, 0) };
}

/** Collects step jobs into one message. */
export class StepPacker {
  private cards: number[] = [];
  private seeds: string[] = [];
  private times: number[] = [];
  private ratings: number[] = [];
  private presetIndex: number[] = [];
  private hours: number[] = [];
  private newPresets: PresetRow[] = [];
  private readonly index = new Map<PresetRow, number>();
  count = 0;
  entries = 0;

  add(job: StepJob): void {
    this.cards.push(job.cardId, job.createdAt, job.at.length, job.start ? 1 : 0);
    if (job.start) pushColumns(this.cards, job.start);
    else for (let i = 0; i < COLUMN_SLOTS; i++) this.cards.push(Number.NaN);
    this.seeds.push(job.seed);
    for (let i = 0; i < job.at.length; i++) {
      const preset = job.presets[i]!;
      let p = this.index.get(preset);
      if (p === undefined) {
        p = this.index.size;
        this.index.set(preset, p);
        this.newPresets.push(preset);
      }
      this.times.push(job.at[i]!);
      this.ratings.push(job.rating[i]!);
      this.presetIndex.push(p);
      this.hours.push(job.hours[i]!);
    }
    this.count++;
    this.entries += job.at.length;
  }

  take(dayStartHour: number): StepMessage {
    const message: StepMessage = {
      kind: 'steps',
      dayStartHour,
      presets: this.newPresets,
      cards: Float64Array.from(this.cards),
      seeds: this.seeds,
      times: Float64Array.from(this.times),
      ratings: Uint8Array.from(this.ratings),
      presetIndex: Uint32Array.from(this.presetIndex),
      hours: Uint8Array.from(this.hours),
    };
    this.cards = [];
    this.seeds = [];
    this.times = [];
    this.ratings = [];
    this.presetIndex = [];
    this.hours = [];
    this.newPresets = [];
    this.count = 0;
    this.entries = 0;
    return message;
  }
}

/** Steps every card of a message (on the worker, or here when there is none), in order. */
export function stepMessage(
  message: StepMessage,
  presets: readonly PresetRow[],
  time: StudyTime,
  timeFor: (hour: number) => StudyTime,
): StepBatch {
  const builder = new StepBatchBuilder(message.dayStartHour, time, timeFor);
  let e = 0;
  for (let c = 0, k = 0; c < message.cards.length; c += CARD_SLOTS, k++) {
    const n = message.cards[c + 2]!;
    const start = message.cards[c + 3] === 1 ? columnsAt(message.cards, c + 4) : null;
    const first = e;
    builder.addSteps({
      cardId: message.cards[c]!,
      createdAt: message.cards[c + 1]!,
      seed: message.seeds[k]!,
      start,
      at: message.times.subarray(first, first + n),
      rating: message.ratings.subarray(first, first + n),
      preset: (i) => presets[message.presetIndex[first + i]!]!,
      hour: (i) => message.hours[first + i]!,
    });
    e += n;
  }
  return builder.build();
}
