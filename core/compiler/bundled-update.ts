/**
 * Bundled decks that reach users who already have them. The bundled decks are compiled in on
 * the first start; when a later version of the app ships them changed, a start applies the
 * change to the collection: only the bundled files, only when one of them differs from what
 * the collection last compiled, through the ordinary compile (so every card that stays keeps
 * its history, matched by its id). What the user did stays done: suspended cards stay
 * suspended (a compile never touches that), and a bundled card the user retired (removed from
 * the file in their editor, the app's way of deleting a card) stays retired even when the new
 * version still has it. Home then says in one line what changed.
 */
import { readFileSync } from 'node:fs';
import type { Collection } from '../store/collection.ts';
import type { BundledDecksNotice } from '../store/settings.ts';
import { legacyBundledId } from './bundled-legacy-ids.ts';
import { adoptMovedBundle, recordBundledPaths } from './bundled-paths.ts';
import { compileDecks } from './compile.ts';
import { digest } from './digest.ts';
import { collectDeckFiles } from './files.ts';
import { formatError } from './parse.ts';
import { BUNDLED_PREFIX, bundledDecksDir, sourcePaths } from './source-path.ts';

/** Notes compiled from bundled files, as SQL: a range on the indexed column (LIKE would scan). */
const BUNDLED_NOTES = `source_file >= '${BUNDLED_PREFIX}' AND source_file < 'bundled;'`;

/** Collections whose start has an update still to run (Home waits for it). */
const pending = new WeakSet<Collection>();

export function markBundledUpdatePending(col: Collection, waiting: boolean): void {
  if (waiting) pending.add(col);
  else pending.delete(col);
}

export const bundledUpdatePending = (col: Collection): boolean => pending.has(col);

/**
 * Whether a bundled file differs from what the collection last compiled from it (or was
 * added, or is gone). A collection that never had the bundled decks (it was not empty on
 * its first start) is not given them now.
 */
function bundleChanged(col: Collection, files: readonly string[], stored: (f: string) => string): boolean {
  const rows = col
    .stmt(`SELECT path, content_hash AS hash FROM source_files WHERE path LIKE '${BUNDLED_PREFIX}%'`)
    .all() as { path: string; hash: string }[];
  if (rows.length === 0) return false;
  const recorded = new Map(rows.map((r) => [r.path, r.hash]));
  const shipped = new Set(files.map(stored));
  if (rows.some((r) => !shipped.has(r.path))) return true;
  return files.some((f) => recorded.get(stored(f)) !== digest(readFileSync(f, 'utf8')));
}

/**
 * Notes from the first bundled decks, which had no ids, get the id their card has had since
 * (bundled-legacy-ids.ts), so the compile finds them by id even where the new version
 * rewords the front or moves the card to another deck.
 */
function giveLegacyIds(col: Collection): number {
  const rows = col
    .stmt(`SELECT id, source_key AS key FROM notes WHERE ${BUNDLED_NOTES} AND source_id IS NULL`)
    .all() as { id: number; key: string | null }[];
  const taken = col.stmt('SELECT 1 FROM notes WHERE source_id = ?');
  const give = col.stmt('UPDATE notes SET source_id = ? WHERE id = ?');
  let given = 0;
  for (const r of rows) {
    const id = r.key === null ? undefined : legacyBundledId(r.key);
    if (id !== undefined && !taken.get(id)) {
      give.run(id, r.id);
      given++;
    }
  }
  return given;
}

const retiredBundledNotes = (col: Collection): Set<number> =>
  new Set(col.stmt(`SELECT id FROM notes WHERE ${BUNDLED_NOTES} AND retired = 1`).pluck().all() as number[]);

