/**
 * Compiles deck sources into the collection in ONE transaction. Identity survives edits:
 * an explicit id wins; otherwise deck + normalized front; otherwise a card edited in place
 * (same file, between the same neighbours, similar front) is matched as an edit (plan.ts).
 * Cards gone from their source are retired (history kept) and restored when they come back
 * (store-plan.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deckIdsOf } from '../decks/decks.ts';
import { lintParsed } from '../lint/lint.ts';
import type { Collection } from '../store/collection.ts';
import { removeStaleTemps } from './atomic-write.ts';
import { recordBundledPaths } from './bundled-paths.ts';
import type { Planned } from './candidate.ts';
import {
  type CompileOptions,
  type CompileReport,
  emptyTally,
  type FileReport,
  inReadingOrder,
  tallied,
} from './compile-report.ts';
import { digest } from './digest.ts';
import { checkDuplicateIds } from './duplicate-ids.ts';
import { collectDeckFiles, deckFolderOf, deckFromPath } from './files.ts';
import { firstCompile, isFirstCompile, SOURCE_FILE_UPSERT } from './first-compile.ts';
import {
  decodeDigest,
  digestLines,
  encodeDigest,
  type Incremental,
  type LineDigest,
  planIncremental,
} from './incremental.ts';
import { fileCardsOf } from './kept-cards.ts';
import { MediaImages } from './media.ts';
import { demoteVaultErrors } from './obsidian.ts';
import { type CompileError, type ParsedFile, parseDeckFile } from './parse.ts';
import { plan } from './plan.ts';
import { sourcePaths } from './source-path.ts';
import { storePlans } from './store-plan.ts';
import { assignIds, idsMissing, writeIds } from './write-ids.ts';

export { cardKey } from './candidate.ts';
export type { CompileOptions, CompileReport, FileReport, Tally } from './compile-report.ts';

export function compileDecks(
  col: Collection,
  paths: readonly string[],
  options: CompileOptions = {},
): CompileReport {
  const { files, roots, missing, notFiles } = collectDeckFiles(paths);
  const deckRoots = options.deckRoots ?? roots;
  // Files are handled by their paths on disk; the collection records bundled ones relative to the bundle.
  const sources = sourcePaths();
  recordBundledPaths(col, sources);
  removeStaleTemps(new Set(files.map((f) => dirname(f)))); // left by a killed --write-ids
  const errors: CompileError[] = [
    ...missing.map((p) => ({ file: p, line: 1, column: 1, message: 'no such file or folder' })),
    ...notFiles.map((p) => ({ file: p, line: 1, column: 1, message: 'not a regular file or folder' })),
  ];
  const rows = col.stmt('SELECT path, content_hash, cards FROM source_files').all() as {
    path: string;
    content_hash: string;
    cards: number | null;
  }[];
  const known = new Map(rows.map((r) => [sources.onDisk(r.path), r.content_hash]));
  const cardsOf = new Map(rows.map((r) => [sources.onDisk(r.path), r.cards]));
  const warnings: CompileError[] = [];
  const liveNotes = col.stmt('SELECT count(*) FROM notes WHERE source_file = ? AND retired = 0').pluck();
  const reports = new Map<string, FileReport>();
  const report = (file: string, status: FileReport['status']) => {
    const r: FileReport = { file, status, ...emptyTally(), editedFronts: [] };
    reports.set(file, r);
    return r;
  };

  const decksCreated: string[] = [];
  // A large first compile: read on a second thread while the files before are stored.
  const plain = errors.length === 0 && !options.vault && !options.lint && !options.writeIds;
  const first =
    plain && isFirstCompile(col, files)
      ? firstCompile(col, files, (f) => deckFromPath(f, deckRoots), sources.stored)
      : null;
  if (first) {
    for (const r of first.reports) reports.set(r.file, r);
    decksCreated.push(...first.decksCreated);
    return finish(true, 0);
  }

  // Parse only what changed since the last compile: only the cards around what changed in a
  // file (incremental.ts), unless the whole file is asked for.
  const contents = new Map<string, { text: string; hash: string }>();
  const parsed: ParsedFile[] = [];
  const digests = new Map<string, LineDigest>();
  const incremental = new Map<string, Incremental>();
  const rereadParts = !options.force && !options.vault && !options.lint && !options.writeIds;
  const storedLines = col.stmt('SELECT lines FROM source_files WHERE path = ?').pluck();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const hash = digest(text);
    contents.set(file, { text, hash });
    // Unchanged, unless a --write-ids run was killed before writing this file's ids.
    if (
      !options.force &&
      known.get(file) === hash &&
      !(options.writeIds && idsMissing(col, sources.stored(file), text))
    ) {
      // Its notes count as unchanged, so the totals add up to what every file holds.
      // As the last compile left it (counted when not recorded).
      report(file, 'unchanged').unchanged =
        cardsOf.get(file) ?? (liveNotes.get(sources.stored(file)) as number);
      continue;
    }
    const defaultDeck = deckFromPath(file, deckRoots);
    const now = digestLines(text, defaultDeck);
    if (options.vault) now.vault = true; // read as a vault note: never in part, now or next time
    digests.set(file, now);
    const old =
      rereadParts && known.has(file) ? decodeDigest(storedLines.get(sources.stored(file)) as Buffer) : null;
    const part = old ? planIncremental(old, text, now) : null;
    if (part) incremental.set(file, part);
    const result = parseDeckFile(file, part ? part.lines : text, {
      defaultDeck,
      fileExists: existsSync,
      vault: options.vault,
    });
    parsed.push(result);
    errors.push(...result.errors);
    warnings.push(...(result.warnings ?? []));
  }
  checkDuplicateIds(col, parsed, errors, sources, incremental);
  // Images are read and checked (type, size, inside the deck folder) before anything is stored.
  const media = new MediaImages(col, (file) => deckFolderOf(file, deckRoots));
  errors.push(...media.check(parsed));
  if (!options.strict) warnings.push(...demoteVaultErrors(parsed, errors));

  const broken = new Set(errors.map((e) => e.file));
  if (errors.length > 0 && !options.keepGoing) {
    for (const p of parsed) report(p.path, broken.has(p.path) ? 'errors' : 'compiled');
    return finish(false, 0);
  }
  const good = parsed.filter((p) => !broken.has(p.path));
  for (const p of parsed) if (broken.has(p.path)) report(p.path, 'errors');
  // Files compiled before, under the same roots, that are gone now.
  const inRoots = (f: string) => roots.some((r) => f === r || f.startsWith(`${r}/`));
  const deleted = [...known.keys()].filter((f) => inRoots(f) && !contents.has(f));

  let pendingIds: Planned[] = [];
  col.tx(() => {
    const plans = plan(col, good, deleted, sources.stored, incremental);
    const deckId = deckIdsOf(col, decksCreated);
    for (const p of good) report(p.path, 'compiled');
    for (const f of deleted) report(f, 'deleted');

    storePlans(col, plans, reports, media, deckId, sources.onDisk);
    const upsert = col.stmt(SOURCE_FILE_UPSERT);
    const cardsIn = fileCardsOf(plans);
    for (const p of good) {
      const cards = cardsIn(p.path);
      const lines = encodeDigest(digests.get(p.path)!, cards);
      upsert.run(sources.stored(p.path), contents.get(p.path)!.hash, col.now(), lines, cards.ids.length);
    }
    for (const f of deleted) col.stmt('DELETE FROM source_files WHERE path = ?').run(sources.stored(f));
    if (options.writeIds) pendingIds = assignIds(col, plans.cards);
  });
  const idsWritten = pendingIds.length > 0 ? writeIds(col, pendingIds, contents) : 0;
  return finish(true, idsWritten);

  function finish(applied: boolean, written: number): CompileReport {
    return {
      ...tallied(reports.values()),
      decksCreated: applied ? decksCreated : [],
      // In reading order, whichever check found them (parsing, images, duplicate ids).
      errors: errors.sort(inReadingOrder),
      warnings: warnings.sort(inReadingOrder),
      lint: options.lint ? lintParsed(parsed, new Map([...contents].map(([file, c]) => [file, c.text]))) : [],
      applied,
      idsWritten: written,
    };
  }
}
