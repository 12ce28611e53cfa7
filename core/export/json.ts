/**
 * The Mnemo JSON dump (layout: core/import/json/schema.ts, README.md): presets, decks,
 * notes, cards with their FSRS state, every review-log row with its before/after state, and
 * the images the notes use. Written element by element, so a large collection never sits in
 * memory as one string. Without history, cards are exported as new and the log is left out.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_IMAGE_BYTES } from '../compiler/deck-image.ts';
import { mediaDir } from '../compiler/media.ts';
import type { ExamRow } from '../exams/exams.ts';
import { fromColumns } from '../import/fsrs-state.ts';
import {
  DUMP_FORMAT,
  DUMP_VERSION,
  type DumpCard,
  type DumpNote,
  type DumpReview,
} from '../import/json/schema.ts';
import type { CardRow, DeckRow, NoteRow, PresetRow, ReviewLogRow } from '../model/types.ts';
import { splitTags } from '../notes/notes.ts';
import { presetView } from '../presets/presets.ts';
import type { Collection } from '../store/collection.ts';
import type { AtomicFile } from './output.ts';
import { type Snapshot, selectedNotes } from './snapshot.ts';
import type { ExportCounts } from './types.ts';

const IN_DECKS = 'deck_id IN (SELECT value FROM json_each(@decks))';
// Pages are read in key order: CROSS JOIN and the unary + keep SQLite walking the table by
// its key (each page a short range) instead of starting from the decks and sorting every row
// again for each page, which made a 100,000-review export ten times slower.
const MEDIA_REF = /media\/([A-Za-z0-9_-][A-Za-z0-9_.-]{0,200})/g;

/** Writes `[`, then each element on its own line, then `]`. */
class JsonArray {
  private first = true;
  constructor(
    private readonly out: AtomicFile,
    key: string,
  ) {
    out.write(`,\n${JSON.stringify(key)}: [`);
  }
  add(value: unknown): void {
    this.out.write(`${this.first ? '\n' : ',\n'}${JSON.stringify(value)}`);
    this.first = false;
  }
  end(): void {
    this.out.write(this.first ? ']' : '\n]');
  }
}

/**
 * The exams the export covers: those whose decks are all exported (an exam over every deck
 * only with all decks). A plain copy of their rows, decks by name.
 */
function writeExams(db: Snapshot['db'], out: AtomicFile, exported: Set<number>, allDecks: boolean): void {
  const exams = new JsonArray(out, 'exams');
  const deckStmt = db.prepare(
    'SELECT d.id, d.name FROM exam_decks e JOIN decks d ON d.id = e.deck_id WHERE e.exam_id = ? ORDER BY d.name',
  );
  for (const e of db.prepare('SELECT * FROM exams ORDER BY exam_at, id').all() as ExamRow[]) {
    const decks = deckStmt.all(e.id) as { id: number; name: string }[];
    if (decks.length === 0 ? !allDecks : !decks.every((d) => exported.has(d.id))) continue;
    exams.add({
      name: e.name,
      examAt: e.exam_at,
      decks: decks.map((d) => d.name),
      tags: splitTags(e.tags),
      target: e.target,
      budgetKind: e.budget_kind,
      budget: e.budget,
      createdAt: e.created_at,
      modifiedAt: e.modified_at,
    });
  }
  exams.end();
}

