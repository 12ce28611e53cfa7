/**
 * The service API: the only door into the core. Grouped by domain; every method takes one
 * JSON object of named arguments (validated with zod) and returns plain JSON. The Electron
 * IPC and the browser-mode HTTP server only map a method name onto `callMethod`.
 */
import * as z from 'zod';
import {
  buryCards,
  flagCards,
  repositionCards,
  resetCards,
  suspendCards,
  unburyCards,
  unsuspendCards,
} from '../cards/actions.ts';
import { SORT_COLUMNS, searchCards } from '../cards/search.ts';
import { cardDetails, cardView, fsrsView } from '../cards/view.ts';
import { bundledDecksDir } from '../compiler/bundled.ts';
import { bundledUpdatePending } from '../compiler/bundled-update.ts';
import { compileDecks } from '../compiler/compile.ts';
import { compilablePaths, deckFolders, removeDeckFolder } from '../compiler/deck-folders.ts';
import { allDecks, ensureDeck, subtreeIds } from '../decks/decks.ts';
import { invalidArgument, MnemoError, notFound, storageError } from '../errors.ts';
import { getExam } from '../exams/exams.ts';
import { examQueue } from '../exams/session.ts';
import type { CardRow } from '../model/types.ts';
import { addNote } from '../notes/notes.ts';
import { listedLater } from '../queue/listed-later.ts';
import { buildQueue, type Counts, deckCounts } from '../queue/queue.ts';
import { answerCard, undoLast } from '../review/answer.ts';
import { type NextState, previewStates } from '../scheduler/fsrs.ts';
import { statsForecast, statsHistory, statsToday } from '../stats/stats.ts';
import type { Collection } from '../store/collection.ts';
import { SETTINGS_BOUNDS } from '../store/settings.ts';
import { seeded } from '../sync/identity.ts';
import { recordSettingsChange } from '../sync/settings-collection.ts';
import { recordDeckPresets, recordDeckPresetsByName } from '../sync/settings-record.ts';
import { backupsApi } from './backups.ts';
import { id, method, noArgs } from './define.ts';
import { cramApi, examsApi } from './exams.ts';
import { exportApi } from './export.ts';
import { importApi } from './import.ts';
import { notesEditApi } from './notes-edit.ts';
import { optimizeApi } from './optimize.ts';
import { presetsApi } from './presets.ts';
import { statsApi } from './stats.ts';
import { syncApi } from './sync.ts';

const deckScope = z.strictObject({ deckId: id.optional() });
const cardIds = z.strictObject({ cardIds: z.array(id).min(1).max(100_000) });

function requireDeck(col: Collection, deckId: number | undefined): void {
  if (deckId !== undefined && !col.deck(deckId)) throw notFound(`deck ${deckId} does not exist`);
}

/** A numeric setting within its shared bounds (the settings form checks the same ones). */
function setting(name: keyof typeof SETTINGS_BOUNDS) {
  const { min, max } = SETTINGS_BOUNDS[name];
  return z.number().int().min(min).max(max).optional();
}

function publicSettings(col: Collection) {
  const { dayStartHour, learnAheadMinutes, theme, language } = col.settings();
  return { dayStartHour, learnAheadMinutes, theme, language };
}

/** The collection behind each API object, so `callMethod` can refuse calls on a damaged one. */
const collectionOf = new WeakMap<object, Collection>();

