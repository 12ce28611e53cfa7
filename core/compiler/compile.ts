/**
 * Compiles deck sources into the collection in ONE transaction. Identity survives edits:
 * an explicit id wins; otherwise deck + normalized front; otherwise a card edited in place
 * (same file, between the same neighbours, similar front) is matched as an edit. Cards gone
 * from their source are retired (history kept) and restored when they come back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureDeck } from '../decks/decks.ts';
import { lintParsed } from '../lint/lint.ts';
import type { LintFinding } from '../lint/types.ts';
import type { NoteKind, NoteRow } from '../model/types.ts';
import { addNote, joinTags } from '../notes/notes.ts';
import { cardOrds, type NoteFields } from '../notes/render.ts';
import type { Collection } from '../store/collection.ts';
import { withInsertsDeferred } from '../store/summaries.ts';
import { removeStaleTemps } from './atomic-write.ts';
import { recordBundledPaths } from './bundled-paths.ts';
import { digest } from './digest.ts';
import { collectDeckFiles, deckFolderOf, deckFromPath } from './files.ts';
import { guidFromId } from './guid-id.ts';
import {
  decodeDigest,
  digestLines,
  encodeDigest,
  fileLines,
  type Incremental,
  type LineDigest,
  planIncremental,
} from './incremental.ts';
import { fileCardsOf, type KeptPlan, placeKept, withKeptNeighbours } from './kept-cards.ts';
import { MediaImages } from './media.ts';
import { demoteVaultErrors } from './obsidian.ts';
import { type CompileError, type ParsedCard, type ParsedFile, parseDeckFile } from './parse.ts';
import { normalizeFront, similarity } from './similarity.ts';
import { sourcePaths } from './source-path.ts';
import { startFromSchedule } from './sr-schedule.ts';
import { assignIds, idsMissing, writeIds } from './write-ids.ts';

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

const emptyTally = (): Tally => ({
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

export function cardKey(deck: string, front: string): string {
  return digest(`${deck}\n${normalizeFront(front)}`);
}

function frontOf(col: Collection, note: Pick<NoteRow, 'id' | 'kind'>): string {
  const f = JSON.parse(
    col.stmt('SELECT fields FROM notes WHERE id = ?').pluck().get(note.id) as string,
  ) as NoteFields;
  return note.kind === 'cloze'
    ? (f.text ?? '').replace(/\{\{c\d+::([\s\S]*?)(?:::[\s\S]*?)?\}\}/g, '$1')
    : (f.front ?? '');
}

/** What matching needs of an existing note; its fields are read only for edit matching. */
type Candidate = Pick<
  NoteRow,
  | 'id'
  | 'kind'
  | 'source_key'
  | 'source_id'
  | 'source_index'
  | 'source_file'
  | 'source_line'
  | 'source_section'
  | 'content_hash'
  | 'retired'
>;