export async function exportJson(
  col: Collection,
  snap: Snapshot,
  out: AtomicFile,
  options: { withHistory: boolean; allDecks: boolean },
): Promise<ExportCounts> {
  const { db } = snap;
  const count = (sql: string) => db.prepare(sql).pluck().get({ decks: snap.deckIdsJson }) as number;
  const counts = { notes: 0, cards: 0, reviews: 0, media: 0 };
  snap.total =
    count(`SELECT count(*) FROM notes WHERE ${selectedNotes(true)}`) +
    count(`SELECT count(*) FROM cards WHERE ${IN_DECKS}`) +
    (options.withHistory
      ? count(`SELECT count(*) FROM review_log WHERE card_id IN (SELECT id FROM cards WHERE ${IN_DECKS})`)
      : 0);

  out.write(
    `{"format": ${JSON.stringify(DUMP_FORMAT)}, "version": ${DUMP_VERSION}, "exportedAt": ${col.now()}`,
  );
  const decks = db
    .prepare(
      `SELECT d.*, p.name AS preset FROM decks d JOIN presets p ON p.id = d.preset_id WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.name`,
    )
    .all(snap.deckIdsJson) as (DeckRow & { preset: string })[];
  const presets = new JsonArray(out, 'presets');
  const used = new Set(decks.map((d) => d.preset));
  for (const p of db.prepare('SELECT * FROM presets ORDER BY id').all() as PresetRow[]) {
    if (!options.allDecks && !used.has(p.name)) continue;
    const { id: _id, ...fields } = presetView(p);
    presets.add({ ...fields, modifiedAt: p.modified_at });
  }
  presets.end();
  const deckList = new JsonArray(out, 'decks');
  for (const d of decks)
    deckList.add({ name: d.name, preset: d.preset, description: d.description, createdAt: d.created_at });
  deckList.end();
  writeExams(db, out, new Set(decks.map((d) => d.id)), options.allDecks);

  const media = new Set<string>();
  const notes = new JsonArray(out, 'notes');
  for await (const page of snap.pages<NoteRow>(
    `SELECT * FROM notes WHERE id > @after AND ${selectedNotes(true)} ORDER BY id LIMIT @limit`,
    (n) => n.id,
  )) {
    for (const n of page) {
      for (const m of n.fields.matchAll(MEDIA_REF)) media.add(m[1]!);
      const hasSource = [
        n.source_file,
        n.source_line,
        n.source_id,
        n.source_key,
        n.source_index,
        n.source_section,
        n.content_hash,
      ].some((v) => v !== null);
      const note: DumpNote = {
        guid: n.guid,
        kind: n.kind,
        fields: JSON.parse(n.fields),
        tags: splitTags(n.tags),
        context: n.context,
        createdAt: n.created_at,
        modifiedAt: n.modified_at,
        retired: n.retired === 1,
        source: hasSource
          ? {
              file: n.source_file,
              line: n.source_line,
              id: n.source_id,
              key: n.source_key,
              index: n.source_index,
              section: n.source_section,
              contentHash: n.content_hash,
            }
          : null,
      };
      notes.add(note);
      counts.notes++;
    }
  }
  notes.end();

  const h = options.withHistory;
  const cards = new JsonArray(out, 'cards');
  for await (const page of snap.pages<CardRow & { guid: string; deck: string }>(
    `SELECT c.*, n.guid, d.name AS deck FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id
     WHERE c.id > @after AND +c.${IN_DECKS} ORDER BY c.id LIMIT @limit`,
    (c) => c.id,
  )) {
    for (const c of page) {
      const card: DumpCard = {
        note: c.guid,
        ord: c.ord,
        deck: c.deck,
        fsrs: h ? fromColumns(c) : null,
        newPosition: c.new_position,
        suspended: h && c.suspended === 1,
        buriedUntil: h ? c.buried_until : 0,
        flag: h ? c.flag : 0,
        leech: h && c.leech === 1,
        retired: c.retired === 1,
        createdAt: c.created_at,
        modifiedAt: c.modified_at,
      };
      cards.add(card);
      counts.cards++;
    }
  }
  cards.end();

  const log = new JsonArray(out, 'reviewLog');
  if (h) {
    for await (const page of snap.pages<ReviewLogRow & { guid: string; ord: number; deck: string | null }>(
      `SELECT r.*, n.guid, c.ord, d.name AS deck FROM review_log r CROSS JOIN cards c ON c.id = r.card_id
       JOIN notes n ON n.id = c.note_id LEFT JOIN decks d ON d.id = r.deck_id
       WHERE r.seq > @after AND c.${IN_DECKS} ORDER BY r.seq LIMIT @limit`,
      (r) => r.seq,
    )) {
      for (const r of page) {
        const row: DumpReview = {
          id: r.id,
          note: r.guid,
          ord: r.ord,
          deck: r.deck,
          rating: r.rating,
          kind: r.kind,
          reviewedAt: r.reviewed_at,
          durationMs: r.duration_ms,
          before: fromColumns(JSON.parse(r.before)),
          after: fromColumns(JSON.parse(r.after)),
        };
        log.add(row);
        counts.reviews++;
      }
    }
  }
  log.end();

  const files = new JsonArray(out, 'media');
  const dir = mediaDir(col);
  for (const name of [...media].sort()) {
    const path = join(dir, name);
    // Only regular files of image size: a dangling reference or anything odd is not carried.
    const st = existsSync(path) ? lstatSync(path) : null;
    if (!st?.isFile() || st.size > MAX_IMAGE_BYTES) continue;
    files.add({ name, data: readFileSync(path).toString('base64') });
    counts.media++;
    await new Promise(setImmediate);
  }
  files.end();
  out.write('\n}\n');
  return counts;
}
