/**
 * Mnemo's own note types inside an Anki package. Their ids are fixed, so every export names
 * the same note types (Anki then updates notes instead of copying the note type), and an
 * import recognises them and restores the Markdown exactly from the hidden `MnemoSource`
 * field instead of taking the rendered HTML.
 */
import { createHash } from 'node:crypto';
import type { NoteKind } from '../model/types.ts';
import type { NoteFields } from '../notes/render.ts';

export const MNEMO_NOTETYPE_IDS = {
  basic: 1700000000101,
  reversed: 1700000000102,
  cloze: 1700000000103,
} as const satisfies Record<NoteKind, number>;

export const MNEMO_NOTETYPE_NAMES: Record<NoteKind, string> = {
  basic: 'Mnemo Basic',
  reversed: 'Mnemo Basic (and reversed card)',
  cloze: 'Mnemo Cloze',
};

/** Field names in order; the first two hold the rendered HTML, `Context` the heading path. */
export const MNEMO_FIELDS: Record<NoteKind, readonly string[]> = {
  basic: ['Front', 'Back', 'Context', 'MnemoSource'],
  reversed: ['Front', 'Back', 'Context', 'MnemoSource'],
  cloze: ['Text', 'Extra', 'Context', 'MnemoSource'],
};

export function mnemoKindOfNotetype(id: number): NoteKind | null {
  for (const kind of ['basic', 'reversed', 'cloze'] as const) {
    if (MNEMO_NOTETYPE_IDS[kind] === id) return kind;
  }
  return null;
}

/** What the hidden field carries: the note as Mnemo stores it. */
export interface MnemoSource {
  v: 1;
  kind: NoteKind;
  fields: NoteFields;
  context: string;
  /**
   * A digest of the two HTML fields as exported. If the note was edited in Anki they no
   * longer match it, and an import takes the edited HTML rather than the stale Markdown.
   */
  h: string;
}

/** The digest `h`: NFC first, because Anki normalises every field it imports to NFC. */
export function htmlDigest(first: string, second: string): string {
  return createHash('sha1').update(`${first}\x1f${second}`.normalize('NFC')).digest('hex').slice(0, 16);
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The field's content: the JSON as HTML text (`&`, `<`, `>` escaped), so Anki's editor,
 * which treats every field as HTML, shows and keeps it as plain text.
 */
export function encodeMnemoSource(source: MnemoSource): string {
  return escapeText(JSON.stringify(source));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The source from a field's content, or null when it is missing or not one of ours. */
export function decodeMnemoSource(field: string): MnemoSource | null {
  const text = field
    .trim()
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (m, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? m;
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
  if (!text.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.v !== 1 || !['basic', 'reversed', 'cloze'].includes(v.kind as string)) return null;
  const fields = v.fields as Record<string, unknown> | undefined;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return null;
  const out: NoteFields = {};
  for (const key of ['front', 'back', 'text', 'extra'] as const) {
    const f = fields[key];
    if (f === undefined) continue;
    if (typeof f !== 'string') return null;
    out[key] = f;
  }
  if (fields.typeIn !== undefined) {
    if (typeof fields.typeIn !== 'boolean') return null;
    out.typeIn = fields.typeIn;
  }
  return {
    v: 1,
    kind: v.kind as NoteKind,
    fields: out,
    context: typeof v.context === 'string' ? v.context : '',
    h: typeof v.h === 'string' ? v.h : '',
  };
}
