/**
 * `.apkg` export: the decks' notes, cards and (with `withHistory`) scheduling and review
 * log, as a schema-11 `collection.anki2` plus the images the cards use, zipped: the legacy
 * form every Anki since 2.1 and AnkiDroid import (see shared/reference/anki-apkg-format.md).
 *
 * It reads a snapshot through its own read-only connection, in pages, yielding to the event
 * loop between them (the app stays responsive), builds the package in a temporary folder
 * beside `outPath` and renames it into place at the end: a failed export leaves no file.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stripHtmlPreservingMediaFilenames, textChecksum } from '../../anki/text.ts';
import { mediaDir } from '../../compiler/media.ts';
import { invalidArgument } from '../../errors.ts';
import type { DeckRow, PresetRow } from '../../model/types.ts';
import { splitTags } from '../../notes/notes.ts';
import type { Collection } from '../../store/collection.ts';
import { ankiDeckId, collectionConfJson, dconfJson, decksJson, includedDecks } from './col-json.ts';
import { IdAllocator } from './ids.ts';
import { ankiNoteFields, MediaCollector } from './note-fields.ts';
import { modelsJson } from './note-types.ts';
import { PackageDb } from './package-db.ts';
import { type AfterState, RevlogBuffer } from './revlog.ts';
import { ankiCardColumns, ankiTiming } from './scheduling.ts';
import { Snapshot } from './snapshot.ts';
import { ZipFileWriter } from './zip-writer.ts';

export interface ExportApkgOptions {
  /** These decks and their subdecks; undefined: every deck. */
  deckIds?: number[];
  /** Scheduling, FSRS state and review log too; without it cards go out new, nothing personal. */
  withHistory: boolean;
}

export interface ExportApkgResult {
  notes: number;
  cards: number;
  reviews: number;
  media: number;
  bytes: number;
}

