/**
 * The parse thread of a first compile (parse-thread.ts): takes the next file not yet taken
 * (a shared counter the compiling thread draws from too), reads it (source-rows.ts) and posts
 * its rows on the port, then bumps and notifies the shared signal so that the compiling
 * thread, which waits synchronously inside its transaction, wakes.
 */
import { existsSync } from 'node:fs';
import { type MessagePort, workerData } from 'node:worker_threads';
import { readSourceRows } from './source-rows.ts';

const { port, signal, next, files } = workerData as {
  port: MessagePort;
  signal: Int32Array;
  /** next[0]: the index of the next file nobody has taken. */
  next: Int32Array;
  files: { path: string; deck: string }[];
};

function post(message: unknown): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
  try {
    post({ index: i, rows: readSourceRows(files[i]!.path, files[i]!.deck, existsSync) });
  } catch {
    post({ index: i, rows: null }); // read again on the compiling thread, which reports why
  }
}
port.close();
