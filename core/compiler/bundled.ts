import type { Collection } from '../store/collection.ts';
import { compileDecks } from './compile.ts';
import { bundledDecksDir } from './source-path.ts';

export { bundledDecksDir };

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