const NOTE_PAGE = 2000;
const REVIEW_PAGE = 20_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function exportApkg(
  col: Collection,
  outPath: string,
  options: ExportApkgOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportApkgResult> {
  const folder = dirname(outPath);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw invalidArgument(`${outPath}: the folder ${folder} does not exist`);
  }
  const now = col.now();
  // col.db.name: the file actually open (for a read-only folder, Mnemo's private copy of it).
  const snapshot = new Snapshot(col.db.name);
  let work: string;
  try {
    work = mkdtempSync(join(folder, `.${basename(outPath)}.mnemo-tmp-`));
  } catch (e) {
    snapshot.close();
    throw e;
  }
  let pkg: PackageDb | null = null;
  let zip: ZipFileWriter | null = null;
  try {
    const allDecks = snapshot.decks();
    const exported = snapshot.selectDecks(allDecks, options.deckIds);
    const decks = includedDecks(allDecks, exported);
    const presets = new Map(snapshot.presets().map((p) => [p.id, p]));
    const timing = ankiTiming(now, snapshot.dayStartHour());
    const counts = snapshot.counts(options.withHistory);
    const total = counts.notes + counts.reviews;
    let done = 0;
    onProgress?.(0, total);

    pkg = new PackageDb(join(work, 'collection.anki2'));
    const media = new MediaCollector(mediaDir(col));
    const deckOf = new Map<number, DeckRow>(decks.map((d) => [d.id, d]));
    const presetOf = (deckId: number): PresetRow => presets.get(deckOf.get(deckId)!.preset_id)!;
    const noteIds = new IdAllocator();
    const cardIds = new IdAllocator();
    /** Mnemo card id → Anki card id and a dense number, for the review log. */
    const ankiCard = new Map<number, number>();
    const cardSlot = new Map<number, number>();
    const tags = new Set<string>();
    let notes = 0;
    let cards = 0;
    let nextPos = 1;

    for (let after = 0; ; ) {
      const page = snapshot.notePage(after, NOTE_PAGE);
      if (page.last === null) break;
      after = page.last;
      const db = pkg;
      {
        const nid = new Map<number, number>();
        for (const note of page.notes) {
          const { mid, fields } = ankiNoteFields(note, media);
          // Without history, as Anki's own export without scheduling: no `leech` tag (it comes
          // from the user's lapses, not from the deck's author).
          const noteTags = options.withHistory
            ? splitTags(note.tags)
            : splitTags(note.tags).filter((t) => t !== 'leech');
          for (const t of noteTags) tags.add(t);
          const id = noteIds.take(note.created_at);
          nid.set(note.id, id);
          const sortText = stripHtmlPreservingMediaFilenames(fields[0]!);
          db.note({
            id,
            guid: note.guid,
            mid,
            mod: Math.floor(note.modified_at / 1000),
            tags: noteTags.length ? ` ${noteTags.join(' ')} ` : '',
            flds: fields.join('\x1f'),
            sfld: sortText,
            csum: textChecksum(sortText),
          });
        }
        for (const card of page.cards) {
          const id = cardIds.take(card.created_at);
          if (options.withHistory) {
            ankiCard.set(card.id, id);
            cardSlot.set(card.id, cardSlot.size);
          }
          nextPos = Math.max(nextPos, card.new_position + 1);
          db.card({
            id,
            nid: nid.get(card.note_id)!,
            did: ankiDeckId(deckOf.get(card.deck_id)!),
            ord: card.ord,
            mod: Math.floor(card.modified_at / 1000),
            ...ankiCardColumns(card, presetOf(card.deck_id), timing, now, options.withHistory),
          });
        }
      }
      notes += page.notes.length;
      cards += page.cards.length;
      done += page.notes.length;
      onProgress?.(done, total);
      await yieldToEventLoop();
    }

    let reviews = 0;
    if (options.withHistory) {
      // Progress: reading the log is the first half of each review's share, writing it the second.
      const reviewProgress = (rows: number) =>
        onProgress?.(counts.notes + Math.floor(Math.min(rows, 2 * counts.reviews) / 2), total);
      const revlog = new RevlogBuffer(counts.reviews);
      let read = 0;
      for (let after = 0; ; ) {
        const page = snapshot.reviewPage(after, REVIEW_PAGE);
        if (page.length === 0) break;
        after = page.at(-1)![0];
        for (const [, cardId, rating, kind, reviewedAt, durationMs, state] of page) {
          const cid = ankiCard.get(cardId);
          if (cid === undefined) continue;
          // JSON.parse costs less than SQLite's json_extract of the same four values.
          const slot = cardSlot.get(cardId)!;
          revlog.add(cid, slot, rating, kind, reviewedAt, durationMs, JSON.parse(state) as AfterState);
        }
        read += page.length;
        reviewProgress(read);
        await yieldToEventLoop();
      }
      // Written in time order, in chunks, yielding in between.
      for (let from = 0; from < revlog.length; from += REVIEW_PAGE) {
        const db = pkg;
        revlog.write(from, from + REVIEW_PAGE, PackageDb.REVLOG_BLOCK, (values, n) =>
          db.revlogRows(values, n),
        );
        reviewProgress(counts.reviews + from + REVIEW_PAGE);
        await yieldToEventLoop();
      }
      reviews = revlog.length;
    }
    snapshot.close();

    const mod = Math.floor(now / 1000);
    pkg.finish({
      crt: timing.crt,
      mod: now,
      conf: collectionConfJson(timing, nextPos, options.withHistory),
      models: modelsJson(mod, decks.length ? ankiDeckId(decks[0]!) : 1),
      decks: decksJson(decks, mod),
      dconf: dconfJson([...presets.values()], decks, mod, options.withHistory),
      tags: Object.fromEntries([...tags].map((t) => [t, 0])),
    });
    for (const _ of pkg.buildIndexes()) await yieldToEventLoop();
    pkg.close();

    const zipPath = join(work, 'package.apkg');
    zip = new ZipFileWriter(zipPath, now);
    // Level 1 for a large collection: several times faster than 6, about a tenth larger.
    const collectionPath = join(work, 'collection.anki2');
    await zip.addFileDeflated(
      'collection.anki2',
      collectionPath,
      statSync(collectionPath).size > 16 << 20 ? 1 : 6,
    );
    const map: Record<string, string> = {};
    [...media.names].forEach((name, i) => {
      zip!.addStored(String(i), readFileSync(join(media.dir, name)));
      map[String(i)] = name;
    });
    // Anki's legacy importer fails without a `media` member: always written, `{}` when empty.
    zip.addStored('media', new TextEncoder().encode(JSON.stringify(map)));
    zip.finish();
    renameSync(zipPath, outPath);
    onProgress?.(total, total);
    return { notes, cards, reviews, media: media.names.size, bytes: zip.bytes };
  } finally {
    snapshot.close();
    pkg?.close();
    zip?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
