/**
 * Markdown export: a folder with one file per deck in Mnemo's card syntax (front matter with
 * the deck, tags and source section; headings for contexts; each card's id carrying its
 * note's guid) and the images the cards use in `media/`. Compiling the folder into an empty
 * collection gives the same notes, decks, tags and guids. Front matter tags belong to a whole
 * file, so a deck whose notes have different tags gets one file per set of tags.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mediaDir } from '../compiler/media.ts';
import type { NoteKind } from '../model/types.ts';
import { splitTags } from '../notes/notes.ts';
import type { NoteFields } from '../notes/render.ts';
import type { Collection } from '../store/collection.ts';
import { deckFileText, type MdFile, notesNotRoundTripping } from './markdown-card.ts';
import type { AtomicFolder } from './output.ts';
import { type Snapshot, selectedNotes } from './snapshot.ts';
import type { ExportCounts } from './types.ts';

const MEDIA_REF = /media\/([A-Za-z0-9_-][A-Za-z0-9_.-]{0,200})/g;

/** A file name for a deck: `Docker::网络模式` → `Docker__网络模式.md`, never README, a dotfile or a path. */
export function deckFileName(deck: string, taken: Set<string>): string {
  const base =
    deck
      .replace(/::/g, '__')
      .replace(/[/\\:*?"<>|]/g, '_')
      .replace(/\p{Cc}/gu, '_')
      .replace(/^\./, '_')
      .slice(0, 150) || 'deck';
  const stem = /^readme$/i.test(base) ? `${base}_` : base;
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : ` (${n})`}.md`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

interface Row {
  id: number;
  guid: string;
  kind: NoteKind;
  fields: string;
  tags: string;
  context: string;
  source_section: string | null;
  source_file: string | null;
  source_index: number | null;
  deck: string;
  cards: number;
}

export async function exportMarkdown(
  col: Collection,
  snap: Snapshot,
  folder: AtomicFolder,
): Promise<ExportCounts & { warnings: string[]; bytes: number }> {
  const counts = { notes: 0, cards: 0, reviews: 0, media: 0 };
  let bytes = 0;
  const warnings: string[] = [];
  snap.total = snap.db
    .prepare(`SELECT count(*) FROM notes WHERE ${selectedNotes(false)}`)
    .pluck()
    .get({ decks: snap.deckIdsJson }) as number;
  const groups = new Map<string, MdFile & { order: (string | number)[][] }>();
  const media = new Set<string>();
  for await (const page of snap.pages<Row>(
    `SELECT n.id, n.guid, n.kind, n.fields, n.tags, n.context, n.source_section, n.source_file, n.source_index,
       (SELECT d.name FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.note_id = n.id AND c.retired = 0
          AND c.deck_id IN (SELECT value FROM json_each(@decks)) ORDER BY c.ord LIMIT 1) AS deck,
       (SELECT count(*) FROM cards c WHERE c.note_id = n.id AND c.retired = 0
          AND c.deck_id IN (SELECT value FROM json_each(@decks))) AS cards
     FROM notes n WHERE n.id > @after AND ${selectedNotes(false, 'n')} ORDER BY n.id LIMIT @limit`,
    (r) => r.id,
  )) {
    for (const r of page) {
      for (const m of r.fields.matchAll(MEDIA_REF)) media.add(m[1]!);
      const tags = [...new Set(splitTags(r.tags))]; // in their stored order, so they come back as they were
      const key = JSON.stringify([r.deck, tags, r.source_section]);
      let group = groups.get(key);
      if (!group) {
        group = { deck: r.deck, tags, source: r.source_section, notes: [], order: [] };
        groups.set(key, group);
      }
      group.notes.push({
        guid: r.guid,
        kind: r.kind,
        fields: JSON.parse(r.fields) as NoteFields,
        context: r.context,
      });
      // Cards without a context first; then the order they were written in, where known.
      group.order.push([r.context === '' ? 0 : 1, r.source_file ?? '', r.source_index ?? 0, r.id]);
      counts.notes++;
      counts.cards += r.cards;
    }
  }

  const taken = new Set<string>();
  const sorted = [...groups.values()].sort(
    (a, b) => a.deck.localeCompare(b.deck) || b.notes.length - a.notes.length,
  );
  const lost: string[] = [];
  for (const group of sorted) {
    const order = group.notes.map((n, i) => ({ n, key: group.order[i]! }));
    order.sort((a, b) => {
      for (let k = 0; k < a.key.length; k++) {
        const x = a.key[k]!;
        const y = b.key[k]!;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
    const file: MdFile = {
      deck: group.deck,
      tags: group.tags,
      source: group.source,
      notes: order.map((o) => o.n),
    };
    const name = deckFileName(group.deck, taken);
    const text = deckFileText(file);
    writeFileSync(join(folder.path, name), text);
    bytes += Buffer.byteLength(text);
    lost.push(...notesNotRoundTripping(join(folder.path, name), text, file).map((g) => `${name}: ${g}`));
    await new Promise(setImmediate);
  }
  if (lost.length)
    warnings.push(
      `${lost.length} note(s) hold text the card syntax cannot express exactly (e.g. a blank line in a front); compiling the folder changes them: ${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''}`,
    );

  const dir = mediaDir(col);
  for (const name of [...media].sort()) {
    const from = join(dir, name);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(join(folder.path, 'media'), { recursive: true });
    copyFileSync(from, join(folder.path, 'media', name));
    bytes += lstatSync(from).size;
    counts.media++;
  }
  return { ...counts, warnings, bytes };
}
