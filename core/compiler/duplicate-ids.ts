/** Ids written twice: in the files being compiled, or already owned by another file's card. */
import type { Collection } from '../store/collection.ts';
import type { Incremental } from './incremental.ts';
import type { CompileError, ParsedFile } from './parse.ts';
import type { sourcePaths } from './source-path.ts';

export function checkDuplicateIds(
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
