/**
 * A Mnemo note as the fields of its Anki note type: the rendered, sanitized HTML the app
 * shows, the heading path as Context, and the Markdown itself in the hidden MnemoSource.
 * Images the HTML shows from Mnemo's media folder are collected for the package and named
 * there by their plain file name, which is what Anki's fields refer to.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { encodeMnemoSource, htmlDigest, MNEMO_NOTETYPE_IDS } from '../../anki/mnemo-notetypes.ts';
import type { NoteKind, NoteRow } from '../../model/types.ts';
import type { NoteFields } from '../../notes/render.ts';
import { clozeMarkdownToHtml, escapeHtml, markdownToHtml } from '../../render/html.ts';

/** Media names Mnemo writes (content hashes with an extension); nothing else is packed. */
const MEDIA_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;
const MEDIA_SRC = /(<img\b[^>]*?\ssrc=")media\/([^"/]+)"/g;

/** The images the exported notes use, each checked once in Mnemo's media folder. */
export class MediaCollector {
  readonly names = new Set<string>();
  private readonly present = new Map<string, boolean>();

  constructor(readonly dir: string) {}

  private exists(name: string): boolean {
    let ok = this.present.get(name);
    if (ok === undefined) {
      try {
        ok = MEDIA_NAME.test(name) && lstatSync(join(this.dir, name)).isFile(); // no symlinks
      } catch {
        ok = false;
      }
      this.present.set(name, ok);
    }
    return ok;
  }

  /** `src="media/x.png"` → `src="x.png"` for every image that is in the folder. */
  rewrite(html: string): string {
    if (!html.includes('media/')) return html;
    return html.replace(MEDIA_SRC, (m, head: string, name: string) => {
      if (!this.exists(name)) return m;
      this.names.add(name);
      return `${head}${name}"`;
    });
  }
}

export interface AnkiNoteFields {
  mid: number;
  fields: string[];
}

function parseFields(note: Pick<NoteRow, 'fields'>): NoteFields {
  const value = JSON.parse(note.fields) as unknown;
  return typeof value === 'object' && value !== null ? (value as NoteFields) : {};
}

/** Fields in the order of the note type's `flds` (see core/anki/mnemo-notetypes.ts). */
export function ankiNoteFields(
  note: Pick<NoteRow, 'kind' | 'fields' | 'context'>,
  media: MediaCollector,
): AnkiNoteFields {
  const fields = parseFields(note);
  const kind: NoteKind = note.kind;
  const first =
    kind === 'cloze' ? clozeMarkdownToHtml(fields.text ?? '') : markdownToHtml(fields.front ?? '');
  const second = markdownToHtml(kind === 'cloze' ? (fields.extra ?? '') : (fields.back ?? ''));
  // NFC, as Anki stores every field: the checksum Anki computes is then the one we write.
  const html = [media.rewrite(first).normalize('NFC'), media.rewrite(second).normalize('NFC')];
  const source = encodeMnemoSource({
    v: 1,
    kind,
    fields,
    context: note.context,
    h: htmlDigest(html[0]!, html[1]!),
  });
  return {
    mid: MNEMO_NOTETYPE_IDS[kind],
    // MnemoSource stays byte for byte (Anki normalises it too, which changes no Markdown meaning).
    fields: [html[0]!, html[1]!, escapeHtml(note.context).normalize('NFC'), source],
  };
}
