/**
 * `mnemo import` and the API's import.preview / import.run: reads a file, telling its format
 * by its content (never by its name alone): a zip is an Anki package (.apkg/.colpkg), JSON
 * with `"format": "mnemo-collection"` a Mnemo dump, other text CSV/TSV. Sizes are bounded
 * before anything is read, and anything that is not what it claims (a binary file, a
 * `.apkg` that is not a zip, an empty file) gets one message naming the file. Then
 * applyBatch stores it in one transaction, or (preview) reports what it would do.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { invalidArgument } from '../errors.ts';
import type { Collection } from '../store/collection.ts';
import { applyBatch } from './apply.ts';
import { applyExams } from './apply-exams.ts';
import type { ImportBatch, ImportSummary } from './batch.ts';
import { type CsvOptions, readCsv } from './csv/read.ts';
import { readJsonDump } from './json/read.ts';

export type { CsvColumn, CsvOptions } from './csv/read.ts';

export const MAX_PACKAGE_BYTES = 1024 ** 3;
export const MAX_TEXT_BYTES = 200 * 1024 ** 2;

export interface ImportOptions {
  /** Put every new card into this deck (created if needed). */
  deckName?: string;
  /** Columns and separator for CSV/TSV files without Anki's headers. */
  csv?: CsvOptions;
  /** The file's name in messages (default: the path's last part); never used as a path. */
  name?: string;
}

/** Where the transports store an upload; `uploadId` is checked so it can only name a file in imports/. */
export function uploadPath(col: Collection, uploadId: string): string {
  if (!/^[a-z0-9-]{8,64}$/.test(uploadId))
    throw invalidArgument('uploadId: must be 8 to 64 lowercase letters, digits or dashes');
  return join(dirname(col.path), 'imports', uploadId);
}

const isZip = (b: Uint8Array) =>
  b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && b[3] === b[2] + 1;
const mib = (n: number) => `${Math.round(n / 1024 ** 2)} MiB`;

function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

function readAll(path: string, size: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    // One byte more than its size: a file growing while read is caught, never read unbounded.
    const buf = Buffer.alloc(size + 1);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The file as an ImportBatch, whatever its format; throws InvalidArgument "<name>: <problem>". */
export async function readImportFile(
  filePath: string,
  options: ImportOptions = {},
  /** The collection's clock and study-day start: a package's due days are read in them. */
  at: { now: number; dayStartHour: number } = { now: Date.now(), dayStartHour: 4 },
): Promise<ImportBatch> {
  const name = options.name ?? basename(filePath);
  const ext = extname(name).toLowerCase();
  let size: number;
  try {
    const st = statSync(filePath);
    if (st.isDirectory()) throw invalidArgument(`${name}: is a folder, not a file to import`);
    if (!st.isFile()) throw invalidArgument(`${name}: is not a regular file`);
    size = st.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw invalidArgument(`${name}: no such file`);
    throw e;
  }
  if (size === 0) throw invalidArgument(`${name}: the file is empty`);
  if (isZip(readHead(filePath, 4))) {
    if (size > MAX_PACKAGE_BYTES)
      throw invalidArgument(`${name}: packages may be at most ${mib(MAX_PACKAGE_BYTES)}`);
    // Loaded only for packages: it brings a zip reader and zstd along.
    const { readAnkiPackage } = await import('./apkg/index.ts');
    return readAnkiPackage(filePath, { name, ...at });
  }
  if (ext === '.apkg' || ext === '.colpkg')
    throw invalidArgument(`${name}: named ${ext} but not an Anki package (those are zip files)`);
  if (ext === '.md' || ext === '.markdown')
    throw invalidArgument(`${name}: Markdown decks are compiled, not imported: run "mnemo compile ${name}"`);
  if (size > MAX_TEXT_BYTES)
    throw invalidArgument(`${name}: text files may be at most ${mib(MAX_TEXT_BYTES)}`);
  const bytes = readAll(filePath, size);
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL byte');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidArgument(
      `${name}: not UTF-8 text, an Anki package or a Mnemo JSON dump (it looks like binary data)`,
    );
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw invalidArgument(`${name}: the file holds only white space`);
  if (start.startsWith('{') || ext === '.json') return readJsonDump(start, name);
  return readCsv(text, name, { csv: options.csv, deckName: options.deckName });
}

const clockOf = (col: Collection) => ({ now: col.now(), dayStartHour: col.settings().dayStartHour });

/** What importing the file would do; nothing is stored. */
export async function previewImport(
  col: Collection,
  filePath: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batch = await readImportFile(filePath, options, clockOf(col));
  return applyBatch(col, batch, { dryRun: true, deckOverride: options.deckName });
}

/** Imports the file in one transaction. */
export async function runImport(
  col: Collection,
  filePath: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batch = await readImportFile(filePath, options, clockOf(col));
  // One transaction: the notes, cards and history, then the exams over the decks they made.
  return col.tx(() => {
    const summary = applyBatch(col, batch, { dryRun: false, deckOverride: options.deckName });
    // Only a Mnemo dump carries exams: other formats' summaries stay as they were.
    if (batch.exams === undefined) return summary;
    return { ...summary, examsAdded: applyExams(col, batch.exams, summary.warnings) };
  });
}
