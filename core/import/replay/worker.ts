/**
 * The replay worker: replays batches of imported cards' logs (core/import/replay/replay.ts)
 * while the importing thread stores the rows, and steps a large sync merge's cards through
 * their new answers (steps.ts) while the merging thread stores its events. Jobs come on the
 * port in workerData, packed in typed arrays; each answer is posted back on it, then the
 * shared counter is bumped and notified, so the waiting thread (which waits inside its
 * transaction, synchronously) wakes.
 */
import { createRequire } from 'node:module';
import { type MessagePort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { PresetRow } from '../../model/types.ts';
import { studyTimes } from '../../scheduler/study-time.ts';
import { answerRead, type ReadRequest } from '../../sync/batch-reads.ts';
import { type JobMessage, type ReplyMessage, unpackJob } from './protocol.ts';
import { ReplayBatchBuilder } from './replay.ts';
import { type StepMessage, stepMessage } from './steps.ts';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
const presets: PresetRow[] = [];
/** One study-time mapping per day-start hour (it caches the days it maps). */
const times = studyTimes();

function reply(message: ReplyMessage): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

/** better-sqlite3, loaded on a merge's first read (an import's replays never need it). */
let Sqlite: typeof Database | undefined;

/** A read-only connection to the collection, on the binding the app's own uses (Electron's build), if named. */
function openReadOnly(path: string): Database.Database {
  Sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  const nativeBinding = process.env.MNEMO_SQLITE_BINDING || undefined;
  return new Sqlite(path, { readonly: true, fileMustExist: true, nativeBinding });
}

port.on('message', (job: JobMessage | StepMessage | ReadRequest) => {
  try {
    if ('kind' in job && job.kind === 'read') {
      reply({ read: answerRead(job, openReadOnly) });
      return;
    }
    presets.push(...job.presets);
    const time = times(job.dayStartHour);
    if ('kind' in job) {
      reply({ batch: stepMessage(job, presets, time, times) });
      return;
    }
    const builder = new ReplayBatchBuilder(job.dayStartHour, time);
    unpackJob(job, (preset, card, entries) => builder.add(presets[preset]!, card, entries));
    reply({ batch: builder.build() });
  } catch (e) {
    reply({ error: String((e as Error)?.stack ?? e) });
  }
});
reply({ ready: true });
