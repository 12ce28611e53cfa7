/**
 * A large merge's card reads on the replay worker (batch-reads.ts): asked for before the
 * merging thread reads the heads and stores the events, answered meanwhile. The worker reads the
 * collection as committed, which is what the merging thread would read before storing, as
 * long as nothing in the merge's transaction wrote the cards, log, heads or events before
 * (the caller says so). If the worker fails to answer, the events stored meanwhile are rolled
 * back to a savepoint and everything is read here: the result is the same either way.
 */
import { existsSync } from 'node:fs';
import { receiveMessageOnPort } from 'node:worker_threads';
import type { ReplyMessage } from '../import/replay/protocol.ts';
import type { ReplayThread } from '../import/replay/thread.ts';
import type { Collection } from '../store/collection.ts';
import { phase } from '../util/phases.ts';
import { type CardReads, type ReadRequest, readCards } from './batch-reads.ts';

/** An answer is waited for at most this long (it takes about a second), then read here. */
const STALL_MS = 30_000;

/** Sends the read to the worker; false where it cannot read the collection's file. */
export function askReads(thread: ReplayThread | null, col: Collection, ids: number[]): boolean {
  if (!thread || col.db.memory || !existsSync(col.path)) return false;
  const request: ReadRequest = { kind: 'read', path: col.path, ids };
  thread.port.postMessage(request);
  return true;
}

/** The worker's answer, or null (it failed, or did not answer in time). */
function takeReads(thread: ReplayThread): CardReads | null {
  for (;;) {
    const seen = Atomics.load(thread.signal, 0);
    const got = receiveMessageOnPort(thread.port);
    if (got) {
      const message = got.message as ReplyMessage;
      if ('read' in message) return message.read;
      // The worker caught it and lives on (its steps still run there).
      if ('error' in message) return null;
      continue;
    }
    if (Atomics.wait(thread.signal, 0, seen, STALL_MS) === 'timed-out') return null;
  }
}

/**
 * Runs `work` (reading the heads, storing the events) while the worker reads the cards, then
 * returns its reads and what `work` returned. On failure, `work` is undone, the cards read
 * here, and `work` run again.
 */
export function whileReadingCards<T>(
  col: Collection,
  thread: ReplayThread,
  ids: number[],
  work: () => T,
): { reads: CardReads; done: T } {
  col.db.exec('SAVEPOINT merge_store');
  let done = work();
  let reads = phase('batch: wait for the worker', () => takeReads(thread));
  if (!reads) {
    col.db.exec('ROLLBACK TO merge_store');
    reads = phase('batch: rows, logs', () => readCards(col.db, ids));
    done = work();
  }
  col.db.exec('RELEASE merge_store');
  return { reads, done };
}