export function createApi(col: Collection) {
  /** Today's queue: a deck's (or all decks'), or with `examId` the exam session's ("Study for EXAM"). */
  const queueFor = (a: { deckId?: number; examId?: number }) => {
    if (a.examId !== undefined) {
      if (a.deckId !== undefined) throw invalidArgument('give a deck or an exam, not both');
      return examQueue(col, getExam(col, a.examId));
    }
    requireDeck(col, a.deckId);
    return buildQueue(col, a.deckId);
  };
  const button = (s: NextState) => ({
    rating: s.rating,
    intervalMs: s.intervalMs,
    intervalText: s.intervalText,
    ...fsrsView(s),
  });
  const shownCard = (card: CardRow) => {
    const now = col.now();
    const states = previewStates(
      col.presetOfDeck(card.deck_id),
      seeded(col, card),
      now,
      col.settings().dayStartHour,
    );
    return {
      card: cardView(col, card),
      states: {
        again: button(states.again),
        hard: button(states.hard),
        good: button(states.good),
        easy: button(states.easy),
      },
      shownAt: now,
    };
  };
  const api = {
    decks: {
      /** Every deck with today's counts (parents include their children) and its total cards. */
      list: method(noArgs, () => {
        const decks = allDecks(col);
        const counts = deckCounts(col, decks);
        // Total cards of each deck including its subdecks: add each deck's own count to its ancestors.
        const totals = new Map<number, number>();
        const parentOf = new Map(decks.map((d) => [d.id, d.parent_id]));
        // Each deck's own cards, kept up to date by triggers (migration 7): no card is read.
        const own = col.stmt('SELECT deck_id AS deck, cards AS n FROM deck_totals').all() as {
          deck: number;
          n: number;
        }[];
        for (const { deck, n } of own) {
          for (let d: number | null | undefined = deck; d != null; d = parentOf.get(d)) {
            totals.set(d, (totals.get(d) ?? 0) + n);
          }
        }
        const today: Counts = { new: 0, learning: 0, review: 0 };
        const list = decks.map((d) => {
          const c = counts.get(d.id)!;
          if (d.parent_id === null) {
            today.new += c.new;
            today.learning += c.learning;
            today.review += c.review;
          }
          return {
            id: d.id,
            name: d.name,
            parentId: d.parent_id,
            presetId: d.preset_id,
            counts: c,
            totalCards: totals.get(d.id) ?? 0,
          };
        });
        return { decks: list, today };
      }),
      create: method(z.strictObject({ name: z.string().min(1).max(500), presetId: id.optional() }), (a) =>
        col.tx(() => {
          const { deck, created } = ensureDeck(col, a.name, a.presetId);
          if (a.presetId !== undefined) recordDeckPresetsByName(col, created, a.presetId);
          return { id: deck.id, name: deck.name, created };
        }),
      ),
      /**
       * Compiles Markdown deck sources into the collection, in one transaction: the registered
       * deck folders and the bundled decks, or the given paths, each inside one of those.
       */
      compile: method(
        z.strictObject({
          paths: z.array(z.string().min(1)).min(1).optional(),
          keepGoing: z.boolean().optional(),
          writeIds: z.boolean().optional(),
          force: z.boolean().optional(),
        }),
        // Synced decks get ids written into their files: every device must name a card alike.
        (a) =>
          compileDecks(col, compilablePaths(col, a.paths), {
            ...a,
            writeIds: a.writeIds ?? col.settings().syncFolder !== null,
          }),
      ),
      /** The registered deck folders (added with `mnemo decks add PATH` or the app's folder dialog). */
      folders: method(noArgs, () => ({ folders: deckFolders(col), bundled: bundledDecksDir() })),
      /**
       * What the last update of the bundled decks changed, for Home to say in one line until
       * dismissed; `pending` while this start's update has yet to run (ask again shortly).
       */
      bundledUpdate: method(noArgs, () => ({
        pending: bundledUpdatePending(col),
        notice: col.settings().bundledDecksNotice,
      })),
      dismissBundledUpdate: method(noArgs, () => {
        col.tx(() => col.writeSettings({ bundledDecksNotice: null }));
        return { dismissed: true };
      }),
      /** Unregisters a deck folder; its cards stay in the collection. */
      removeFolder: method(z.strictObject({ path: z.string().min(1) }), (a) => ({
        removed: removeDeckFolder(col, a.path),
        folders: deckFolders(col),
      })),
      /** Gives a deck (and with `subdecks`, every deck under it) a preset, in one transaction. */
      setPreset: method(z.strictObject({ deckId: id, presetId: id, subdecks: z.boolean().optional() }), (a) =>
        col.tx(() => {
          requireDeck(col, a.deckId);
          if (!col.preset(a.presetId)) throw notFound(`preset ${a.presetId} does not exist`);
          const deckIds = a.subdecks ? subtreeIds(allDecks(col), a.deckId) : [a.deckId];
          const set = col.stmt('UPDATE decks SET preset_id = ? WHERE id = ?');
          for (const deckId of deckIds) set.run(a.presetId, deckId);
          recordDeckPresets(col, deckIds, a.presetId);
          return { deckId: a.deckId, presetId: a.presetId, deckIds };
        }),
      ),
    },

    notes: {
      add: method(
        z.strictObject({
          deckId: id,
          kind: z.enum(['basic', 'reversed', 'cloze']),
          fields: z.strictObject({
            front: z.string().optional(),
            back: z.string().optional(),
            text: z.string().optional(),
            extra: z.string().optional(),
          }),
          tags: z.array(z.string().regex(/^\S+$/, 'a tag has no spaces')).optional(),
          context: z.string().optional(),
        }),
        (a) =>
          col.tx(() => {
            requireDeck(col, a.deckId);
            return addNote(col, a);
          }),
      ),
      ...notesEditApi(col),
    },

    review: {
      /**
       * The next card to show with its four prepared next states, or null when today is done;
       * `firstCardId` puts that card first when it is in today's queue.
       */
      next: method(deckScope.extend({ firstCardId: id.optional(), examId: id.optional() }), (a) => {
        const queue = queueFor(a);
        // After an undo the UI asks for the undone card again (as Anki shows it), if it is in today's queue.
        const first =
          queue.entries.find((e) => e.cardId === a.firstCardId) ??
          ('planned' in queue ? undefined : listedLater(col, queue, a.firstCardId, a.deckId)) ??
          queue.entries[0];
        if (!first) return null;
        // In an exam session: is this card today's plan, or a normal due card beyond it?
        const inPlan = 'planned' in queue ? (queue.planned as Set<number>).has(first.cardId) : null;
        return { ...shownCard(col.card(first.cardId)!), queue: first.kind, counts: queue.counts, inPlan };
      }),
      /** One card with its four next states, as `next` shows it (a cram session walks its own list). */
      card: method(z.strictObject({ cardId: id }), (a) => {
        const card = col.card(a.cardId);
        if (!card) throw notFound(`card ${a.cardId} does not exist`);
        return shownCard(card);
      }),
      /** Today's remaining counts for a deck (or all), and when pending learning cards come due. */
      counts: method(deckScope.extend({ examId: id.optional() }), (a) => {
        const { counts, nextLearningDue, learningLater } = queueFor(a);
        return { counts, nextLearningDue, learningLater };
      }),
      answer: method(
        z.strictObject({
          cardId: id,
          rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
            error: 'rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)',
          }),
          durationMs: z.number().finite().nonnegative().max(86_400_000),
          /** Optional: the card's `fsrs.reps` as shown; a stale one is refused (Conflict). */
          seenReps: z.number().int().nonnegative().optional(),
        }),
        (a) => {
          const seen = a.seenReps === undefined ? undefined : { reps: a.seenReps };
          const r = answerCard(col, a.cardId, a.rating, Math.round(a.durationMs), seen);
          return { reviewId: r.reviewId, cardId: r.cardId, leech: r.leech, fsrs: fsrsView(r.state) };
        },
      ),
      undo: method(noArgs, () => undoLast(col)),
    },

    cards: {
      get: method(z.strictObject({ cardId: id }), (a) => cardDetails(col, a.cardId)),
      suspend: method(cardIds, (a) => suspendCards(col, a.cardIds)),
      unsuspend: method(cardIds, (a) => unsuspendCards(col, a.cardIds)),
      bury: method(cardIds, (a) => buryCards(col, a.cardIds)),
      unbury: method(cardIds, (a) => unburyCards(col, a.cardIds)),
      reset: method(cardIds, (a) => resetCards(col, a.cardIds)),
      reposition: method(cardIds.extend({ start: z.number().int().min(0) }), (a) =>
        repositionCards(col, a.cardIds, a.start),
      ),
      search: method(
        z.strictObject({
          text: z.string().max(500).optional(),
          deckId: id.optional(),
          tag: z.string().max(200).optional(),
          state: z.enum(['new', 'learning', 'review', 'suspended', 'retired', 'leech', 'buried']).optional(),
          dueFrom: z.number().int().optional(),
          dueTo: z.number().int().optional(),
          limit: z.number().int().min(1).max(500).default(100),
          offset: z.number().int().min(0).default(0),
          sort: z.enum(SORT_COLUMNS).optional(),
          descending: z.boolean().optional(),
          scanAll: z.boolean().optional(),
        }),
        (a) => {
          requireDeck(col, a.deckId);
          return searchCards(col, a);
        },
      ),
      flag: method(
        z.strictObject({ cardIds: cardIds.shape.cardIds, flag: z.number().int().min(0).max(7) }),
        (a) => flagCards(col, a.cardIds, a.flag),
      ),
    },

    presets: presetsApi(col),

    settings: {
      get: method(noArgs, () => publicSettings(col)),
      update: method(
        z.strictObject({
          dayStartHour: setting('dayStartHour'),
          learnAheadMinutes: setting('learnAheadMinutes'),
          theme: z.enum(['light', 'dark', 'system']).optional(),
          language: z.enum(['zh', 'en']).nullable().optional(),
        }),
        (a) =>
          col.tx(() => {
            // The day start and learn-ahead travel to the other devices; theme and language stay here.
            recordSettingsChange(col, a);
            col.writeSettings(a);
            return publicSettings(col);
          }),
      ),
    },

    exams: examsApi(col),
    cram: cramApi(col),
    backups: backupsApi(col),
    export: exportApi(col),
    import: importApi(col),
    optimize: optimizeApi(col),
    sync: syncApi(col),

    stats: {
      today: method(noArgs, () => statsToday(col)),
      forecast: method(z.strictObject({ days: z.number().int().min(1).max(365) }), (a) =>
        statsForecast(col, a.days),
      ),
      history: method(z.strictObject({ days: z.number().int().min(1).max(3650) }), (a) =>
        statsHistory(col, a.days),
      ),
      ...statsApi(col),
    },
  };
  collectionOf.set(api, col);
  return api;
}

