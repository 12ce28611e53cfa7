import { fileURLToPath } from 'node:url';
import type { Collection } from '../store/collection.ts';
import { compileDecks } from './compile.ts';

/**
 * The decks shipped with Mnemo (the repository's decks/ folder). The Electron main process,
 * bundled elsewhere, names the folder through MNEMO_BUNDLED_DECKS.
 */
export function bundledDecksDir(): string {
  return process.env.MNEMO_BUNDLED_DECKS || fileURLToPath(new URL('../../decks', import.meta.url));
}

/**
 * On the first start with an empty collection, compiles the bundled decks in, so a newcomer
 * can review at once. Runs once per collection (remembered in settings).
 */
export function ensureBundledDecks(col: Collection, dir = bundledDecksDir()): boolean {
  if (col.settings().bundledDecksInstalled) return false;
  const notes = col.stmt('SELECT count(*) AS n FROM notes').get() as { n: number };
  if (notes.n === 0) {
    const report = compileDecks(col, [dir]);
    if (!report.applied) throw new Error(`bundled decks do not compile: ${report.errors[0]?.message}`);
  }
  col.tx(() => col.writeSettings({ bundledDecksInstalled: true }));
  return notes.n === 0;
}
