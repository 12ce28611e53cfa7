/**
 * The fit runs on a worker thread, so answering cards never waits for it: the thread builds
 * the binding's items from the packed history, fits on the older part, scores the current
 * and the fitted parameters on the held-out newer part, then fits on everything.
 */
import { Worker } from 'node:worker_threads';
import type { OptimizerData } from './items.ts';

export interface Evaluation {
  logLoss: number;
  rmseBins: number;
}

export interface FitOutput {
  /** Fitted on the whole history: what Apply stores. */
  parameters: number[];
  /** Fitted on the older part only, scored on the held-out part. */
  heldOut: { current: Evaluation; fitted: Evaluation };
}

export interface FitProgress {
  /** 'split': fitting on the older part; 'final': fitting on the whole history. */
  phase: 'split' | 'final';
  current: number;
  total: number;
}

export interface FitInput {
  bindingPath: string;
  data: OptimizerData;
  /** Items [0, trainEnd) are the older part; the rest is held out. */
  trainEnd: number;
  /** The parameters in use (ts-fsrs's defaults when the preset has none). */
  current: number[];
  numRelearningSteps: number;
}

// Plain CommonJS, like the integrity check's worker: it runs the same under Node, tsx,
// vitest and Electron's bundle, where a .ts worker file would need a loader.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const b = require(workerData.bindingPath);
const d = workerData.data;
let cancelled = false;
parentPort.on('message', (m) => { if (m === 'cancel') cancelled = true; });
// A card's items are prefixes of one history: each answer becomes one review object, shared.
const byCard = new Map();
function items(from, to) {
  const out = [];
  for (let k = from; k < to; k++) {
    const s = d.itemStart[k];
    const n = d.itemLength[k];
    let reviews = byCard.get(s);
    if (!reviews) byCard.set(s, (reviews = []));
    for (let i = s + reviews.length; i < s + n; i++) reviews.push(new b.FSRSBindingReview(d.ratings[i], d.deltas[i]));
    out.push(new b.FSRSBindingItem(reviews.slice(0, n)));
  }
  byCard.clear();
  return out;
}
function fit(set, phase) {
  return b.computeParameters(set, {
    enableShortTerm: true,
    numRelearningSteps: workerData.numRelearningSteps,
    timeout: 200,
    progress: (current, total) => {
      parentPort.postMessage({ type: 'progress', phase, current, total });
      return !cancelled;
    },
  });
}
function score(w, set) {
  const e = new b.FSRSBinding(w).evaluate(set);
  return { logLoss: e.logLoss, rmseBins: e.rmseBins };
}
(async () => {
  const all = items(0, d.itemStart.length);
  const train = all.slice(0, workerData.trainEnd);
  const test = all.slice(workerData.trainEnd);
  const split = await fit(train, 'split');
  if (cancelled) throw new Error('cancelled');
  const heldOut = { current: score(workerData.current, test), fitted: score(split, test) };
  const parameters = await fit(all, 'final');
  if (cancelled) throw new Error('cancelled');
  parentPort.postMessage({ type: 'done', result: { parameters, heldOut } });
})().catch((e) => {
  parentPort.postMessage(cancelled ? { type: 'cancelled' } : { type: 'error', message: String((e && e.message) || e) });
});`;

export class FitCancelled extends Error {
  constructor() {
    super('the optimization was cancelled');
  }
}

/** A running fit: its result, and a way to stop it. */
export interface FitRun {
  result: Promise<FitOutput>;
  cancel(): void;
}

/** How long a cancelled fit may take to notice (the binding checks between batches) before the thread is ended. */
const CANCEL_GRACE_MS = 5000;

export function startFit(input: FitInput, onProgress: (p: FitProgress) => void): FitRun {
  const worker = new Worker(WORKER, { eval: true, workerData: input });
  let settled = false;
  let cancelRequested = false;
  let cancelTimer: NodeJS.Timeout | undefined;
  const result = new Promise<FitOutput>((resolve, reject) => {
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(cancelTimer);
      f();
      void worker.terminate();
    };
    worker.on('message', (m: { type: string } & Record<string, unknown>) => {
      if (m.type === 'progress') onProgress(m as unknown as FitProgress);
      else if (m.type === 'done') finish(() => resolve(m.result as FitOutput));
      else if (m.type === 'cancelled') finish(() => reject(new FitCancelled()));
      else if (m.type === 'error') finish(() => reject(new Error(String(m.message))));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) =>
      finish(() =>
        reject(cancelRequested ? new FitCancelled() : new Error(`the optimizer stopped (exit code ${code})`)),
      ),
    );
  });
  return {
    result,
    cancel() {
      if (settled) return;
      cancelRequested = true;
      worker.postMessage('cancel');
      cancelTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
    },
  };
}
