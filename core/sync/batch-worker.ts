/**
 * A large merge's bulk reads on the replay worker (batch-reads.ts), the identities' local
 * cards first: asked for before the merging thread stores the events, answered while it
 * stores them. The worker reads the
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
import { batchIds } from './batch.ts';
import { type BatchReads, namedIds, type ReadRequest, readBatchRest, uniqueIds } from './batch-reads.ts';

/** An answer is waited for at most this long (it takes about a second), then read here. */
const STALL_MS = 30_000;

/** Sends the read to the worker; false where it cannot read the collection's file. */
export function askReads(thread: ReplayThread | null, col: Collection, keys: string[]): boolean {
  if (!thread || col.db.memory || !existsSync(col.path)) return false;
  const request: ReadRequest = { kind: 'read', path: col.path, keys };
  thread.port.postMessage(request);
  return true;
}

/** The worker's answer, or null (it failed, or did not answer in time). */
function takeReads(thread: ReplayThread): BatchReads | null {
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
 * Runs `store` (the events) while the worker finds the identities' cards and reads, then
 * returns the cards, the reads and what `store` returned. `store(null)`: the cards are not
 * known yet (the caller corrects what it stored for identities that name none, or more than
 * one card). On failure, `store` is undone, everything read here, and `store` run again with
 * the identities that name one card each.
 */
export function storeWhileReading<T>(
  col: Collection,
  thread: ReplayThread,
  keys: string[],
  store: (ids: Map<string, number> | null) => T,
): { ids: Map<string, number>; reads: BatchReads; stored: T; provisional: boolean } {
  col.db.exec('SAVEPOINT merge_store');
  let stored = store(null);
  const answer = phase('batch: wait for the worker', () => takeReads(thread));
  let ids: Map<string, number>;
  let reads: BatchReads;
  if (answer?.named) {
    ids = phase('batch: card ids', () => namedIds(keys, answer.named!));
    reads = answer;
  } else {
    col.db.exec('ROLLBACK TO merge_store');
    ids = batchIds(col, keys);
    const named = ids;
    reads = phase('batch: rows, logs, heads', () =>
      readBatchRest(col.db, uniqueIds(named), [...named.keys()]),
    );
    stored = store(ids);
  }
  col.db.exec('RELEASE merge_store');
  return { ids, reads, stored, provisional: answer?.named !== undefined };
}
