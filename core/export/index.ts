/**
 * Exports by format: `.apkg` (Anki, with history if asked), CSV/TSV with Anki's headers,
 * Markdown in Mnemo's card syntax (outPath is a folder), and the JSON dump. Every exporter
 * but apkg's reads a consistent snapshot through its own read-only connection and writes
 * under a temporary name renamed into place at the end; so does the apkg exporter, in its
 * own module.
 */
import type { Collection } from '../store/collection.ts';
import { AtomicFile, AtomicFolder } from './output.ts';
import { Snapshot } from './snapshot.ts';
import type { ExportCounts, ExportOptions, ExportResult, OnProgress } from './types.ts';

export type { ExportFormat, ExportOptions, ExportResult, OnProgress } from './types.ts';

/** The Anki exporter is loaded on demand: most exports never need it (nor its zip library). */
async function exportApkg(
  col: Collection,
  outPath: string,
  options: ExportOptions,
  onProgress?: OnProgress,
): Promise<ExportResult> {
  const { exportApkg } = await import('./apkg/index.ts');
  const r = await exportApkg(
    col,
    outPath,
    { deckIds: options.deckIds, withHistory: options.withHistory },
    onProgress,
  );
  return { file: outPath, ...r };
}

/**
 * The other exporters are loaded on demand too, so that no start of the app or the CLI pays
 * for them: CSV/TSV render every field to HTML (markdown-it, highlight.js, sanitize-html),
 * the JSON dump brings its schema.
 */
async function exportCsv(snap: Snapshot, out: AtomicFile, separator: ',' | '\t'): Promise<ExportCounts> {
  const { exportCsv } = await import('./csv.ts');
  return exportCsv(snap, out, separator);
}

export async function exportTo(
  col: Collection,
  outPath: string,
  options: ExportOptions,
  onProgress?: OnProgress,
): Promise<ExportResult> {
  if (options.format === 'apkg') return exportApkg(col, outPath, options, onProgress);
  const snap = new Snapshot(col, options.deckIds, onProgress);
  try {
    if (options.format === 'md') {
      const folder = new AtomicFolder(outPath);
      try {
        const { exportMarkdown } = await import('./markdown.ts');
        const r = await exportMarkdown(col, snap, folder);
        folder.commit();
        onProgress?.(snap.total, snap.total);
        return { file: outPath, ...r };
      } catch (e) {
        folder.abort();
        throw e;
      }
    }
    const out = new AtomicFile(outPath);
    try {
      const counts =
        options.format === 'json'
          ? await (await import('./json.ts')).exportJson(col, snap, out, {
              // The dump is the whole collection, restorable exactly: always with its history.
              withHistory: true,
              allDecks: options.deckIds === undefined,
            })
          : await exportCsv(snap, out, options.format === 'tsv' ? '\t' : ',');
      const bytes = out.commit();
      onProgress?.(snap.total, snap.total);
      return { file: outPath, bytes, ...counts };
    } catch (e) {
      out.abort();
      throw e;
    }
  } finally {
    snap.close();
  }
}
