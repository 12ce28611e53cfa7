/**
 * The Mnemo JSON dump, version 1: the one definition both the exporter (its types) and the
 * reader (its validation) use. README.md documents it. Times are epoch milliseconds. Cards
 * and review-log rows name their note by guid and their card by (note, ord), so a dump never
 * depends on the row ids of the collection it came from.
 */
import * as z from 'zod';
import { presetFields } from '../../presets/presets.ts';

export const DUMP_FORMAT = 'mnemo-collection';
export const DUMP_VERSION = 1;

const time = z.number().int().min(0).max(8.64e15);
const count = z.number().int().min(0);

/** A card's FSRS state, as ts-fsrs keeps it (null `fsrs` on a card: exported without history). */
export const fsrsSchema = z.strictObject({
  due: time,
  stability: z.number().finite().min(0),
  difficulty: z.number().finite().min(0),
  elapsedDays: z.number().finite().min(0),
  scheduledDays: z.number().finite().min(0),
  learningSteps: count,
  reps: count,
  lapses: count,
  state: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  lastReview: time.nullable(),
});

const text = z.string().max(10_000_000);
const nullableText = z.string().max(100_000).nullable();

export const dumpSchema = z.strictObject({
  format: z.literal(DUMP_FORMAT),
  version: z.literal(DUMP_VERSION),
  exportedAt: time,
  /**
   * Every preset option, in the API's names (as `presets.get` returns them), and when it last
   * changed. Types are checked here; a value out of today's range is the applier's to judge
   * (it keeps yours and warns), so a collection that stored one before the bounds existed
   * can still be restored.
   */
  presets: z.array(
    z
      .strictObject({
        name: presetFields.shape.name,
        modifiedAt: time,
        desiredRetention: z.number(),
        maximumInterval: z.number(),
        learningSteps: z.string().max(1000),
        relearningSteps: z.string().max(1000),
        newPerDay: z.number(),
        reviewsPerDay: z.number(),
        leechThreshold: z.number(),
        leechAction: z.enum(['suspend', 'tag']),
        burySiblings: z.boolean(),
        newIgnoresReviewLimit: z.boolean(),
        limitsFromTop: z.boolean(),
        enableFuzz: z.boolean(),
        fsrsWeights: z.array(z.number()).max(100).nullable(),
        typeAnswer: z.boolean(),
      })
      .partial()
      .required({ name: true, modifiedAt: true }),
  ),
  decks: z.array(
    z.strictObject({
      name: z.string().min(1).max(1000),
      preset: z.string(),
      description: z.string().max(100_000),
      createdAt: time,
    }),
  ),
  /** Exams (absent from dumps written before exams existed). Decks by name. */
  exams: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(1000),
        examAt: time,
        decks: z.array(z.string().min(1).max(1000)).max(1000),
        tags: z.array(z.string().regex(/^\S+$/).max(200)).max(100),
        target: z.number().gt(0).lt(1),
        budgetKind: z.enum(['minutes', 'reviews']),
        budget: z.number().gt(0).max(100_000),
        createdAt: time,
        modifiedAt: time,
      }),
    )
    .max(10_000)
    .optional(),
  notes: z.array(
    z.strictObject({
      guid: z.string().min(1).max(200),
      kind: z.enum(['basic', 'reversed', 'cloze']),
      fields: z.strictObject({
        front: text.optional(),
        back: text.optional(),
        text: text.optional(),
        extra: text.optional(),
        typeIn: z.boolean().optional(),
      }),
      tags: z.array(z.string().max(1000)),
      context: z.string().max(100_000),
      createdAt: time,
      modifiedAt: time,
      retired: z.boolean(),
      /** Where `mnemo compile` found it (null for notes made otherwise). */
      source: z
        .strictObject({
          file: nullableText,
          line: count.nullable(),
          id: nullableText,
          key: nullableText,
          index: count.nullable(),
          section: nullableText,
          contentHash: nullableText,
        })
        .nullable(),
    }),
  ),
  cards: z.array(
    z.strictObject({
      note: z.string().min(1),
      ord: z.number().int().min(0).max(999),
      deck: z.string().min(1),
      fsrs: fsrsSchema.nullable(),
      newPosition: count,
      suspended: z.boolean(),
      buriedUntil: time,
      flag: z.number().int().min(0).max(7),
      leech: z.boolean(),
      retired: z.boolean(),
      createdAt: time,
      modifiedAt: time,
    }),
  ),
  reviewLog: z.array(
    z.strictObject({
      id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
      note: z.string().min(1),
      ord: z.number().int().min(0).max(999),
      /** The deck the card was in when answered (null: it no longer exists). */
      deck: z.string().nullable(),
      rating: z.number().int().min(0).max(4),
      kind: z.enum(['learning', 'review', 'relearning', 'manual', 'cram']),
      reviewedAt: time,
      durationMs: z.number().int().min(0).max(86_400_000),
      before: fsrsSchema,
      after: fsrsSchema,
    }),
  ),
  /** The images the notes use (`media/NAME` in their fields), base64. */
  media: z.array(
    z.strictObject({
      name: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}$/),
      data: z.base64(),
    }),
  ),
});

export type Dump = z.infer<typeof dumpSchema>;
export type DumpNote = Dump['notes'][number];
export type DumpCard = Dump['cards'][number];
export type DumpReview = Dump['reviewLog'][number];
