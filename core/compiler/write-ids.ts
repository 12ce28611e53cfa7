import type { Collection } from '../store/collection.ts';
import { digest } from './digest.ts';
import { writeFileAtomic } from './files.ts';
import { openingFence } from './markdown-lines.ts';
import type { ParsedCard } from './parse.ts';

interface WithId {
  file: string;
  parsed: ParsedCard;
}

/**
 * Writes each card's new id at the end of its last line (` ^id-xxxx`), or on a line of its
 * own after a closing code fence. Nothing else in the file changes, line endings included;
 * the file's recorded hash is updated so the next compile sees it unchanged.
 */
export function writeIds(
  col: Collection,
  cards: WithId[],
  contents: Map<string, { text: string; hash: string }>,
): number {
  const byFile = new Map<string, WithId[]>();
  for (const c of cards) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  let written = 0;
  for (const [file, list] of byFile) {
    const lines = contents.get(file)!.text.split('\n');
    // From the bottom up, so inserted lines do not shift the ones still to do.
    for (const c of [...list].sort((a, b) => b.parsed.endLine - a.parsed.endLine)) {
      const i = c.parsed.endLine - 1;
      const raw = lines[i]!;
      const cr = raw.endsWith('\r') ? '\r' : '';
      const text = cr ? raw.slice(0, -1) : raw;
      if (openingFence(text)) {
        lines.splice(i + 1, 0, `^id-${c.parsed.id}${cr}`);
        // Cards below the new line moved down by one.
        col
          .stmt('UPDATE notes SET source_line = source_line + 1 WHERE source_file = ? AND source_line > ?')
          .run(file, c.parsed.endLine);
      } else lines[i] = `${text} ^id-${c.parsed.id}${cr}`;
      written++;
    }
    const content = lines.join('\n');
    writeFileAtomic(file, content);
    col.stmt('UPDATE source_files SET content_hash = ? WHERE path = ?').run(digest(content), file);
  }
  return written;
}
