/**
 * Optimize and evaluate a preset's FSRS parameters on the user's own history, as Anki's
 * Optimize does, with an honest check before anything changes: the history is split in
 * time, parameters fitted on the older part are scored against the parameters in use on
 * the newer part they never saw (log loss and RMSE(bins), the srs-benchmark's measures),
 * and Apply is offered only when the fitted ones predict it better. Apply stores the
 * parameters fitted on the whole history and keeps the previous ones for Revert.
 */
import { default_w } from 'ts-fsrs';
import { conflict, notFound } from '../errors.ts';
import { stepsForScheduler } from '../scheduler/steps.ts';
import type { Collection } from '../store/collection.ts';
import { recordPresetChange } from '../sync/settings-record.ts';
import { loadBinding } from './binding.ts';
import { type Evaluation, type FitInput, type FitProgress, type FitRun, startFit } from './fit-worker.ts';
import { presetHistory } from './history.ts';
import type { OptimizerData } from './items.ts';

/**
 * Fewer items than this and Optimize refuses. An item is an answer made on a later study day
 * than the card's previous one: what FSRS learns from. Anki fits from 400; Mnemo also holds
 * out the newest fifth to judge the fit, and below 1,000 items that part (under 200 answers)
 * is too small to tell a real gain from noise (see the README's figures).
 */
export const MIN_ITEMS = 1000;
/** The newest share of the items, held out to score the parameters. */
export const HOLD_OUT = 0.2;

export interface HistorySize {
  items: number;
  /** Answers kept and the cards they belong to (Anki's "reviews"). */
  reviews: number;
  cards: number;
  /** Every graded answer to the preset's cards and how many cards got one. */
  answers: number;
  answeredCards: number;
}

export interface OptimizeResult extends HistorySize {
  presetId: number;
  /** Items fitted on / held out. */
  trainItems: number;
  heldOutItems: number;
  /** The parameters in use when it ran (null: ts-fsrs's defaults). */
  currentParameters: number[] | null;
  /** Scores on the held-out newest part: the parameters in use vs fitted on the older part. */
  current: Evaluation;
  fitted: Evaluation;
  /** Lower held-out log loss than the parameters in use: only then may it be applied. */
  better: boolean;
  /** Fitted on the whole history: what Apply stores. */
  parameters: number[];
  finishedAt: number;
}

function presetOrThrow(col: Collection, presetId: number) {
  const preset = col.preset(presetId);
  if (!preset) throw notFound(`preset ${presetId} does not exist`);
  return preset;
}

export function currentParameters(col: Collection, presetId: number): number[] | null {
  const w = presetOrThrow(col, presetId).fsrs_weights;
  return w ? (JSON.parse(w) as number[]) : null;
}

export function sizeOf(data: OptimizerData): HistorySize {
  return {
    items: data.itemTime.length,
    reviews: data.reviews,
    cards: data.cards,
    answers: data.answers,
    answeredCards: data.answeredCards,
  };
}

/** Why Optimize cannot run for this history, in English (the UI says it in its language). */
export function refusal(size: HistorySize): string | null {
  if (size.items >= MIN_ITEMS) return null;
  return `Optimize needs at least ${MIN_ITEMS} reviews made on a later day than the card's previous review; this preset has ${size.items}`;
}

export interface OptimizeJob {
  size: HistorySize;
  run: FitRun;
  result: Promise<OptimizeResult>;
}

/**
 * Reads the history (see history.ts: off the calling thread but for the items' assembly) and
 * starts the fit on a worker thread. Refused when the binding is missing or the history too short.
 */
export async function startOptimize(
  col: Collection,
  presetId: number,
  onProgress: (p: FitProgress) => void,
): Promise<OptimizeJob> {
  presetOrThrow(col, presetId);
  const binding = loadBinding();
  if (!binding.ok) throw conflict(`Optimize is unavailable on this platform: ${binding.reason}`);
  const data = await presetHistory(col, presetId);
  // Read after the history: the preset as it is when the fit starts.
  const preset = presetOrThrow(col, presetId);
  const size = sizeOf(data);
  const refused = refusal(size);
  if (refused) throw conflict(refused);
  const current = currentParameters(col, presetId);
  const trainEnd = Math.round(size.items * (1 - HOLD_OUT));
  const input: FitInput = {
    bindingPath: binding.path,
    data,
    trainEnd,
    current: current ?? [...default_w],
    numRelearningSteps: stepsForScheduler(preset.relearning_steps).length,
  };
  const run = startFit(input, onProgress);
  const result = run.result.then(
    (out): OptimizeResult => ({
      presetId,
      ...size,
      trainItems: trainEnd,
      heldOutItems: size.items - trainEnd,
      currentParameters: current,
      current: out.heldOut.current,
      fitted: out.heldOut.fitted,
      better: out.heldOut.fitted.logLoss < out.heldOut.current.logLoss,
      parameters: out.parameters.map((x) => Number(x.toFixed(4))),
      finishedAt: col.now(),
    }),
    (e: Error) => {
      // fsrs-rs refuses a set it cannot fit or score (too few items once outliers are dropped).
      if (/NotEnoughData/.test(e.message)) {
        throw conflict(
          `the optimizer found too few usable reviews in this history (${e.message}): nothing was changed`,
        );
      }
      throw e;
    },
  );
  return { size, run, result };
}

/** Stores fitted parameters (only a result that beat the parameters in use, and only while they are still in use). */
export function applyResult(col: Collection, result: OptimizeResult): { parameters: number[] } {
  if (!result.better) {
    throw conflict('the fitted parameters did not predict your newest reviews better: nothing was changed');
  }
  return col.tx(() => {
    const now = currentParameters(col, result.presetId);
    if (JSON.stringify(now) !== JSON.stringify(result.currentParameters)) {
      throw conflict("the preset's parameters changed since Optimize ran: run it again");
    }
    col
      .stmt('UPDATE presets SET fsrs_weights_previous = ?, fsrs_weights = ?, modified_at = ? WHERE id = ?')
      .run(JSON.stringify(now), JSON.stringify(result.parameters), col.now(), result.presetId);
    col.invalidatePresets();
    recordPresetChange(col, result.presetId, { s: { fsrsWeights: result.parameters } });
    return { parameters: result.parameters };
  });
}

/** What the preset had before its parameters last changed, if anything. */
export function previousParameters(
  col: Collection,
  presetId: number,
): { kept: boolean; parameters: number[] | null } {
  presetOrThrow(col, presetId);
  const text = col.stmt('SELECT fsrs_weights_previous FROM presets WHERE id = ?').pluck().get(presetId) as
    | string
    | null;
  return text === null ? { kept: false, parameters: null } : { kept: true, parameters: JSON.parse(text) };
}

/** Puts the previous parameters back (once: Revert is then spent until the next change). */
export function revertParameters(col: Collection, presetId: number): { parameters: number[] | null } {
  return col.tx(() => {
    const previous = previousParameters(col, presetId);
    if (!previous.kept) throw conflict('there are no previous parameters to go back to');
    col
      .stmt('UPDATE presets SET fsrs_weights = ?, fsrs_weights_previous = NULL, modified_at = ? WHERE id = ?')
      .run(previous.parameters ? JSON.stringify(previous.parameters) : null, col.now(), presetId);
    col.invalidatePresets();
    recordPresetChange(col, presetId, { s: { fsrsWeights: previous.parameters } });
    return { parameters: previous.parameters };
  });
}
