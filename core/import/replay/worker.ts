/**
 * The replay worker: replays batches of imported cards' logs (core/import/replay/replay.ts)
 * while the importing thread stores the rows. Jobs come on the port in workerData, packed in
 * typed arrays; each answer is posted back on it, then the shared counter is bumped and
 * notified, so the importing thread (which waits inside its transaction, synchronously) wakes.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import type { PresetRow } from '../../model/types.ts';
import { type StudyTime, studyTime } from '../../scheduler/study-time.ts';
import { type JobMessage, type ReplyMessage, unpackJob } from './protocol.ts';
import { ReplayBatchBuilder } from './replay.ts';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
const presets: PresetRow[] = [];
/** One study-time mapping per day-start hour (it caches the days it maps). */
const times = new Map<number, StudyTime>();

function reply(message: ReplyMessage): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (job: JobMessage) => {
  try {
    presets.push(...job.presets);
    let time = times.get(job.dayStartHour);
    if (!time) {
      time = studyTime(job.dayStartHour);
      times.set(job.dayStartHour, time);
    }
    const builder = new ReplayBatchBuilder(job.dayStartHour, time);
    unpackJob(job, (preset, card, entries) => builder.add(presets[preset]!, card, entries));
    reply({ batch: builder.build() });
  } catch (e) {
    reply({ error: String((e as Error)?.stack ?? e) });
  }
});
reply({ ready: true });
