/** What a compile is asked to do, and what it reports back (compile.ts). */
import type { LintFinding } from '../lint/types.ts';
import type { CompileError } from './parse.ts';

export interface CompileOptions {
  /** Apply the files without errors even if others have some. */
  keepGoing?: boolean;
  /** Write ^id-xxxx into the sources for cards that have no id. */
  writeIds?: boolean;
  /** Re-parse files even if their content hash is unchanged. */
  force?: boolean;
  /**
   * The folders deck names (and image bounds) are taken from, when not the paths given: an
   * edit from the app recompiles one file under the folder it was compiled with, so its cards
   * keep their decks. Which files count as deleted still follows the paths given.
   */
  deckRoots?: readonly string[];
  /** Read every file as an Obsidian vault note (obsidian.ts); `obsidian: true` does it for one file. */
  vault?: boolean;
  /** Vault notes too are all-or-nothing: an error stops the compile instead of skipping its card. */
  strict?: boolean;
  /**
   * Lint the files parsed (core/lint) into the report, as `mnemo compile` prints it. Off by
   * default: on 100,000 new cards it takes as long as the compile itself, and the app's own
   * compiles (an edit, Compile now) show no findings.
   */
  lint?: boolean;
}

/**
 * What a compile did, in notes (what the deck file holds: one per `::` line, `?` block or
 * cloze paragraph) and in cards (what is reviewed: two for `:::`, one per cloze number).
 */
export interface Tally {
  added: number;
  updated: number;
  edited: number;
  /** Notes left as they were, those of files unchanged since the last compile included. */
  unchanged: number;
  retired: number;
  restored: number;
  cardsAdded: number;
  cardsRetired: number;
  cardsRestored: number;
}

export interface FileReport extends Tally {
  file: string;
  status: 'compiled' | 'unchanged' | 'errors' | 'deleted';
  editedFronts: { from: string; to: string; line: number }[];
}

export interface CompileReport {
  files: FileReport[];
  totals: Tally;
  decksCreated: string[];
  errors: CompileError[];
  /** Problems that did not stop the compile: a vault note's skipped cards, unreadable schedules. */
  warnings: CompileError[];
  /** With `lint`, the card linter's findings (core/lint) in the files parsed: advice, not errors. */
  lint: LintFinding[];
  /** False when errors stopped the compile: nothing in the collection changed. */
  applied: boolean;
  idsWritten: number;
}

export const emptyTally = (): Tally => ({
  added: 0,
  updated: 0,
  edited: 0,
  unchanged: 0,
  retired: 0,
  restored: 0,
  cardsAdded: 0,
  cardsRetired: 0,
  cardsRestored: 0,
});

/** The files' reports in path order, with their totals. */
export function tallied(reports: Iterable<FileReport>): { files: FileReport[]; totals: Tally } {
  const files = [...reports].sort((a, b) => a.file.localeCompare(b.file));
  const totals = emptyTally();
  for (const r of files) for (const k of Object.keys(totals) as (keyof Tally)[]) totals[k] += r[k];
  return { files, totals };
}

export function inReadingOrder(a: CompileError, b: CompileError): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
