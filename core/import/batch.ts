/**
 * What every importer produces and one shared step applies: a format-neutral batch of decks,
 * notes with their cards, each card's scheduling state and review history, and media. The
 * readers (`.apkg`/`.colpkg`, CSV/TSV, Mnemo JSON) only parse and validate; `applyBatch`
 * (core/import/apply.ts) matches notes by guid and writes everything in ONE transaction.
 */
import type { NoteKind, ReviewKind } from '../model/types.ts';
import type { NoteFields } from '../notes/render.ts';
import type { ImportedReviews } from './review-span.ts';

/** A card's FSRS state as Mnemo stores it (times in epoch ms), or null for a new card. */
export interface ImportedFsrsState {
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  state: 0 | 1 | 2 | 3;
  lastReview: number | null;
}

export interface ImportedReview {
  /** A stable id when the source has one (Mnemo's UUIDv7); otherwise the applier makes one. */
  id?: string;
  /** 1–4 for answers; 0 for a manual reset. */
  rating: 0 | 1 | 2 | 3 | 4;
  reviewedAt: number;
  durationMs: number;
  /** 'cram' (the schema allows it) so a Mnemo JSON dump restores every row it has. */
  kind: ReviewKind;
  /** FSRS state before/after when the source records them (Mnemo JSON); else rebuilt by replay. */
  before?: ImportedFsrsState;
  after?: ImportedFsrsState;
  /** Optional: the deck the card was in when answered (daily limits count by it); default its deck now. */
  deck?: string;
}

export interface ImportedCard {
  /** 0 forward / 1 reversed; cloze number − 1. */
  ord: number;
  /** Full deck name with `::` between levels. */
  deck: string;
  /** null: keep as new (or rebuild from `reviews` when there are some). */
  fsrs: ImportedFsrsState | null;
  /** Objects, or (a package's) a range of shared columns: core/import/review-span.ts. */
  reviews: ImportedReviews;
  suspended?: boolean;
  /** Buried until this time (epoch ms), if buried. */
  buriedUntil?: number;
  flag?: number;
  /** Position among new cards, when the source orders them. */
  newPosition?: number;
  /** Optional (Mnemo JSON): the rest of the card row, so a restore is exact. */
  leech?: boolean;
  retired?: boolean;
  createdAt?: number;
  modifiedAt?: number;
}

/** Optional (Mnemo JSON): where a compiled note was written, so later compiles keep matching it. */
export interface ImportedSource {
  file: string | null;
  line: number | null;
  id: string | null;
  key: string | null;
  index: number | null;
  section: string | null;
  contentHash: string | null;
}

export interface ImportedNote {
  /** Stable identity: a re-import with the same guid updates the note instead of adding one. */
  guid: string;
  kind: NoteKind;
  /** Markdown (HTML is allowed in Markdown and sanitized when shown, like every card). */
  fields: NoteFields;
  tags: string[];
  context?: string;
  /** When the source says (epoch ms): an update applies only if newer, as Anki's "update if newer". */
  modifiedAt?: number;
  cards: ImportedCard[];
  /** Optional (Mnemo JSON), kept only when the note is added: the rest of the note row. */
  createdAt?: number;
  retired?: boolean;
  source?: ImportedSource;
}

export interface ImportedMedia {
  /** The name the notes' fields use. A plain file name: no `/`, `\`, `..`. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportedPreset {
  name: string;
  desiredRetention?: number;
  fsrsWeights?: number[] | null;
  /** When given, an existing preset of the same name is replaced only by a newer one. */
  modifiedAt?: number;
  /** Any other preset fields in the API's camelCase (Mnemo JSON restores them all). */
  [field: string]: unknown;
}

export interface ImportedExam {
  name: string;
  examAt: number;
  /** Full deck names; none = every deck. */
  decks: string[];
  tags: string[];
  target: number;
  budgetKind: 'minutes' | 'reviews';
  budget: number;
  createdAt: number;
  modifiedAt: number;
}

export interface ImportBatch {
  /** Where it came from, for messages: the file name and its format. */
  source: { file: string; format: 'apkg' | 'colpkg' | 'csv' | 'tsv' | 'json' | 'md' };
  /** Decks to create (besides those the cards name), with the preset each should use. */
  decks: {
    name: string;
    preset?: string;
    /** Optional (Mnemo JSON): the rest of the deck row. */
    description?: string;
    createdAt?: number;
  }[];
  presets: ImportedPreset[];
  /** Exams to restore (Mnemo JSON), matched by name and date: an exam already there is kept. */
  exams?: ImportedExam[];
  notes: ImportedNote[];
  media: ImportedMedia[];
  /** Things the user should know (e.g. "note type 'Image Occlusion' imported from its first two fields"). */
  warnings: string[];
}

/** What an import did (or, in a preview, would do). */
export interface ImportSummary {
  notesAdded: number;
  notesUpdated: number;
  notesUnchanged: number;
  cardsAdded: number;
  cardsUpdated: number;
  reviewsAdded: number;
  decksCreated: string[];
  mediaAdded: number;
  /** Exams a Mnemo dump restored (absent for other formats). */
  examsAdded?: number;
  warnings: string[];
  /** True when nothing was stored (a preview or a dry run). */
  dryRun: boolean;
}