/** Each bundled card: whether it is retired, and its note's content (deck included). */
function bundledCards(col: Collection): Map<number, { retired: number; content: string | null }> {
  const rows = col
    .stmt(
      `SELECT c.id, c.retired, n.content_hash FROM notes n JOIN cards c ON c.note_id = n.id
       WHERE n.${BUNDLED_NOTES}`,
    )
    .raw(true)
    .all() as [number, number, string | null][];
  return new Map(rows.map(([id, retired, content]) => [id, { retired, content }]));
}

/**
 * What the user will notice, in cards: new ones (and ones brought back), ones whose text or
 * deck changed, ones gone.
 */
function cardChanges(before: ReturnType<typeof bundledCards>, after: ReturnType<typeof bundledCards>) {
  const changes = { edited: 0, added: 0, retired: 0 };
  for (const [id, now] of after) {
    const was = before.get(id);
    if (now.retired) {
      if (was && !was.retired) changes.retired++;
    } else if (!was || was.retired) changes.added++;
    else if (was.content !== now.content) changes.edited++;
  }
  return changes;
}

/** The top-level decks the bundled cards are in ("Docker"), for the notice. */
function bundledTopDecks(col: Collection): string[] {
  const names = col
    .stmt(
      `SELECT DISTINCT d.name FROM notes n JOIN cards c ON c.note_id = n.id JOIN decks d ON d.id = c.deck_id
       WHERE n.${BUNDLED_NOTES} AND c.retired = 0`,
    )
    .pluck()
    .all() as string[];
  return [...new Set(names.map((n) => n.split('::')[0]!))].sort();
}

/**
 * Applies the bundled decks as this version ships them to a collection that has an earlier
 * version, in one transaction. Returns what changed (also stored for Home), or null when
 * nothing needed to change.
 */
export function updateBundledDecks(col: Collection): BundledDecksNotice | null {
  const dir = bundledDecksDir();
  const { files } = collectDeckFiles([dir]);
  if (files.length === 0) return null; // a build without bundled decks: nothing to compare with
  const sources = sourcePaths(dir);
  recordBundledPaths(col, sources);
  adoptMovedBundle(col, dir, files);
  if (!bundleChanged(col, files, sources.stored)) return null;
  return col.tx(() => {
    giveLegacyIds(col);
    const retiredBefore = retiredBundledNotes(col);
    const cardsBefore = bundledCards(col);
    const byUpdate = new Set(col.settings().bundledRetiredByUpdate);
    const report = compileDecks(col, [dir]);
    if (!report.applied) {
      const first = report.errors[0];
      throw new Error(`the bundled decks do not compile: ${first ? formatError(first) : 'unknown error'}`);
    }
    // The user's own retirements stand, whatever the new version has.
    const retireNote = col.stmt('UPDATE notes SET retired = 1, modified_at = ? WHERE id = ? AND retired = 0');
    const retireCards = col.stmt(
      'UPDATE cards SET retired = 1, modified_at = ? WHERE note_id = ? AND retired = 0',
    );
    let reRetired = 0;
    for (const id of retiredBefore) {
      if (byUpdate.has(id)) continue;
      reRetired += retireNote.run(col.now(), id).changes;
      retireCards.run(col.now(), id);
    }
    // Their files no longer hold only live cards: read them whole next time (incremental.ts).
    if (reRetired > 0) {
      col
        .stmt(`UPDATE source_files SET lines = NULL, cards = NULL WHERE path LIKE '${BUNDLED_PREFIX}%'`)
        .run();
    }
    const retiredAfter = retiredBundledNotes(col);
    const retiredNow = [...retiredAfter].filter((id) => !retiredBefore.has(id));
    const stillByUpdate = [...byUpdate, ...retiredNow].filter((id) => retiredAfter.has(id));
    const notice: BundledDecksNotice = {
      at: col.now(),
      decks: bundledTopDecks(col),
      ...cardChanges(cardsBefore, bundledCards(col)),
    };
    col.writeSettings({
      bundledRetiredByUpdate: [...new Set(stillByUpdate)].sort((a, b) => a - b),
      bundledDecksNotice: notice,
    });
    return notice;
  });
}
