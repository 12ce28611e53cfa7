/**
 * A deck file opened for a change from the app, and the change itself: the new content is
 * written atomically and the file recompiled in one transaction; if the compile fails (or the
 * transaction does) the file is put back as it was, so the file and the collection never
 * disagree. A file that changed on disk since it was compiled is refused, never overwritten:
 * the user's own edits in their editor win.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../compiler/atomic-write.ts';
import { type CompileReport, compileDecks } from '../compiler/compile.ts';
import { digest } from '../compiler/digest.ts';
import { deckFromPath } from '../compiler/files.ts';
import { formatError, type ParsedFile, type ParseOptions, parseDeckFile } from '../compiler/parse.ts';
import { storedSourcePath } from '../compiler/source-path.ts';
import { conflict, invalidArgument } from '../errors.ts';
import type { Collection } from '../store/collection.ts';
import { type DeckFile, isInsideReal } from './deck-file-access.ts';

export interface OpenedDeckFile extends DeckFile {
  /** The content read now ('' for a file still to be created). */
  content: string;
  hash: string;
  exists: boolean;
  /** The folder its deck names come from (as its last compile had it). */
  deckRoot: string;
  options: ParseOptions;
  parsed: ParsedFile;
}

export const changedOnDisk = (path: string) =>
  conflict(
    `${path} changed on disk since it was compiled: compile it (Settings → Compile now), then edit again`,
  );

/**
 * Reads a deck file to change. `compiled`: the file must be exactly as last compiled (an
 * edit of one of its cards); otherwise a file never compiled is fine (adding a card to it).
 */
export function openDeckFile(col: Collection, file: DeckFile, compiled: boolean): OpenedDeckFile {
  const exists = existsSync(file.real);
  const content = exists ? readFileSync(file.real, 'utf8') : '';
  const hash = digest(content);
  const known = col
    .stmt('SELECT content_hash FROM source_files WHERE path = ?')
    .pluck()
    .get(storedSourcePath(file.path)) as string | undefined;
  if ((compiled && known === undefined) || (known !== undefined && known !== hash))
    throw changedOnDisk(file.path);
  const deckRoot = deckRootOf(col, file, content);
  const options: ParseOptions = { defaultDeck: deckFromPath(file.path, [deckRoot]), fileExists: existsSync };
  return {
    ...file,
    content,
    hash,
    exists,
    deckRoot,
    options,
    parsed: parseDeckFile(file.path, content, options),
  };
}

/**
 * The folder a file's deck names were taken from when it was compiled: the deck folder as
 * "Compile now" reads it, or a folder below it (`mnemo compile FOLDER`), or the file itself
 * (`mnemo compile FILE`). The one whose names match the decks its cards are in, so an edit
 * never moves a card to another deck; images must stay inside it, and it is never above the
 * deck folder.
 */
function deckRootOf(col: Collection, file: DeckFile, content: string): string {
  const candidates: string[] = [];
  for (let dir = dirname(file.path); ; dir = dirname(dir)) {
    if (isInsideReal(file.root.real, dir)) candidates.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  candidates.push(file.path);
  const decks = col
    .stmt(
      `SELECT n.source_index AS i, d.name AS deck FROM notes n
       JOIN cards c ON c.id = (SELECT min(id) FROM cards WHERE note_id = n.id)
       JOIN decks d ON d.id = c.deck_id
       WHERE n.source_file = ? AND n.retired = 0`,
    )
    .all(storedSourcePath(file.path)) as { i: number; deck: string }[];
  if (decks.length === 0) return candidates[0]!;
  const fits = (root: string) => {
    const cards = parseDeckFile(file.path, content, {
      defaultDeck: deckFromPath(file.path, [root]),
      fileExists: () => true,
    }).cards;
    return decks.every((d) => cards[d.i]?.deck === d.deck);
  };
  return candidates.find(fits) ?? candidates[0]!;
}

/** The file's content as it would be: parsed the way the compile will parse it. */
export function parseAs(opened: OpenedDeckFile, content: string): ParsedFile {
  return parseDeckFile(opened.path, content, opened.options);
}

/**
 * Writes `content` over the file and recompiles it, in one transaction with `before` (run
 * first, e.g. storing the id the new text carries) and `check` (run on the report; throwing
 * undoes everything). Returns the compile's report.
 */
export function writeAndCompile(
  col: Collection,
  opened: OpenedDeckFile,
  content: string,
  before: () => void = () => {},
  check: (report: CompileReport) => void = () => {},
): CompileReport {
  let written = false;
  try {
    return col.tx(() => {
      before();
      // Read again just before writing: an editor may have saved the file meanwhile.
      const now = existsSync(opened.real) ? readFileSync(opened.real, 'utf8') : null;
      if (now !== (opened.exists ? opened.content : null)) throw changedOnDisk(opened.path);
      writeFileAtomic(opened.path, content);
      written = true;
      const report = compileDecks(col, [opened.path], { deckRoots: [opened.deckRoot] });
      if (!report.applied) throw invalidArgument(report.errors.map(formatError).join('; '));
      check(report);
      return report;
    });
  } catch (e) {
    if (written) {
      // Put the file back as it was, so it still matches the (unchanged) collection.
      if (opened.exists) writeFileAtomic(opened.path, opened.content);
      else unlinkSync(opened.path);
    }
    throw e;
  }
}