export type Api = ReturnType<typeof createApi>;
type Group = keyof Api;
export type MethodName = { [G in Group]: `${G}.${keyof Api[G] & string}` }[Group];
type MethodOf<M extends MethodName> = M extends `${infer G extends Group}.${infer N}`
  ? N extends keyof Api[G]
    ? Api[G][N]
    : never
  : never;
// biome-ignore lint/suspicious/noExplicitAny: extracting parameter/return types of any method
export type MethodArgs<M extends MethodName> = MethodOf<M> extends (args?: infer A) => any ? A : never;
// biome-ignore lint/suspicious/noExplicitAny: see above
export type MethodResult<M extends MethodName> = MethodOf<M> extends (...args: any[]) => infer R ? R : never;

/**
 * Calls a method by name ("review.answer") with untrusted arguments, as transports do.
 * Unknown methods are a NotFound error; everything else is validated by the method itself.
 */
export function callMethod(api: Api, name: string, args: unknown): unknown {
  const [group, fn, ...rest] = name.split('.');
  const g = Object.hasOwn(api, group ?? '')
    ? (api as Record<string, Record<string, unknown>>)[group!]
    : undefined;
  const f = g && rest.length === 0 && Object.hasOwn(g, fn ?? '') ? g[fn!] : undefined;
  if (typeof f !== 'function') throw new MnemoError('NotFound', `unknown method "${name}"`);
  const damage = collectionOf.get(api)?.damage;
  if (damage) throw new MnemoError('Corrupt', damage);
  try {
    return (f as (a: unknown) => unknown)(args);
  } catch (e) {
    throw storageError(e);
  }
}
