/**
 * The applier's own check of a batch before anything is touched. Readers validate their
 * formats, but the applier is the last door before the store: a batch with a wrong type
 * anywhere (a reader's bug, a hostile file that slipped through) is refused with one message
 * naming the file and the place, so no half-checked value reaches SQLite.
 */
import * as z from 'zod';
import { invalidArgument } from '../errors.ts';
import type { ImportBatch } from './batch.ts';
import { spanValid } from './review-span.ts';

const time = z.number().finite().min(0).max(8.64e15);
const count = z.number().int().min(0).max(1e9);
const text = (max: number) => z.string().max(max);

const fsrsState = z.object({
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

const review = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional(),
  rating: z.number().int().min(0).max(4),
  reviewedAt: time,
  durationMs: z.number().finite().min(0).max(86_400_000),
  kind: z.enum(['learning', 'review', 'relearning', 'manual', 'cram']),
  before: fsrsState.optional(),
  after: fsrsState.optional(),
  deck: text(1000).optional(),
});

const MAX_REVIEWS = 100_000;
/** A package's rows as a range of columns (core/import/review-span.ts), checked row by row. */
const reviewSpan = z.custom((v) => spanValid(v, MAX_REVIEWS), 'is not a valid range of review rows');
const cardWith = (reviews: z.ZodType) =>
  z.object({
    ord: z.number().int().min(0).max(999),
    deck: text(1000),
    fsrs: fsrsState.nullable(),
    reviews: z.union([z.array(reviews).max(MAX_REVIEWS), reviewSpan]),
    suspended: z.boolean().optional(),
    buriedUntil: time.optional(),
    flag: z.number().int().min(0).max(7).optional(),
    newPosition: count.optional(),
    leech: z.boolean().optional(),
    retired: z.boolean().optional(),
    createdAt: time.optional(),
    modifiedAt: time.optional(),
  });

const nullableText = text(100_000).nullable();
const noteWith = (card: z.ZodType) =>
  z.object({
    guid: z.string().min(1).max(200),
    kind: z.enum(['basic', 'reversed', 'cloze']),
    fields: z.object({
      front: text(10_000_000).optional(),
      back: text(10_000_000).optional(),
      text: text(10_000_000).optional(),
      extra: text(10_000_000).optional(),
      typeIn: z.boolean().optional(),
    }),
    tags: z.array(text(1000)).max(1000),
    context: text(100_000).optional(),
    modifiedAt: time.optional(),
    cards: z.array(card).max(1000),
    createdAt: time.optional(),
    retired: z.boolean().optional(),
    source: z
      .object({
        file: nullableText,
        line: count.nullable(),
        id: nullableText,
        key: nullableText,
        index: count.nullable(),
        section: nullableText,
        contentHash: nullableText,
      })
      .optional(),
  });

const batchWith = (note: z.ZodType) =>
  z.object({
    source: z.object({ file: z.string(), format: z.string() }),
    decks: z.array(
      z.object({
        name: text(1000),
        preset: text(100).optional(),
        description: text(100_000).optional(),
        createdAt: time.optional(),
      }),
    ),
    presets: z.array(z.object({ name: z.string().trim().min(1).max(100), modifiedAt: time.optional() })),
    notes: z.array(note),
    media: z.array(
      z.object({
        name: z
          .string()
          .min(1)
          .max(255)
          .refine((n) => !/[/\\]|^\.\.?$/.test(n) && !n.includes('\0'), 'must be a plain file name'),
        bytes: z.instanceof(Uint8Array),
      }),
    ),
    warnings: z.array(z.string()),
  });

const batchSchema = batchWith(noteWith(cardWith(review)));
/** The same schema for a batch whose reviews `reviewsValid` has passed: they are not checked again. */
const batchSchemaReviewsChecked = batchWith(noteWith(cardWith(z.unknown())));
/** The same for a batch whose notes (cards and reviews with them) `notesValid` has passed. */
const batchSchemaNotesChecked = batchWith(z.unknown());

/*
 * A package brings up to a million reviews; zod takes over a second for them, and most of a
 * second more for 100,000 notes and their cards. So they are first checked by hand, by rules
 * at least as strict as `review`'s, `cardWith`'s and `noteWith`'s: when every one passes, zod
 * checks the rest of the batch only (and finds the same problems the whole schema would);
 * when one does not, the schema runs and names the problem.
 */
const KINDS: ReadonlySet<unknown> = new Set(['learning', 'review', 'relearning', 'manual', 'cram']);
const REVIEW_ID = /^[A-Za-z0-9-]{1,64}$/;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const inRange = (v: unknown, max: number): boolean =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
const isCount = (v: unknown): boolean => Number.isInteger(v) && inRange(v, 1e9);
const isTime = (v: unknown): boolean => inRange(v, 8.64e15);

function stateValid(s: unknown): boolean {
  return (
    isRecord(s) &&
    isTime(s.due) &&
    inRange(s.stability, Number.MAX_VALUE) &&
    inRange(s.difficulty, Number.MAX_VALUE) &&
    inRange(s.elapsedDays, Number.MAX_VALUE) &&
    inRange(s.scheduledDays, Number.MAX_VALUE) &&
    isCount(s.learningSteps) &&
    isCount(s.reps) &&
    isCount(s.lapses) &&
    (s.state === 0 || s.state === 1 || s.state === 2 || s.state === 3) &&
    (s.lastReview === null || isTime(s.lastReview))
  );
}

