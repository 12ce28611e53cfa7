import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { collectDeckFiles } from '../../core/compiler/files.ts';
import { ParseAhead } from '../../core/compiler/parse-thread.ts';
import { readSourceRows } from '../../core/compiler/source-rows.ts';

/**
 * A built parse worker (`entry`), started as the core starts it, reads every deck file under
 * `decksDir` as the compiling thread reads it; the compiling thread takes nothing until the
 * worker has taken every file, so each one is the worker's.
 */
export function expectWorkerReadsAsCompiler(entry: string, decksDir: string): void {
  const { files } = collectDeckFiles([decksDir]);
  const list = files.map((path) => ({ path, deck: 'Bundled' }));
  const ahead = new ParseAhead(list, { entry });
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 600 && ahead.untaken() > 0; i++) Atomics.wait(nap, 0, 0, 50);
  try {
    for (let i = 0; i < list.length; i++)
      expect(ahead.take(i)).toEqual(readSourceRows(list[i]!.path, 'Bundled', existsSync));
    expect(ahead.byWorker).toBe(list.length);
  } finally {
    ahead.close();
  }
}
