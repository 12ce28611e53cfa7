/**
 * Stores an ImportBatch in ONE transaction (IMMEDIATE, like every write): presets, decks,
 * notes matched by guid, cards matched by (note, ord), their FSRS state and review history,
 * and media. A dry run does exactly the same work and then rolls it back, so its summary is
 * by construction the one a real run reports. Any failure stores nothing and is reported as
 * one InvalidArgument naming the file (storage failures keep their own types: disk full,
 * busy, read-only).
 */
import { availableParallelism } from 'node:os';
import { invalidArgument, MnemoError, storageError } from '../errors.ts';
import type { PresetRow } from '../model/types.ts';
import { studyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import { ReviewTally } from '../store/review-tally.ts';
import { ImportDecks } from './apply-decks.ts';
import { applyNote, type NoteContext } from './apply-notes.ts';
import type { ImportBatch, ImportSummary } from './batch.ts';
import { BULK_REVIEWS, reviewCount, withIndexesDeferred } from './bulk-load.ts';
import { checkBatch } from './check-batch.ts';
import { prepareMedia, storeMedia } from './media.ts';
import { inlineWrites, type ReplayStats, WorkerWrites } from './replay/queue.ts';
import { WORKER_REVIEWS } from './replay/thread.ts';
import { ReviewRows } from './review-rows.ts';

export interface ApplyOptions {
  /** Compute the summary and store nothing. */
  dryRun: boolean;
  /** Put every new card into this deck instead of the decks the file names. */
  deckOverride?: string;
  /** Review rows from which an import into a collection without notes is a bulk load (tests lower it). */
  bulkReviews?: number;
  /** Review rows from which replays run on a worker thread while rows are stored (tests change it). */
  workerReviews?: number;
  /** Told how many cards a worker replayed (0: all in place) and how long it was waited for. */
  onReplayed?: (stats: ReplayStats) => void;
}

/** Thrown at the end of a dry run to roll its transaction back; never escapes applyBatch. */
class DryRunRollback extends Error {}

/** Errors say which file they are about; storage failures keep their own type. */
function aboutFile(file: string, e: unknown): unknown {
  const typed = storageError(e);
  const prefix = `${file}: `;
  if (typed instanceof MnemoError) {
    const own = ['InvalidArgument', 'NotFound', 'Conflict'].includes(typed.type);
    return own && !typed.message.startsWith(prefix) ? invalidArgument(prefix + typed.message) : typed;
  }
  return invalidArgument(prefix + String((e as Error)?.message ?? e));
}

export function applyBatch(col: Collection, batch: ImportBatch, options: ApplyOptions): ImportSummary {
  checkBatch(batch);
  const file = batch.source.file;
  if (batch.notes.length === 0) throw invalidArgument(`${file}: nothing to import (it has no notes)`);
  const media = prepareMedia(batch.media);
  const warnings = [...batch.warnings, ...media.warnings];
  const warn = (w: string) => warnings.push(w);
  let summary: ImportSummary | undefined;
  try {
    col.tx(() => {
      const now = col.now();
      const decks = new ImportDecks(col, warn);
      if (options.deckOverride) decks.idFor(options.deckOverride);
      else {
        decks.applyPresets(batch.presets);
        decks.createListed(batch.decks);
      }
      // New-card positions go after the collection's; imported ones keep their order.
      const base = (col.stmt('SELECT max(new_position) FROM cards').pluck().get() as number | null) ?? 0;
      let top = base;
      // Without notes there are no cards and (foreign keys) no review rows: nothing to match.
      const hadNotes = col.stmt('SELECT 1 FROM notes LIMIT 1').get() !== undefined;
      const presets = new Map<number, PresetRow>();
      const dayStartHour = col.settings().dayStartHour;
      // One synchronous call: the process's time zone cannot change while the mapping's cache is used.
      const time = studyTime(dayStartHour);
      const reviews = reviewCount(batch);
      const bulk = !hadNotes && reviews >= (options.bulkReviews ?? BULK_REVIEWS);
      // A bulk load's log starts empty: its summaries are counted as its rows are stored.
      const tally = bulk ? new ReviewTally() : undefined;
      const writes =
        reviews >= (options.workerReviews ?? WORKER_REVIEWS) && availableParallelism() > 1
          ? new WorkerWrites(dayStartHour, time)
          : inlineWrites(dayStartHour, time);
      const ctx: NoteContext = {
        col,
        now,
        dayStartHour,
        studyTime: time,
        writes,
        reviewRows: new ReviewRows(col, tally),
        seenReviewIds: new Set(),
        hadNotes,
        logHadRows: col.stmt('SELECT 1 FROM review_log LIMIT 1').get() !== undefined,
        nextCardId: ((col.stmt('SELECT max(id) FROM cards').pluck().get() as number | null) ?? 0) + 1,
        reviewDeck: (name) => decks.existingId(name),
        presetOf: (deckId) => {
          let p = presets.get(deckId);
          if (!p) {
            p = col.presetOfDeck(deckId);
            presets.set(deckId, p);
          }
          return p;
        },
        decks,
        deckOverride: options.deckOverride,
        renamed: media.renamed,
        position: (given) => {
          const p = given !== undefined ? base + given : top + 1;
          top = Math.max(top, p);
          return p;
        },
        counts: {
          notesAdded: 0,
          notesUpdated: 0,
          notesUnchanged: 0,
          cardsAdded: 0,
          cardsUpdated: 0,
          reviewsAdded: 0,
        },
        skipped: new Map(),
      };
      const applyNotes = () => {
        try {
          for (const note of batch.notes) applyNote(ctx, note);
          writes.drain();
          ctx.reviewRows.flush();
        } finally {
          options.onReplayed?.(writes.close());
        }
      };
      if (bulk) withIndexesDeferred(col, applyNotes, tally);
      else applyNotes();
      for (const [why, n] of ctx.skipped) warn(`${n} ${why}`);
      const mediaAdded = storeMedia(col, media.files, options.dryRun);
      summary = { ...ctx.counts, decksCreated: decks.created, mediaAdded, warnings, dryRun: options.dryRun };
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw aboutFile(file, e);
  } finally {
    // Presets and the new-card position are cached; a rolled-back transaction leaves them stale.
    col.invalidatePresets();
    col.forgetNewPosition();
  }
  return summary!;
}