interface Planned {
  parsed: ParsedCard;
  file: string;
  /** How the collection records `file` (bundled files relative to the bundle: source-path.ts). */
  storedFile: string;
  index: number;
  key: string;
  match?: Candidate;
  how?: 'id' | 'key' | 'edit';
  /** Its note once stored. */
  noteId?: number;
}

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
    const lines = fileLines(text);
    const now = digestLines(text, lines, defaultDeck);
    if (options.vault) now.vault = true; // read as a vault note: never in part, now or next time
    digests.set(file, now);
    const old =
      rereadParts && known.has(file) ? decodeDigest(storedLines.get(sources.stored(file)) as Buffer) : null;
    const part = old ? planIncremental(old, lines, now) : null;
    if (part) incremental.set(file, part);
    const result = parseDeckFile(file, part ? part.text : text, {
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

  const decksCreated: string[] = [];
  let pendingIds: Planned[] = [];
  col.tx(() => {
    const plans = plan(col, good, deleted, sources.stored, incremental);
    const deckIds = new Map<string, number>();
    const deckId = (name: string) => {
      let id = deckIds.get(name);
      if (id === undefined) {
        const { deck, created } = ensureDeck(col, name);
        decksCreated.push(...created);
        id = deck.id;
        deckIds.set(name, id);
      }
      return id;
    };
    for (const p of good) report(p.path, 'compiled');
    for (const f of deleted) report(f, 'deleted');

    // A large first compile indexes its new notes' text once at the end (summaries.ts).
    const newNotes = plans.cards.reduce((n, pl) => n + (pl.match ? 0 : 1), 0);
    withInsertsDeferred(col.db, newNotes, () => {
      for (const pl of plans.cards) {
        const r = reports.get(pl.file)!;
        const fields = media.store(pl.file, pl.parsed);
        const contentHash = digest(
          JSON.stringify([
            pl.parsed.kind,
            fields,
            pl.parsed.tags,
            pl.parsed.context,
            pl.parsed.deck,
            pl.parsed.source,
          ]),
        );
        const target = deckId(pl.parsed.deck);
        const location = {
          source_file: pl.storedFile,
          source_line: pl.parsed.line,
          source_index: pl.index,
          source_key: pl.key,
          source_id: pl.parsed.id,
          source_section: pl.parsed.source,
        };
        if (!pl.match) {
          const added = addNote(col, {
            deckId: target,
            kind: pl.parsed.kind,
            fields,
            tags: pl.parsed.tags,
            context: pl.parsed.context,
            sourceFile: pl.storedFile,
            sourceLine: pl.parsed.line,
            sourceIndex: pl.index,
            sourceKey: pl.key,
            sourceId: pl.parsed.id,
            sourceSection: pl.parsed.source,
            contentHash,
            guid: guidOfNewNote(col, pl.parsed.id),
          });
          pl.noteId = added.noteId;
          // First compile of a vault card: the plugin's schedule comment is its starting state.
          if (pl.parsed.schedule) startFromSchedule(col, added.cardIds, pl.parsed.schedule, target);
          r.added++;
          r.cardsAdded += cardOrds(pl.parsed.kind, fields).length;
          continue;
        }
        const note = pl.match;
        pl.noteId = note.id;
        const wasRetired = note.retired === 1;
        if (note.content_hash === contentHash && !wasRetired) {
          // Same content (deck and kind included), so its cards are already right.
          if (locationChanged(note, location)) updateLocation(col, note.id, location);
          r.unchanged++;
          continue;
        }
        const previousFront = pl.how === 'edit' ? frontOf(col, note) : '';
        // One write of the row, its location included.
        col
          .stmt(
            `UPDATE notes SET kind = @kind, fields = @fields, tags = @tags, context = @context,
               content_hash = @content_hash, retired = 0, modified_at = @now, source_file = @source_file,
               source_line = @source_line, source_index = @source_index, source_key = @source_key,
               source_id = @source_id, source_section = @source_section
             WHERE id = @id`,
          )
          .run({
            ...location,
            kind: pl.parsed.kind,
            fields: JSON.stringify(fields),
            tags: joinTags(pl.parsed.tags),
            context: pl.parsed.context,
            content_hash: contentHash,
            now: col.now(),
            id: note.id,
          });
        const cards = syncCards(col, note.id, pl.parsed.kind, fields, target);
        r.cardsAdded += cards.added;
        r.cardsRetired += cards.retired;
        r.cardsRestored += cards.restored;
        if (wasRetired) r.restored++;
        else if (pl.how === 'edit') {
          r.edited++;
          r.editedFronts.push({ from: previousFront, to: pl.parsed.front, line: pl.parsed.line });
        } else r.updated++;
      }
    });
    // Cards kept from the last compile (incremental.ts): moved when lines were added above them.
    const move = col.stmt('UPDATE notes SET source_line = ?, source_index = ? WHERE id = ?');
    for (const { file, cards } of plans.kept) {
      for (const k of cards)
        if (k.line !== k.oldLine || k.index !== k.oldIndex) move.run(k.line, k.index, k.id);
      reports.get(file)!.unchanged += cards.length;
    }
    for (const note of plans.retire) {
      col.stmt('UPDATE notes SET retired = 1, modified_at = ? WHERE id = ?').run(col.now(), note.id);
      const cards = col
        .stmt('UPDATE cards SET retired = 1, modified_at = ? WHERE note_id = ? AND retired = 0')
        .run(col.now(), note.id).changes;
      const r = reports.get(sources.onDisk(note.source_file!))!;
      r.retired++;
      r.cardsRetired += cards;
    }
    const upsert = col.stmt(
      `INSERT INTO source_files (path, content_hash, compiled_at, lines, cards) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET content_hash = excluded.content_hash, compiled_at = excluded.compiled_at,
         lines = excluded.lines, cards = excluded.cards`,
    );
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
    const list = [...reports.values()].sort((a, b) => a.file.localeCompare(b.file));
    const totals = emptyTally();
    for (const r of list) for (const k of Object.keys(totals) as (keyof Tally)[]) totals[k] += r[k];
    return {
      files: list,
      totals,
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

function inReadingOrder(a: CompileError, b: CompileError): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/** A new note's guid: the one its id carries (see guid-id.ts) unless a note has it already. */
function guidOfNewNote(col: Collection, id: string | null): string | undefined {
  const guid = id === null ? null : guidFromId(id);
  return guid !== null && !col.stmt('SELECT 1 FROM notes WHERE guid = ?').get(guid) ? guid : undefined;
}

function locationChanged(note: Candidate, loc: Record<string, unknown>): boolean {
  return (
    note.source_file !== loc.source_file ||
    note.source_line !== loc.source_line ||
    note.source_index !== loc.source_index ||
    note.source_key !== loc.source_key ||
    note.source_id !== loc.source_id ||
    note.source_section !== loc.source_section
  );
}

function updateLocation(col: Collection, noteId: number, loc: Record<string, unknown>): void {
  col
    .stmt(
      `UPDATE notes SET source_file = @source_file, source_line = @source_line, source_index = @source_index,
         source_key = @source_key, source_id = @source_id, source_section = @source_section
       WHERE id = @id AND (source_file IS NOT @source_file OR source_line IS NOT @source_line
         OR source_index IS NOT @source_index OR source_key IS NOT @source_key OR source_id IS NOT @source_id
         OR source_section IS NOT @source_section)`,
    )
    .run({ ...loc, id: noteId });
}

/**
 * Makes a note's cards match its kind: new ords added, gone ords retired, deck moves applied.
 * Returns how many cards it added, retired and brought back.
 */
function syncCards(
  col: Collection,
  noteId: number,
  kind: NoteKind,
  fields: NoteFields,
  deckId: number,
): { added: number; retired: number; restored: number } {
  const counts = { added: 0, retired: 0, restored: 0 };
  const want = new Set(cardOrds(kind, fields));
  const have = col.stmt('SELECT id, ord, deck_id, retired FROM cards WHERE note_id = ?').all(noteId) as {
    id: number;
    ord: number;
    deck_id: number;
    retired: number;
  }[];
  const now = col.now();
  for (const c of have) {
    const retired = want.has(c.ord) ? 0 : 1;
    if (c.retired !== retired) counts[retired ? 'retired' : 'restored']++;
    if (c.retired !== retired || c.deck_id !== deckId) {
      col
        .stmt('UPDATE cards SET retired = ?, deck_id = ?, modified_at = ? WHERE id = ?')
        .run(retired, deckId, now, c.id);
    }
    want.delete(c.ord);
  }
  if (want.size > 0) {
    const position = col.nextNewPosition();
    for (const ord of want) {
      col
        .stmt(
          'INSERT INTO cards (note_id, deck_id, ord, due, new_position, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(noteId, deckId, ord, now, position, now, now);
    }
    counts.added = want.size;
  }
  return counts;
}

/**
 * Matches parsed cards to existing notes: by explicit id, by key, then as in-place edits. A
 * file read in part (incremental.ts) keeps its unchanged cards' notes; its re-read cards are
 * matched against the notes of the parts re-read (and the file's retired ones).
 */
function plan(
  col: Collection,
  files: ParsedFile[],
  deleted: string[],
  stored: (file: string) => string,
  incremental: ReadonlyMap<string, Incremental>,
): { cards: Planned[]; retire: Candidate[]; kept: KeptPlan[] } {
  const cols =
    'id, kind, source_key, source_id, source_index, source_file, source_line, source_section, content_hash, retired';
  const byFile = new Map<string, Candidate[]>();
  const byKey = new Map<string, Candidate[]>();
  const claimed = new Set<number>();
  const consider = (n: Candidate) => {
    if (!n.source_key) return;
    const list = byKey.get(n.source_key);
    if (list) list.push(n);
    else byKey.set(n.source_key, [n]);
  };
  // Rows as arrays (raw mode): a recompile reads every card of every changed file.
  const names = cols.split(', ') as (keyof Candidate)[];
  const toCandidate = (row: unknown[]) => {
    const c = {} as Record<string, unknown>;
    for (let i = 0; i < names.length; i++) c[names[i]!] = row[i];
    return c as Candidate;
  };
  const ofFile = col.stmt(`SELECT ${cols} FROM notes WHERE source_file = ? ORDER BY source_index`).raw(true);
  const ofIds = col.stmt(`SELECT ${cols} FROM notes WHERE id IN (SELECT value FROM json_each(?))`).raw(true);
  const retiredOf = col.stmt(`SELECT ${cols} FROM notes WHERE source_file = ? AND retired = 1`).raw(true);
  // Keyed as the collection records files, as notes' source_file is.
  for (const path of [...files.map((p) => p.path), ...deleted]) {
    const f = stored(path);
    const part = incremental.get(path);
    const rows = part
      ? [...ofIds.all(JSON.stringify(part.reread)), ...retiredOf.all(f)]
      : (ofFile.all(f) as unknown[][]);
    const notes = (rows as unknown[][]).map(toCandidate);
    if (part) notes.sort((a, b) => (a.source_index ?? -1) - (b.source_index ?? -1));
    byFile.set(f, notes);
    for (const n of notes) consider(n);
  }
  // Retired cards from other files can come back (moved to a file being compiled now).
  const retired = col.stmt(`SELECT ${cols} FROM notes WHERE retired = 1`).raw(true).all() as unknown[][];
  for (const n of retired.map(toCandidate)) {
    if (!byFile.has(n.source_file ?? '')) consider(n);
  }
  const byId = col.stmt(`SELECT ${cols} FROM notes WHERE source_id = ?`);
  // An id that carries a guid (a Markdown export's) also finds the note with that guid.
  const byGuid = col.stmt(`SELECT ${cols} FROM notes WHERE guid = ?`);
  // Kept cards' notes are never candidates: only an id lookup could reach one (set built on need).
  let keptIds: Set<number> | null = null;
  const isKept = (id: number) => {
    keptIds ??= new Set([...incremental.values()].flatMap((p) => p.kept.map((k) => k.id)));
    return keptIds.has(id);
  };
  const findById = (id: string) => {
    const guid = guidFromId(id);
    const n = (byId.get(id) ?? (guid === null ? undefined : byGuid.get(guid))) as Candidate | undefined;
    return n && incremental.size > 0 && isKept(n.id) ? undefined : n;
  };

  const planned: Planned[] = [];
  const kept: KeptPlan[] = [];
  for (const file of files) {
    const storedFile = stored(file.path);
    const items: Planned[] = file.cards.map((parsed, index) => ({
      parsed,
      file: file.path,
      storedFile,
      index,
      key: cardKey(parsed.deck, parsed.front),
    }));
    const part = incremental.get(file.path);
    if (part) {
      placeKept(items, part.kept);
      kept.push({ file: file.path, cards: part.kept });
    }
    for (const it of items) {
      if (!it.parsed.id) continue;
      const n = findById(it.parsed.id);
      if (n && !claimed.has(n.id)) {
        it.match = n;
        it.how = 'id';
        claimed.add(n.id);
      }
    }
    for (const it of items) {
      if (it.match) continue;
      const n = (byKey.get(it.key) ?? []).find((c) => !claimed.has(c.id) && !otherIds(it, c));
      if (n) {
        it.match = n;
        it.how = 'key';
        claimed.add(n.id);
      }
    }
    const unmatched = items.some((it) => !it.match);
    const around = part && unmatched ? withKeptNeighbours(items, part.kept, storedFile) : items;
    matchEdits(col, around, byFile.get(storedFile) ?? [], claimed);
    planned.push(...items);
  }
  const retire: Candidate[] = [];
  for (const notes of byFile.values())
    for (const n of notes) if (!claimed.has(n.id) && n.retired === 0) retire.push(n);
  return { cards: planned, retire, kept };
}

/**
 * A card and a note that carry two different ids are two cards, however alike their fronts:
 * a card split in two, or rewritten to ask something else, was given a new id on purpose, and
 * the old note's history is not the new card's.
 */
function otherIds(it: Planned, note: Candidate): boolean {
  return it.parsed.id !== null && note.source_id !== null && note.source_id !== it.parsed.id;
}

/**
 * A card whose front was edited in place: unmatched, between the same matched neighbours as
 * an unmatched old card of the same file, with a similar front (or the only one in that gap).
 */
function matchEdits(col: Collection, items: Planned[], old: Candidate[], claimed: Set<number>): void {
  // Old position of an item's match when it is an old card of this same file.
  const oldIndex = (it: Planned) =>
    it.match && it.match.source_file === it.storedFile ? (it.match.source_index ?? undefined) : undefined;
  if (!old.some((n) => !claimed.has(n.id)) || items.every((it) => it.match)) return;
  // Nearest matched neighbours (same file) before and after each position, in one pass each way.
  const prevOf: number[] = [];
  const nextOf: number[] = [];
  for (let i = 0, last = -1; i < items.length; i++) {
    prevOf.push(last);
    if (oldIndex(items[i]!) !== undefined) last = i;
  }
  for (let i = items.length - 1, last = items.length; i >= 0; i--) {
    nextOf[i] = last;
    if (oldIndex(items[i]!) !== undefined) last = i;
  }
  // An old card's front is read once, however many new cards it is compared with.
  const fronts = new Map<number, string>();
  const oldFront = (n: Candidate) => {
    let f = fronts.get(n.id);
    if (f === undefined) {
      f = frontOf(col, n);
      fronts.set(n.id, f);
    }
    return f;
  };
  let lastEdit = -1; // an edit matched just above is a neighbour too
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.match) continue;
    const prev = Math.max(prevOf[i]!, lastEdit);
    const next = nextOf[i]!;
    const lo = prev >= 0 ? oldIndex(items[prev]!)! : -1;
    const hi = next < items.length ? oldIndex(items[next]!)! : Number.POSITIVE_INFINITY;
    const gap = old.filter(
      (n) =>
        !claimed.has(n.id) && (n.source_index ?? -1) > lo && (n.source_index ?? -1) < hi && !otherIds(it, n),
    );
    const newInGap = items.slice(prev + 1, next).filter((x) => !x.match).length;
    let best: Candidate | undefined;
    let bestScore = 0;
    for (const n of gap) {
      const score = similarity(oldFront(n), it.parsed.front);
      if (score > bestScore) {
        best = n;
        bestScore = score;
      }
    }
    // One old and one new card between the same neighbours: an edit even if much was rewritten.
    const alone = gap.length === 1 && newInGap === 1 && best?.kind === it.parsed.kind;
    if (best && (bestScore >= 0.5 || (alone && bestScore >= 0.2))) {
      it.match = best;
      it.how = 'edit';
      claimed.add(best.id);
      lastEdit = i;
    }
  }
}

function checkDuplicateIds(
  col: Collection,
  files: ParsedFile[],
  errors: CompileError[],
  sources: ReturnType<typeof sourcePaths>,
  incremental: ReadonlyMap<string, Incremental>,
): void {
  const seen = new Map<string, { file: string; line: number }>();
  const compiling = new Set(files.map((f) => sources.stored(f.path)));
  const owner = col.stmt('SELECT source_file, source_line FROM notes WHERE source_id = ? AND retired = 0');
  for (const f of files) {
    // A file read in part: its kept cards' ids count too, in line order.
    const kept = (incremental.get(f.path)?.kept ?? []).filter((k) => k.sourceId !== null);
    const cards = kept.length
      ? [...f.cards, ...kept.map((k) => ({ id: k.sourceId, line: k.line }))].sort((a, b) => a.line - b.line)
      : f.cards;
    for (const c of cards) {
      if (!c.id) continue;
      const first = seen.get(c.id);
      const elsewhere = owner.get(c.id) as { source_file: string; source_line: number } | undefined;
      if (first) {
        errors.push({
          file: f.path,
          line: c.line,
          column: 1,
          message: `duplicate id ${c.id} (first at ${first.file}:${first.line})`,
        });
      } else if (elsewhere && !compiling.has(elsewhere.source_file)) {
        errors.push({
          file: f.path,
          line: c.line,
          column: 1,
          message: `duplicate id ${c.id} (already used at ${sources.onDisk(elsewhere.source_file)}:${elsewhere.source_line})`,
        });
      } else seen.set(c.id, { file: f.path, line: c.line });
    }
  }
}
