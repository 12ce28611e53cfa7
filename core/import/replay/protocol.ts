/**
 * Replay jobs as they travel to the worker: cards and their entries packed in typed arrays
 * (a million small objects would cost more to copy than to replay), presets sent once each.
 */
import type { PresetRow } from '../../model/types.ts';
import type { CardReads } from '../../sync/batch-reads.ts';
import { CRAM_KIND, isSpan, type ReviewSpan } from '../review-span.ts';
import type { LogRow, ReplayBatch, ReplayCard, ReplayEntry } from './replay.ts';

export interface JobMessage {
  /** The collection's study-day start hour (replay counts days in study days). */
  dayStartHour: number;
  /** Presets first used by this job, appended to those sent before. */
  presets: PresetRow[];
  /** Per card: id, created_at, preset index, entry count. */
  cards: Float64Array;
  /** Per entry: reviewed_at. */
  times: Float64Array;
  /** Per entry: rating (0–4), plus 8 for a cram answer. */
  codes: Uint8Array;
}

/** `batch`: a StepBatch for a step job (steps.ts); `read`: a merge's bulk reads (core/sync/batch-reads.ts). */
export type ReplyMessage = { ready: true } | { batch: ReplayBatch } | { read: CardReads } | { error: string };

const CRAM = 8;

/** Collects cards into one job. */
export class JobPacker {
  private cards: number[] = [];
  private times: number[] = [];
  private codes: number[] = [];
  private newPresets: PresetRow[] = [];
  private readonly presetIndex = new Map<PresetRow, number>();
  count = 0;
  entries = 0;

  add({
    preset,
    card,
    rows,
  }: {
    preset: PresetRow;
    card: ReplayCard;
    rows: readonly LogRow[] | ReviewSpan;
  }): void {
    let p = this.presetIndex.get(preset);
    if (p === undefined) {
      p = this.presetIndex.size;
      this.presetIndex.set(preset, p);
      this.newPresets.push(preset);
    }
    let n: number;
    if (isSpan(rows)) {
      const { columns: c, start, end } = rows;
      n = end - start;
      for (let i = start; i < end; i++) {
        this.times.push(c.reviewedAt[i]!);
        this.codes.push(c.rating[i]! + (c.kind[i] === CRAM_KIND ? CRAM : 0));
      }
    } else {
      const list = rows;
      n = list.length;
      for (const r of list) {
        this.times.push(r.reviewedAt);
        this.codes.push(r.rating + (r.kind === 'cram' ? CRAM : 0));
      }
    }
    this.cards.push(card.id, card.created_at, p, n);
    this.count++;
    this.entries += n;
  }

  /** The job so far (then empty again; presets already sent are not sent again). */
  take(dayStartHour: number): JobMessage {
    const job: JobMessage = {
      dayStartHour,
      presets: this.newPresets,
      cards: Float64Array.from(this.cards),
      times: Float64Array.from(this.times),
      codes: Uint8Array.from(this.codes),
    };
    this.cards = [];
    this.times = [];
    this.codes = [];
    this.newPresets = [];
    this.count = 0;
    this.entries = 0;
    return job;
  }
}

/** Calls `each` for every card of the job, in order. */
export function unpackJob(
  job: JobMessage,
  each: (preset: number, card: ReplayCard, entries: ReplayEntry[]) => void,
): void {
  let e = 0;
  for (let c = 0; c < job.cards.length; c += 4) {
    const n = job.cards[c + 3]!;
    const entries: ReplayEntry[] = new Array(n);
    for (let i = 0; i < n; i++, e++) {
      const code = job.codes[e]!;
      entries[i] = { rating: code & 7, reviewed_at: job.times[e]!, cram: code >= CRAM };
    }
    each(job.cards[c + 2]!, { id: job.cards[c]!, created_at: job.cards[c + 1]! }, entries);
  }
}
