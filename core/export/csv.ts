/**
 * CSV/TSV with the file headers Anki's File → Import reads without asking anything: the
 * separator, `#html:true`, and which columns hold the guid, note type, deck and tags. One
 * row per note: guid, note type ("Basic", "Basic (and reversed card)", "Basic (type in the
 * answer)", "Cloze"), deck, the two fields as sanitized HTML (rendered as the app shows
 * them, clozes kept as Anki's `{{c1::…}}`), tags. Images point at their media file names,
 * as Anki's fields do; the files themselves are not in a text file (use apkg for that).
 */
import { splitTags } from '../notes/notes.ts';
import type { NoteFields } from '../notes/render.ts';
import { clozeMarkdownToHtml, markdownToHtml } from '../render/html.ts';
import type { AtomicFile } from './output.ts';
import { type Snapshot, selectedNotes } from './snapshot.ts';
import type { ExportCounts } from './types.ts';

export const NOTETYPE = {
  basic: 'Basic',
  reversed: 'Basic (and reversed card)',
  typeIn: 'Basic (type in the answer)',
  cloze: 'Cloze',
} as const;

/** RFC 4180: quoted when it holds the separator, a quote or a line break (or a leading `#`, a comment to Anki). */
export function csvField(value: string, separator: string): string {
  const needs = value.includes(separator) || /["\r\n]/.test(value) || value.startsWith('#');
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Anki's fields name media files bare (`<img src="x.png">`); Mnemo's Markdown says `media/x.png`. */
const bareMedia = (html: string) => html.replace(/(<img\b[^>]*?\ssrc=")media\/([^"/]+")/gi, '$1$2');

function htmlFields(kind: string, fields: NoteFields): [string, string] {
  const render = (md: string | undefined) => bareMedia(markdownToHtml(md ?? '').trimEnd());
  if (kind === 'cloze')
    return [bareMedia(clozeMarkdownToHtml(fields.text ?? '').trimEnd()), render(fields.extra)];
  return [render(fields.front), render(fields.back)];
}

export async function exportCsv(
  snap: Snapshot,
  out: AtomicFile,
  separator: ',' | '\t',
): Promise<ExportCounts> {
  const counts = { notes: 0, cards: 0, reviews: 0, media: 0 };
  const { db } = snap;
  snap.total = db
    .prepare(`SELECT count(*) FROM notes WHERE ${selectedNotes(false)}`)
    .pluck()
    .get({ decks: snap.deckIdsJson }) as number;
  out.write(
    [
      `#separator:${separator === ',' ? 'Comma' : 'Tab'}`,
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
      '',
    ].join('\n'),
  );
  // Each note's deck: that of its first card in the selection.
  const rows = snap.pages<{
    id: number;
    guid: string;
    kind: string;
    fields: string;
    tags: string;
    deck: string;
    cards: number;
  }>(
    `SELECT n.id, n.guid, n.kind, n.fields, n.tags,
       (SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.note_id = n.id AND c.retired = 0
          AND c.deck_id IN (SELECT value FROM json_each(@decks)) ORDER BY c.ord LIMIT 1) AS deck,
       (SELECT count(*) FROM cards c WHERE c.note_id = n.id AND c.retired = 0
          AND c.deck_id IN (SELECT value FROM json_each(@decks))) AS cards
     FROM notes n WHERE n.id > @after AND ${selectedNotes(false, 'n')}
     ORDER BY n.id LIMIT @limit`,
    (r) => r.id,
  );
  for await (const page of rows) {
    let chunk = '';
    for (const n of page) {
      const fields = JSON.parse(n.fields) as NoteFields;
      const type =
        n.kind === 'cloze'
          ? NOTETYPE.cloze
          : n.kind === 'reversed'
            ? NOTETYPE.reversed
            : fields.typeIn
              ? NOTETYPE.typeIn
              : NOTETYPE.basic;
      const [first, second] = htmlFields(n.kind, fields);
      const cells = [n.guid, type, n.deck, first, second, splitTags(n.tags).join(' ')];
      chunk += `${cells.map((c) => csvField(c, separator)).join(separator)}\n`;
      counts.notes++;
      counts.cards += n.cards;
    }
    out.write(chunk);
  }
  return counts;
}
