/**
 * `compile --write-ids`: new ids are stored with their notes in the compile's transaction,
 * then written into the sources file by file. A run killed in between leaves files without
 * the ids the collection has; the next `--write-ids` run finds them (idsMissing) even though
 * their content is unchanged, and writes the same ids (assignIds reuses a matched note's id).
 */
import { randomBytes } from 'node:crypto';
import type { Collection } from '../store/collection.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { digest } from './digest.ts';
import { fileCards, redigest } from './incremental.ts';
import { openingFence } from './markdown-lines.ts';
import type { ParsedCard } from './parse.ts';
import { sourcePaths } from './source-path.ts';

interface WithId {
  file: string;
  parsed: ParsedCard;
}

/** A planned card: its position in its file and the note it matched, if any. */
interface PlannedCard extends WithId {
  index: number;
  match?: { source_id: string | null };
}

const ID_IN_TEXT = /(?:\^id-|<!--\s*id:\s*)([A-Za-z0-9_-]+)/g;

/** The collection has an id for one of this file's cards that the file does not contain. */
export function idsMissing(col: Collection, file: string, text: string): boolean {
  const ids = col
    .stmt('SELECT source_id FROM notes WHERE source_file = ? AND retired = 0 AND source_id IS NOT NULL')
    .pluck()
    .all(file) as string[];
  if (ids.length === 0) return false;
  const present = new Set(Array.from(text.matchAll(ID_IN_TEXT), (m) => m[1]));
  return ids.some((id) => !present.has(id));
}

/**
 * Gives every planned card without an id in its source an id, stored with its note: the id
 * its note already has (from a run that stopped before writing this file), else a new one.
 */
export function assignIds<C extends PlannedCard>(col: Collection, cards: C[]): C[] {
  const missing = cards.filter((c) => !c.parsed.id);
  const taken = col.stmt('SELECT 1 FROM notes WHERE source_id = ?');
  const paths = sourcePaths(); // notes record bundled files relative to the bundle
  for (const c of missing) {
    const kept = c.match?.source_id;
    let id: string;
    if (kept && !taken.get(kept)) id = kept;
    else {
      do id = randomBytes(4).toString('hex');
      while (taken.get(id));
    }
    c.parsed.id = id;
    col
      .stmt('UPDATE notes SET source_id = ? WHERE source_file = ? AND source_index = ? AND retired = 0')
      .run(id, paths.stored(c.file), c.index);
  }
  return missing;
}

/**
 * For tests only: SIGKILL this process after writing N files, before recording them, as a
 * crash or Ctrl+C at the worst moment would (test/integration/write-ids-kill.test.ts). A
 * real kill at a chosen point is otherwise not reproducible.
 */
const dieAfter = Number(process.env.MNEMO_TEST_DIE_AFTER_WRITES) || 0;

/**
 * Writes each card's new id at the end of its last line (` ^id-xxxx`), or on a line of its
 * own after a closing code fence. Nothing else in the file changes, line endings included.
 * Each file is replaced atomically, then its new hash and moved lines are recorded in one
 * transaction, so the next compile sees it unchanged; killed before that, it sees a changed
 * file and parses it again.
 */
export function writeIds(
  col: Collection,
  cards: WithId[],
  contents: Map<string, { text: string; hash: string }>,
): number {
  const byFile = new Map<string, WithId[]>();
  for (const c of cards) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  let written = 0;
  let files = 0;
  const paths = sourcePaths();
  for (const [file, list] of byFile) {
    const lines = contents.get(file)!.text.split('\n');
    const insertedBelow: number[] = [];
    // From the bottom up, so inserted lines do not shift the ones still to do.
    for (const c of [...list].sort((a, b) => b.parsed.endLine - a.parsed.endLine)) {
      const i = c.parsed.endLine - 1;
      const raw = lines[i]!;
      const cr = raw.endsWith('\r') ? '\r' : '';
      const text = cr ? raw.slice(0, -1) : raw;
      if (openingFence(text)) {
        lines.splice(i + 1, 0, `^id-${c.parsed.id}${cr}`);
        insertedBelow.push(c.parsed.endLine);
      } else lines[i] = `${text} ^id-${c.parsed.id}${cr}`;
      written++;
    }
    const content = lines.join('\n');
    writeFileAtomic(file, content);
    if (dieAfter && ++files >= dieAfter) process.kill(process.pid, 'SIGKILL');
    col.tx(() => {
      // Cards below each new line moved down by one.
      for (const line of insertedBelow) {
        col
          .stmt('UPDATE notes SET source_line = source_line + 1 WHERE source_file = ? AND source_line > ?')
          .run(paths.stored(file), line);
      }
      // Its lines and cards as they are now, for the next compile to compare with (incremental.ts).
      const stored = paths.stored(file);
      const lines = col.stmt('SELECT lines FROM source_files WHERE path = ?').pluck().get(stored);
      const rows = col
        .stmt(
          'SELECT id, source_line, source_id FROM notes WHERE source_file = ? AND retired = 0 ORDER BY source_index',
        )
        .raw(true)
        .all(stored) as [number, number, string | null][];
      col
        .stmt('UPDATE source_files SET content_hash = ?, lines = ? WHERE path = ?')
        .run(digest(content), redigest(lines as Buffer | undefined, content, fileCards(rows)), stored);
    });
  }
  return written;
}
