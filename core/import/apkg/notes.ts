/**
 * An Anki note as Mnemo's ImportedNote. Mnemo's own note types give back the Markdown from
 * MnemoSource, unless the HTML was edited in Anki since (then the edited HTML is taken).
 * Basic (one template), Basic-and-reversed (two) and Cloze note types map to Mnemo's kinds
 * by their shape; any other note type gives its first two fields, a warning naming it, and
 * as many of its cards as the kind has (two-sided if the note has a second card).
 */
import {
  decodeMnemoSource,
  htmlDigest,
  MNEMO_FIELDS,
  mnemoKindOfNotetype,
} from '../../anki/mnemo-notetypes.ts';
import { decodeEntities, stripHtmlPreservingMediaFilenames } from '../../anki/text.ts';
import type { NoteKind } from '../../model/types.ts';
import type { NoteFields } from '../../notes/render.ts';
import type { ImportedCard, ImportedNote } from '../batch.ts';
import type { NoteType } from './schema.ts';

export class NoteError extends Error {}

export interface AnkiNote {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  tags: string;
  flds: string;
}

export interface NoteContext {
  now: number;
  /** Media names the package has: `media/NAME` in restored Markdown is pointed at NAME. */
  media: ReadonlyMap<string, string>;
  note(what: string): void;
  /** Note types imported from their first two fields: name → notes. */
  foreign: Map<string, number>;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** How a note type maps: Mnemo's own, a shape Mnemo has, or another (first two fields). */
function shapeOf(nt: NoteType): { mnemo: NoteKind | null; kind: NoteKind | null } {
  const mnemo = mnemoKindOfNotetype(nt.id);
  if (mnemo && sameList(nt.fields, MNEMO_FIELDS[mnemo])) return { mnemo, kind: mnemo };
  if (nt.cloze) return { mnemo: null, kind: nt.fields.length <= 2 ? 'cloze' : null };
  if (nt.fields.length === 2 && nt.templates === 1) return { mnemo: null, kind: 'basic' };
  if (nt.fields.length === 2 && nt.templates === 2) return { mnemo: null, kind: 'reversed' };
  return { mnemo: null, kind: null };
}

function htmlFields(kind: NoteKind, first: string, second: string): NoteFields {
  return kind === 'cloze' ? { text: first, extra: second } : { front: first, back: second };
}

/** `media/NAME` (Mnemo's folder) → `NAME` (the package's name) wherever the package has NAME. */
function packageMediaNames(fields: NoteFields, media: ReadonlyMap<string, string>): NoteFields {
  const out: NoteFields = { ...fields };
  for (const key of ['front', 'back', 'text', 'extra'] as const) {
    const v = out[key];
    if (v?.includes('media/')) {
      out[key] = v.replace(/(\]\(\s*<?|\ssrc=["']?)media\/([^)\s>"']+)/g, (m, head: string, name: string) =>
        media.has(name) ? head + name : m,
      );
    }
  }
  return out;
}

const MAX_TAGS = 1000;

export function toImportedNote(
  row: AnkiNote,
  nt: NoteType,
  cards: ImportedCard[],
  ctx: NoteContext,
): ImportedNote {
  if (row.guid.length === 0 || row.guid.length > 200) {
    throw new NoteError(
      `note ${row.id} has ${row.guid.length ? 'a guid over 200 characters' : 'an empty guid'}`,
    );
  }
  const values = row.flds.split('\x1f');
  if (values.length !== Math.max(1, nt.fields.length)) {
    throw new NoteError(
      `note ${row.id} has ${values.length} fields, but its note type "${nt.name}" has ${nt.fields.length}`,
    );
  }
  const first = values[0] ?? '';
  const second = values[1] ?? '';
  const shape = shapeOf(nt);
  let kind: NoteKind;
  let fields: NoteFields;
  let context = '';
  if (shape.mnemo) {
    const source = decodeMnemoSource(values[3] ?? '');
    kind = source?.kind ?? shape.mnemo;
    if (source && source.kind === shape.mnemo && source.h === htmlDigest(first, second)) {
      fields = packageMediaNames(source.fields, ctx.media);
      context = source.context;
    } else {
      ctx.note('note(s) edited in Anki: their HTML taken in place of the Markdown they were exported from');
      fields = { ...htmlFields(kind, first, second), ...(source?.fields.typeIn ? { typeIn: true } : {}) };
      context = decodeEntities(stripHtmlPreservingMediaFilenames(values[2] ?? '')).trim();
    }
  } else if (shape.kind) {
    kind = shape.kind;
    fields = htmlFields(kind, first, second);
  } else {
    ctx.foreign.set(nt.name, (ctx.foreign.get(nt.name) ?? 0) + 1);
    kind = nt.cloze ? 'cloze' : cards.some((c) => c.ord === 1) ? 'reversed' : 'basic';
    fields = htmlFields(kind, first, second);
  }
  const allowed = (ord: number) => kind === 'cloze' || ord === 0 || (kind === 'reversed' && ord === 1);
  const kept = cards.filter((c) => allowed(c.ord));
  if (kept.length < cards.length) ctx.note('card(s) of templates past the first two left out');
  let tags = row.tags.split(/\s+/).filter(Boolean);
  if (tags.some((t) => t.length > 1000)) {
    ctx.note('tag(s) over 1000 characters left out');
    tags = tags.filter((t) => t.length <= 1000);
  }
  if (tags.length > MAX_TAGS) {
    ctx.note(`tags past the first ${MAX_TAGS} of a note left out`);
    tags = tags.slice(0, MAX_TAGS);
  }
  const note: ImportedNote = {
    guid: row.guid,
    kind,
    fields,
    tags,
    context: context.slice(0, 100_000),
    // Anki's note `mod` is in seconds; Mnemo compares milliseconds ("update if newer").
    modifiedAt: Math.min(8.64e15, Math.max(0, row.mod) * 1000),
    cards: kept,
  };
  if (row.id > 946_684_800_000 && row.id <= ctx.now + 86_400_000) note.createdAt = row.id;
  return note;
}
