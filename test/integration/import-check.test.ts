/**
 * The applier checks a batch's notes, cards and reviews by hand before zod (a package brings
 * a hundred thousand notes and a million reviews, core/import/check-batch.ts), and runs zod's
 * schema only when that check fails, to name the problem. So the check by hand must refuse
 * everything the schema refuses: here one value at a time is made wrong in an otherwise valid
 * batch, and each must be refused, naming its place, with nothing stored.
 */
import { describe, expect, it } from 'vitest';
import { applyBatch } from '../../core/import/apply.ts';
import type { ImportBatch } from '../../core/import/batch.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';

const T0 = Date.parse('2026-11-01T10:00:00+08:00');

const state = () => ({
  due: T0,
  stability: 3,
  difficulty: 5,
  elapsedDays: 1,
  scheduledDays: 3,
  learningSteps: 0,
  reps: 2,
  lapses: 0,
  state: 2,
  lastReview: T0 - 86_400_000,
});

function valid(): ImportBatch {
  return {
    source: { file: 'check.json', format: 'json' },
    decks: [],
    presets: [],
    notes: [
      {
        guid: 'g-1',
        kind: 'basic',
        fields: { front: 'q', back: 'a' },
        tags: ['t'],
        context: '# c',
        modifiedAt: T0,
        createdAt: T0,
        retired: false,
        source: {
          file: null,
          line: null,
          id: null,
          key: null,
          index: null,
          section: null,
          contentHash: null,
        },
        cards: [
          {
            ord: 0,
            deck: 'Check',
            fsrs: state(),
            reviews: [{ rating: 3, reviewedAt: T0 - 86_400_000, durationMs: 1000, kind: 'review' }],
            suspended: false,
            buriedUntil: T0,
            flag: 1,
            newPosition: 3,
            leech: false,
            retired: false,
            createdAt: T0,
            modifiedAt: T0,
          },
        ],
      },
    ],
    media: [],
    warnings: [],
  } as ImportBatch;
}

/** Sets the value at a path like `notes.0.cards.0.ord` (a batch is plain data). */
function set(batch: ImportBatch, path: string, value: unknown): ImportBatch {
  const keys = path.split('.');
  let at = batch as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return batch;
}

const NOTE = 'notes.0';
const CARD = 'notes.0.cards.0';
const WRONG: [string, unknown][] = [
  [`${NOTE}.guid`, ''],
  [`${NOTE}.guid`, 'x'.repeat(201)],
  [`${NOTE}.guid`, 7],
  [`${NOTE}.kind`, 'image'],
  [`${NOTE}.fields`, null],
  [`${NOTE}.fields`, ['q']],
  [`${NOTE}.fields.front`, 1],
  [`${NOTE}.fields.back`, null],
  [`${NOTE}.fields.text`, {}],
  [`${NOTE}.fields.extra`, 2],
  [`${NOTE}.fields.typeIn`, 'yes'],
  [`${NOTE}.tags`, 't'],
  [`${NOTE}.tags`, ['x'.repeat(1001)]],
  [`${NOTE}.tags`, Array.from({ length: 1001 }, (_e, i) => `t${i}`)],
  [`${NOTE}.tags`, [3]],
  [`${NOTE}.context`, 'x'.repeat(100_001)],
  [`${NOTE}.modifiedAt`, -1],
  [`${NOTE}.modifiedAt`, Number.NaN],
  [`${NOTE}.createdAt`, '2026'],
  [`${NOTE}.retired`, 0],
  [`${NOTE}.source`, null],
  [`${NOTE}.source.file`, 5],
  [`${NOTE}.source.line`, 1.5],
  [`${NOTE}.source.index`, -1],
  [`${NOTE}.source.contentHash`, undefined],
  [`${NOTE}.cards`, {}],
  [`${CARD}.ord`, 1000],
  [`${CARD}.ord`, 0.5],
  [`${CARD}.deck`, 'x'.repeat(1001)],
  [`${CARD}.fsrs`, undefined],
  [`${CARD}.fsrs.stability`, -1],
  [`${CARD}.fsrs.state`, 4],
  [`${CARD}.fsrs.lastReview`, undefined],
  [`${CARD}.fsrs.reps`, 1.5],
  [`${CARD}.reviews`, null],
  [`${CARD}.reviews.0.rating`, 5],
  [`${CARD}.reviews.0.kind`, 'exam'],
  [`${CARD}.suspended`, 1],
  [`${CARD}.buriedUntil`, Number.POSITIVE_INFINITY],
  [`${CARD}.flag`, 8],
  [`${CARD}.newPosition`, -3],
  [`${CARD}.leech`, 'no'],
  [`${CARD}.retired`, null],
  [`${CARD}.createdAt`, 9e15],
  [`${CARD}.modifiedAt`, {}],
];

describe("the applier's check of a batch", () => {
  it('takes the valid batch', () => {
    const m = tempMnemo(T0);
    expect(applyBatch(m.col, valid(), { dryRun: false }).notesAdded).toBe(1);
    m.close();
  });

  it('refuses each value made wrong, naming its place, and stores nothing', () => {
    const m = tempMnemo(T0);
    const before = checksum(m.col.db);
    for (const [path, value] of WRONG) {
      const place = path.replace(/\.(\d+)/g, '[$1]');
      expect(() => applyBatch(m.col, set(valid(), path, value), { dryRun: false }), path).toThrow(
        new RegExp(`^check\\.json: ${place.replace(/[[\]]/g, '\\$&')}`),
      );
    }
    expect(checksum(m.col.db)).toBe(before);
    m.close();
  });
});
