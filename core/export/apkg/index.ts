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
import { fieldChecksum, stripHtmlPreservingMediaFilenames } from '../../anki/text.ts';
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
import { ankiCardColumns, ankiTiming, revlogColumns } from './scheduling.ts';
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
  const work = mkdtempSync(join(folder, `.${basename(outPath)}.mnemo-tmp-`));
  const snapshot = new Snapshot(col.path);
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
    /** Mnemo card id → Anki card id, for the review log. */
    const ankiCard = new Map<number, number>();
    const tags = new Set<string>();
    let notes = 0;
    let cards = 0;
    let nextPos = 1;

    for (let after = 0; ; ) {
      const page = snapshot.notePage(after, NOTE_PAGE);
      if (page.notes.length === 0) break;
      after = page.notes.at(-1)!.id;
      const db = pkg;
      db.chunk(() => {
        const nid = new Map<number, number>();
        for (const note of page.notes) {
          const { mid, fields } = ankiNoteFields(note, media);
          const noteTags = splitTags(note.tags);
          for (const t of noteTags) tags.add(t);
          const id = noteIds.take(note.created_at);
          nid.set(note.id, id);
          db.note({
            id,
            guid: note.guid,
            mid,
            mod: Math.floor(note.modified_at / 1000),
            tags: noteTags.length ? ` ${noteTags.join(' ')} ` : '',
            flds: fields.join('\x1f'),
            sfld: stripHtmlPreservingMediaFilenames(fields[0]!),
            csum: fieldChecksum(fields[0]!),
          });
        }
        for (const card of page.cards) {
          const id = cardIds.take(card.created_at);
          if (options.withHistory) ankiCard.set(card.id, id);
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
      });
      notes += page.notes.length;
      cards += page.cards.length;
      done += page.notes.length;
      onProgress?.(done, total);
      await yieldToEventLoop();
    }

    let reviews = 0;
    if (options.withHistory) {
      for (let after = 0; ; ) {
        const page = snapshot.reviewPage(after, REVIEW_PAGE);
        if (page.length === 0) break;
        after = page.at(-1)!.seq;
        const db = pkg;
        db.chunk(() => {
          for (const r of page) {
            const cid = ankiCard.get(r.card_id);
            if (cid === undefined) continue;
            const columns = revlogColumns({
              rating: r.rating,
              kind: r.kind,
              reviewedAt: r.reviewed_at,
              durationMs: r.duration_ms,
              beforeState: r.b_state,
              beforeScheduledDays: r.b_sched,
              beforeDue: r.b_due,
              beforeLastReview: r.b_last,
              afterState: r.a_state,
              afterScheduledDays: r.a_sched,
              afterDue: r.a_due,
              afterDifficulty: r.a_diff,
            });
            db.revlog({ id: Math.floor(r.reviewed_at), cid, ...columns });
            reviews++;
          }
        });
        done = Math.min(total, done + page.length);
        onProgress?.(done, total);
        await yieldToEventLoop();
      }
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
    pkg.close();

    const zipPath = join(work, 'package.apkg');
    zip = new ZipFileWriter(zipPath, now);
    await zip.addFileDeflated('collection.anki2', join(work, 'collection.anki2'));
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
