/**
 * Matching parsed cards to the notes they were compiled into before: by explicit id, by
 * key (deck + normalized front), then as in-place edits (match-edits.ts).
 */
import type { Collection } from '../store/collection.ts';
import { type Candidate, cardKey, otherIds, type Planned } from './candidate.ts';
import { guidFromId } from './guid-id.ts';
import type { Incremental } from './incremental.ts';
import { type KeptPlan, placeKept, withKeptNeighbours } from './kept-cards.ts';
import { matchEdits } from './match-edits.ts';
import { matchOwnKeys } from './match-keys.ts';
import type { ParsedFile } from './parse.ts';

/**
 * Matches parsed cards to existing notes: by explicit id, by key, then as in-place edits. A
 * file read in part (incremental.ts) keeps its unchanged cards' notes; its re-read cards are
 * matched against the notes of the parts re-read (and the file's retired ones). A front two
 * cards share gives its note to the card in the note's place (match-keys.ts), so a file read
 * whole matches as one read in part.
 */
export function plan(
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
  // Two reads for every file read in part, instead of two each: the notes re-read, and the
  // retired ones (which any file's cards may bring back), by file.
  const retired = (
    col.stmt(`SELECT ${cols} FROM notes WHERE retired = 1`).raw(true).all() as unknown[][]
  ).map(toCandidate);
  const retiredIn = new Map<string, Candidate[]>();
  for (const n of retired) {
    const list = retiredIn.get(n.source_file ?? '');
    if (list) list.push(n);
    else retiredIn.set(n.source_file ?? '', [n]);
  }
  const rereadIds = [...incremental.values()].flatMap((p) => p.reread);
  const reread = new Map<number, Candidate>();
  if (rereadIds.length > 0) {
    const ofIds = col
      .stmt(`SELECT ${cols} FROM notes WHERE id IN (SELECT value FROM json_each(?))`)
      .raw(true);
    for (const row of ofIds.all(JSON.stringify(rereadIds)) as unknown[][]) {
      const n = toCandidate(row);
      reread.set(n.id, n);
    }
  }
  const rereadOf = (part: Incremental): Candidate[] => {
    const ids = [...part.reread].sort((a, b) => a - b);
    const out: Candidate[] = [];
    for (const id of ids) {
      const n = reread.get(id);
      if (n) out.push(n);
    }
    return out;
  };
  // Keyed as the collection records files, as notes' source_file is.
  for (const path of [...files.map((p) => p.path), ...deleted]) {
    const f = stored(path);
    const part = incremental.get(path);
    const notes = part
      ? [...rereadOf(part), ...(retiredIn.get(f) ?? [])]
      : (ofFile.all(f) as unknown[][]).map(toCandidate);
    if (part) notes.sort((a, b) => (a.source_index ?? -1) - (b.source_index ?? -1));
    byFile.set(f, notes);
    for (const n of notes) consider(n);
  }
  // Retired cards from other files can come back (moved to a file being compiled now).
  for (const n of retired) {
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

  // Every file's ids first, then keys (each file's own notes, then any), then edits: a note
  // goes to the card that names it, then to the card of its own file that asks what it asks,
  // whichever file is planned first.
  const perFile = files.map((file) => {
    const storedFile = stored(file.path);
    const items: Planned[] = file.cards.map((parsed, index) => ({
      parsed,
      file: file.path,
      storedFile,
      index,
      key: cardKey(parsed.deck, parsed.front),
    }));
    const part = incremental.get(file.path);
    if (part) placeKept(items, part.kept);
    // The cards with what bounds them: for a file read in part, the kept cards around them.
    const around = (list: readonly Planned[]) =>
      part ? withKeptNeighbours(list, part.kept, storedFile) : list;
    return { file, storedFile, items, part, around };
  });
  for (const { items } of perFile) {
    for (const it of items) {
      if (!it.parsed.id) continue;
      const n = findById(it.parsed.id);
      if (n && !claimed.has(n.id)) {
        it.match = n;
        it.how = 'id';
        claimed.add(n.id);
      }
    }
  }
  for (const { items, around } of perFile) matchOwnKeys(items, around, byKey, claimed);
  for (const { items } of perFile) {
    for (const it of items) {
      if (it.match) continue;
      const n = (byKey.get(it.key) ?? []).find((c) => !claimed.has(c.id) && !otherIds(it, c));
      if (n) {
        it.match = n;
        it.how = 'key';
        claimed.add(n.id);
      }
    }
  }
  const planned: Planned[] = [];
  const kept: KeptPlan[] = [];
  for (const { file, storedFile, items, part, around } of perFile) {
    if (part) kept.push({ file: file.path, cards: part.kept });
    const unmatched = items.some((it) => !it.match);
    matchEdits(col, unmatched ? around(items) : items, byFile.get(storedFile) ?? [], claimed);
    planned.push(...items);
  }
  const retire: Candidate[] = [];
  for (const notes of byFile.values())
    for (const n of notes) if (!claimed.has(n.id) && n.retired === 0) retire.push(n);
  return { cards: planned, retire, kept };
}
