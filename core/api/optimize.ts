/**
 * optimize.*: fit a preset's FSRS parameters to its review log on a worker thread, and
 * simulate the retention that fits the user's time. Like export.run, `run` resolves when
 * the work is done, and a client that passed a `jobId` polls `progress` meanwhile (and may
 * `cancel`); the result stays with the job so `apply` can store exactly what was shown.
 */
import { z } from 'zod';
import { conflict, notFound } from '../errors.ts';
import { loadBinding } from '../optimize/binding.ts';
import type { FitProgress } from '../optimize/fit-worker.ts';
import { FitCancelled } from '../optimize/fit-worker.ts';
import { presetHistory } from '../optimize/history.ts';
import {
  applyResult,
  currentParameters,
  MIN_ITEMS,
  type OptimizeResult,
  previousParameters,
  revertParameters,
  sizeOf,
  startOptimize,
} from '../optimize/optimize.ts';
import { simulateRetentions } from '../optimize/simulate.ts';
import type { Collection } from '../store/collection.ts';
import { id, method } from './define.ts';

const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (at most 64)');

interface Job {
  presetId: number;
  phase: FitProgress['phase'] | 'reading';
  current: number;
  total: number;
  finished: boolean;
  cancelled: boolean;
  error: string | null;
  result: OptimizeResult | null;
  cancel: () => void;
}
const KEEP_JOBS = 20;

export function optimizeApi(col: Collection) {
  const jobs = new Map<string, Job>();
  let anonymous = 0;
  const track = (key: string, presetId: number): Job => {
    const job: Job = {
      presetId,
      phase: 'reading',
      current: 0,
      total: 0,
      finished: false,
      cancelled: false,
      error: null,
      result: null,
      cancel: () => {
        job.cancelled = true;
      },
    };
    jobs.delete(key);
    jobs.set(key, job);
    for (const [k, j] of jobs) if (jobs.size > KEEP_JOBS && j.finished) jobs.delete(k);
    return job;
  };
  const jobOf = (key: string) => {
    const job = jobs.get(key);
    if (!job) throw notFound(`no optimize job "${key}"`);
    return job;
  };
  const presetExists = (presetId: number) => {
    if (!col.preset(presetId)) throw notFound(`preset ${presetId} does not exist`);
  };

  return {
    /**
     * Whether Optimize can run for the preset (the binding is installed, the history is long
     * enough), with the parameters in use and the previous ones Revert would restore.
     */
    status: method(z.strictObject({ presetId: id }), async (a) => {
      presetExists(a.presetId);
      const binding = loadBinding();
      const size = sizeOf(await presetHistory(col, a.presetId));
      return {
        available: binding.ok,
        unavailableReason: binding.ok ? null : binding.reason,
        ...size,
        minimum: MIN_ITEMS,
        enough: size.items >= MIN_ITEMS,
        parameters: currentParameters(col, a.presetId),
        previous: previousParameters(col, a.presetId),
      };
    }),
    /** Fits and evaluates (see core/optimize/optimize.ts); resolves with the result, applies nothing. */
    run: method(z.strictObject({ presetId: id, jobId: jobId.optional() }), async (a) => {
      // One fit per preset at a time: a second would only double the work on two cores.
      if ([...jobs.values()].some((j) => j.presetId === a.presetId && !j.finished)) {
        throw conflict('Optimize is already running for this preset');
      }
      const job = track(a.jobId ?? `anonymous-${++anonymous}`, a.presetId);
      try {
        const started = await startOptimize(col, a.presetId, (p) => Object.assign(job, p));
        job.cancel = () => {
          job.cancelled = true;
          started.run.cancel();
        };
        if (job.cancelled) started.run.cancel();
        job.phase = 'split';
        job.result = await started.result;
        return job.result;
      } catch (e) {
        if (e instanceof FitCancelled) throw conflict('the optimization was cancelled: nothing was changed');
        job.error = (e as Error).message;
        throw e;
      } finally {
        job.finished = true;
      }
    }),
    /** How far a run got: the phase ('reading', 'split': fitting the older part, 'final': the whole). */
    progress: method(z.strictObject({ jobId }), (a) => {
      const { cancel: _c, result, ...state } = jobOf(a.jobId);
      return { ...state, done: result !== null };
    }),
    /** Stops a run; it then fails with "cancelled" and nothing is stored. */
    cancel: method(z.strictObject({ jobId }), (a) => {
      const job = jobOf(a.jobId);
      if (!job.finished) job.cancel();
      return { cancelled: !job.finished };
    }),
    /** Stores the parameters a finished run fitted, if they predicted the held-out reviews better. */
    apply: method(z.strictObject({ jobId }), (a) => {
      const job = jobOf(a.jobId);
      if (!job.result) throw conflict('that optimization has not finished');
      return applyResult(col, job.result);
    }),
    /** Puts back the parameters the preset had before its last change. */
    revert: method(z.strictObject({ presetId: id }), (a) => revertParameters(col, a.presetId)),
    /**
     * The next 365 days under desired retentions 0.70…0.97 with the preset's parameters and
     * limits (see core/optimize/simulate.ts), seeded: the same call gives the same numbers.
     */
    simulate: method(
      z.strictObject({
        presetId: id,
        days: z.number().int().min(7).max(3650).optional(),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31)
          .optional(),
      }),
      (a) => {
        presetExists(a.presetId);
        return simulateRetentions(col, a.presetId, { days: a.days ?? 365, seed: a.seed ?? 1 });
      },
    ),
  };
}