function reviewValid(r: unknown): boolean {
  return (
    isRecord(r) &&
    (r.id === undefined || (typeof r.id === 'string' && REVIEW_ID.test(r.id))) &&
    Number.isInteger(r.rating) &&
    inRange(r.rating, 4) &&
    isTime(r.reviewedAt) &&
    inRange(r.durationMs, 86_400_000) &&
    KINDS.has(r.kind) &&
    (r.before === undefined || stateValid(r.before)) &&
    (r.after === undefined || stateValid(r.after)) &&
    (r.deck === undefined || (typeof r.deck === 'string' && r.deck.length <= 1000))
  );
}

const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const optional = (v: unknown, ok: (v: unknown) => boolean): boolean => v === undefined || ok(v);
const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isInt = (v: unknown, max: number): boolean => Number.isInteger(v) && inRange(v, max);
const NOTE_KINDS: ReadonlySet<unknown> = new Set(['basic', 'reversed', 'cloze']);
const nullableTextValid = (v: unknown) => v === null || isText(v, 100_000);
const nullableCountValid = (v: unknown) => v === null || isCount(v);

function cardValid(c: unknown): boolean {
  return (
    isRecord(c) &&
    isInt(c.ord, 999) &&
    isText(c.deck, 1000) &&
    (c.fsrs === null || stateValid(c.fsrs)) &&
    // A span's rows are checked by reviewsValid, which notesValid runs too.
    ((Array.isArray(c.reviews) && c.reviews.length <= MAX_REVIEWS) || isRecord(c.reviews)) &&
    optional(c.suspended, isBool) &&
    optional(c.buriedUntil, isTime) &&
    optional(c.flag, (v) => isInt(v, 7)) &&
    optional(c.newPosition, isCount) &&
    optional(c.leech, isBool) &&
    optional(c.retired, isBool) &&
    optional(c.createdAt, isTime) &&
    optional(c.modifiedAt, isTime)
  );
}

function sourceValid(s: unknown): boolean {
  return (
    isRecord(s) &&
    nullableTextValid(s.file) &&
    nullableCountValid(s.line) &&
    nullableTextValid(s.id) &&
    nullableTextValid(s.key) &&
    nullableCountValid(s.index) &&
    nullableTextValid(s.section) &&
    nullableTextValid(s.contentHash)
  );
}

function noteValid(n: unknown): boolean {
  if (!isRecord(n) || !isRecord(n.fields) || !Array.isArray(n.tags) || !Array.isArray(n.cards)) return false;
  const f = n.fields;
  return (
    typeof n.guid === 'string' &&
    n.guid.length >= 1 &&
    n.guid.length <= 200 &&
    NOTE_KINDS.has(n.kind) &&
    optional(f.front, (v) => isText(v, 10_000_000)) &&
    optional(f.back, (v) => isText(v, 10_000_000)) &&
    optional(f.text, (v) => isText(v, 10_000_000)) &&
    optional(f.extra, (v) => isText(v, 10_000_000)) &&
    optional(f.typeIn, isBool) &&
    n.tags.length <= 1000 &&
    n.tags.every((t) => isText(t, 1000)) &&
    optional(n.context, (v) => isText(v, 100_000)) &&
    optional(n.modifiedAt, isTime) &&
    n.cards.length <= 1000 &&
    n.cards.every(cardValid) &&
    optional(n.createdAt, isTime) &&
    optional(n.retired, isBool) &&
    optional(n.source, sourceValid)
  );
}

/** Every note, card and review of the batch passes the checks by hand (false also when its shape is wrong). */
function notesValid(batch: ImportBatch): boolean {
  return Array.isArray(batch?.notes) && (batch.notes as unknown[]).every(noteValid) && reviewsValid(batch);
}

/** Every review of the batch passes `reviewValid` (false also when the batch's shape is wrong). */
function reviewsValid(batch: ImportBatch): boolean {
  if (!Array.isArray(batch?.notes)) return false;
  for (const n of batch.notes as unknown[]) {
    if (!isRecord(n) || !Array.isArray(n.cards)) return false;
    for (const c of n.cards as unknown[]) {
      if (!isRecord(c)) return false;
      if (!Array.isArray(c.reviews)) {
        if (!spanValid(c.reviews, MAX_REVIEWS)) return false;
        continue;
      }
      if (c.reviews.length > MAX_REVIEWS) return false;
      for (const r of c.reviews as unknown[]) if (!reviewValid(r)) return false;
    }
  }
  return true;
}

/**
 * The issue to name: a card's reviews are rows or a span (a union), so for them the issue of
 * the form they have, with its place in them.
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length !== 2) return issue;
  const rows = issue.errors[0]?.[0];
  const notArray = rows?.code === 'invalid_type' && rows.expected === 'array' && rows.path.length === 0;
  const form = notArray ? issue.errors[1]?.[0] : rows;
  return form ? innermost({ ...form, path: [...issue.path, ...form.path] }) : issue;
}

/** Throws InvalidArgument "<file>: <where>: <problem>" for the first thing wrong in the batch. */
export function checkBatch(batch: ImportBatch): void {
  const file = typeof batch?.source?.file === 'string' ? batch.source.file : 'import';
  const schema = notesValid(batch)
    ? batchSchemaNotesChecked
    : reviewsValid(batch)
      ? batchSchemaReviewsChecked
      : batchSchema;
  const parsed = schema.safeParse(batch);
  if (!parsed.success) {
    const issue = innermost(parsed.error.issues[0]!);
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw invalidArgument(`${file}: ${where.replace(/^\./, '') || 'batch'}: ${issue.message}`);
  }
  const guids = new Set<string>();
  for (const n of batch.notes) {
    if (guids.has(n.guid)) throw invalidArgument(`${file}: two notes have the guid "${n.guid}"`);
    guids.add(n.guid);
    const ords = new Set<number>();
    for (const c of n.cards) {
      if (ords.has(c.ord)) throw invalidArgument(`${file}: note "${n.guid}" has two cards numbered ${c.ord}`);
      ords.add(c.ord);
    }
  }
}
