/**
 * CSV/TSV into an ImportBatch, with or without Anki's file headers. With them, the columns
 * named by `#guid column:`, `#notetype column:`, `#deck column:` and `#tags column:` hold
 * those, and the others are the note's fields in order (`#html:true`: the fields are HTML,
 * which Mnemo keeps inside the Markdown and sanitizes when shown, like any card). Without
 * them, the columns are the ones chosen (default: front, back, tags) and the fields are
 * Markdown. A file without a guid column gets guids made from each note's type and first
 * field, so importing the same file again updates its notes instead of adding copies.
 */
import { basename, extname } from 'node:path';
import { digest } from '../../compiler/digest.ts';
import { invalidArgument } from '../../errors.ts';
import type { NoteKind } from '../../model/types.ts';
import { cardOrds, type NoteFields } from '../../notes/render.ts';
import type { ImportBatch, ImportedNote } from '../batch.ts';
import { guessSeparator, parseDelimited, readHeaders, separatorFrom } from './parse.ts';

export const CSV_COLUMNS = ['front', 'back', 'tags', 'deck', 'guid', 'notetype', 'skip'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface CsvOptions {
  /** What each column holds, in order (replaces the file's own column headers). */
  columns?: CsvColumn[];
  separator?: 'comma' | 'tab' | 'semicolon';
}

interface Layout {
  guid?: number;
  notetype?: number;
  deck?: number;
  tags?: number;
  /** The field columns, in order (0-based). */
  fields: number[];
}

/** Anki's stock note types, and what Mnemo makes of them. */
function kindOf(notetype: string, fields: string[]): { kind: NoteKind; typeIn?: boolean } | null {
  const name = notetype.trim().toLowerCase();
  if (name === '' || name === 'basic') return { kind: 'basic' };
  if (name === 'basic (and reversed card)') return { kind: 'reversed' };
  if (name === 'basic (optional reversed card)') return { kind: fields[2]?.trim() ? 'reversed' : 'basic' };
  if (name === 'basic (type in the answer)') return { kind: 'basic', typeIn: true };
  if (name === 'cloze') return { kind: 'cloze' };
  return null;
}

/** A 1-based column number from a header, checked. */
function columnOf(headers: Map<string, string>, key: string, file: string): number | undefined {
  const raw = headers.get(key);
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw invalidArgument(`${file}: #${key}:${raw} is not a column number (1, 2, …)`);
  return n - 1;
}

function layoutOf(headers: Map<string, string>, width: number, options: CsvOptions, file: string): Layout {
  if (options.columns) {
    const at = (c: CsvColumn) =>
      options.columns!.indexOf(c) === -1 ? undefined : options.columns!.indexOf(c);
    const fields = [at('front'), at('back')].filter((i) => i !== undefined);
    if (at('front') === undefined) throw invalidArgument(`${file}: the columns chosen have no front`);
    return { guid: at('guid'), notetype: at('notetype'), deck: at('deck'), tags: at('tags'), fields };
  }
  const special = {
    guid: columnOf(headers, 'guid column', file),
    notetype: columnOf(headers, 'notetype column', file),
    deck: columnOf(headers, 'deck column', file),
    tags: columnOf(headers, 'tags column', file),
  };
  const taken = new Set(Object.values(special).filter((i) => i !== undefined));
  const anki = [...headers.keys()].some((k) => k.endsWith(' column') || k === 'separator' || k === 'html');
  if (!anki) return { tags: width > 2 ? 2 : undefined, fields: [0, 1] };
  const fields: number[] = [];
  for (let i = 0; i < Math.max(width, ...taken) + 1; i++) if (!taken.has(i)) fields.push(i);
  return { ...special, fields };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function readCsv(
  text: string,
  file: string,
  options: { csv?: CsvOptions; deckName?: string } = {},
): ImportBatch {
  const csv = options.csv ?? {};
  const { headers, bodyStart } = readHeaders(text);
  const ext = extname(file).toLowerCase();
  const separator = csv.separator
    ? separatorFrom(csv.separator, file)
    : headers.has('separator')
      ? separatorFrom(headers.get('separator')!, file)
      : ext === '.tsv' || ext === '.tab'
        ? '\t'
        : ext === '.csv'
          ? ','
          : guessSeparator(text, bodyStart);
  const { rows } = parseDelimited(text, separator, file);
  if (rows.length === 0) throw invalidArgument(`${file}: no rows to import`);
  const width = Math.max(...rows.map((r) => r.cells.length));
  const layout = layoutOf(headers, width, csv, file);
  // Plain text unless the file says its fields are HTML; headerless files are Markdown.
  const htmlHeader = headers.get('html')?.trim().toLowerCase();
  const asText = htmlHeader === 'false' ? escapeHtml : (s: string) => s;
  const fixedType = headers.get('notetype');
  const fixedDeck = headers.get('deck')?.trim();
  const fixedTags = (headers.get('tags') ?? '').split(/\s+/).filter(Boolean);
  const defaultDeck = options.deckName ?? fixedDeck ?? (basename(file, extname(file)).trim() || 'Imported');

  const notes: ImportedNote[] = [];
  const seen = new Map<string, number>();
  const unknownTypes = new Set<string>();
  for (const { line, cells } of rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
    const values = layout.fields.map((i) => cell(i));
    const typeName = layout.notetype !== undefined ? cell(layout.notetype) : (fixedType ?? '');
    let type = kindOf(typeName, values);
    if (!type) {
      unknownTypes.add(typeName);
      type = { kind: /\{\{c\d+::/.test(values[0] ?? '') ? 'cloze' : 'basic' };
    }
    const [first = '', second = ''] = values.map(asText);
    const fields: NoteFields =
      type.kind === 'cloze'
        ? { text: first, ...(second ? { extra: second } : {}) }
        : { front: first, back: second, ...(type.typeIn ? { typeIn: true } : {}) };
    let guid = cell(layout.guid).trim();
    if (!guid) {
      // Same type and first field, same guid: the n-th such row keeps its own.
      const base = digest(`${type.kind}\n${first.trim()}`);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      guid = `csv-${base.slice(0, 20)}${n > 1 ? `-${n}` : ''}`;
    }
    const deck = cell(layout.deck).trim() || defaultDeck;
    const tags = [...fixedTags, ...cell(layout.tags).split(/\s+/).filter(Boolean)];
    if (guid.length > 200)
      throw invalidArgument(`${file}: line ${line}: the guid is longer than 200 characters`);
    const cards = cardOrds(type.kind, fields).map((ord) => ({ ord, deck, fsrs: null, reviews: [] }));
    notes.push({ guid, kind: type.kind, fields, tags, cards });
  }
  const warnings = unknownTypes.size
    ? [
        `note type(s) ${[...unknownTypes].map((t) => `"${t}"`).join(', ')} imported as Basic (or Cloze) from their first two fields`,
      ]
    : [];
  return {
    source: { file, format: separator === '\t' ? 'tsv' : 'csv' },
    decks: [],
    presets: [],
    notes,
    media: [],
    warnings,
  };
}
