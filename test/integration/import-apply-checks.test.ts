import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBatch } from '../../core/import/apply.ts';
import type { ImportBatch } from '../../core/import/batch.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';
import { PNG } from '../helpers/hostile-deck.ts';
import { basic, batchOf, DAY, T0 } from '../helpers/import-batch.ts';

describe('applyBatch: dry runs, --deck and malformed batches', () => {
  it('a dry run reports exactly what the real run then does, and leaves the collection byte-identical', () => {
    const m = tempMnemo(T0);
    applyBatch(m.col, batchOf([basic('g1', 'one', 'Old')]), { dryRun: false });
    const batch = batchOf(
      [
        basic('g1', 'one changed', 'Old'),
        basic('g2', 'two', 'New::Sub', {
          cards: [
            {
              ord: 0,
              deck: 'New::Sub',
              fsrs: null,
              reviews: [
                { rating: 3, reviewedAt: T0 - DAY, durationMs: 1000, kind: 'learning' },
                { rating: 3, reviewedAt: T0 - DAY + 600_000, durationMs: 1000, kind: 'learning' },
              ],
            },
          ],
        }),
        { ...basic('g3', 'pic'), fields: { front: 'pic ![x](a.png)', back: '<img src="a.png">' } },
      ],
      {
        media: [
          { name: 'a.png', bytes: PNG },
          { name: 'b.mp3', bytes: Buffer.from('ID3 not an image') },
        ],
        presets: [{ name: 'Imported preset', desiredRetention: 0.85 }],
        decks: [{ name: 'New', preset: 'Imported preset' }],
      },
    );
    const before = checksum(m.col.db);
    const dry = applyBatch(m.col, batch, { dryRun: true });
    expect(checksum(m.col.db)).toBe(before);
    expect(existsSync(join(m.dataDir, 'media'))).toBe(false);
    expect(m.api.presets.list().map((p) => p.name)).toEqual(['Default']);
    const real = applyBatch(m.col, batch, { dryRun: false });
    expect(dry).toEqual({ ...real, dryRun: true });
    expect(real).toMatchObject({
      notesAdded: 2,
      notesUpdated: 1,
      cardsAdded: 2,
      reviewsAdded: 2,
      mediaAdded: 1,
      decksCreated: ['New', 'New::Sub', 'Imported'],
    });
    expect(real.warnings.join('\n')).toMatch(/1 media file\(s\) left out: not PNG.*b\.mp3/);
    // The image is stored by content and both references point at the copy.
    const [name] = readdirSync(join(m.dataDir, 'media'));
    expect(readFileSync(join(m.dataDir, 'media', name!))).toEqual(PNG);
    const fields = JSON.parse(
      m.col.db.prepare("SELECT fields FROM notes WHERE guid = 'g3'").pluck().get() as string,
    );
    expect(fields).toEqual({ front: `pic ![x](media/${name})`, back: `<img src="media/${name}">` });
    // Decks listed with a preset get it; their subdecks inherit it.
    const presetOf = (deck: string) => m.api.decks.list().decks.find((d) => d.name === deck)!.presetId;
    expect(presetOf('New::Sub')).toBe(presetOf('New'));
    expect(m.api.presets.get({ presetId: presetOf('New') }).desiredRetention).toBe(0.85);
    m.close();
  });

  it('puts every new card into the --deck deck when asked', () => {
    const m = tempMnemo(T0);
    const r = applyBatch(
      m.col,
      batchOf([basic('g1', 'one', 'X'), basic('g2', 'two', 'Y')], { decks: [{ name: 'X' }] }),
      { dryRun: false, deckOverride: 'Mine::Here' },
    );
    expect(r.decksCreated).toEqual(['Mine', 'Mine::Here']);
    expect(m.api.decks.list().decks.find((d) => d.name === 'Mine::Here')!.totalCards).toBe(2);
    m.close();
  });

  it('refuses a malformed batch with one message naming the file, storing nothing', () => {
    const m = tempMnemo(T0);
    applyBatch(m.col, batchOf([basic('g0', 'zero')]), { dryRun: false });
    const before = checksum(m.col.db);
    const bad: [unknown, RegExp][] = [
      [batchOf([]), /^deck\.json: nothing to import/],
      [batchOf([basic('g1', 'a'), basic('g1', 'b')]), /^deck\.json: two notes have the guid "g1"/],
      [
        batchOf([{ ...basic('g1', 'a'), kind: 'image-occlusion' }] as never),
        /^deck\.json: notes\[0\]\.kind:/,
      ],
      [
        batchOf([{ ...basic('g1', 'a'), fields: { front: 5 } }] as never),
        /^deck\.json: notes\[0\]\.fields\.front:/,
      ],
      [batchOf([basic('g1', 'a', 'A::::B')]), /^deck\.json: deck name "A::::B" has an empty part/],
      [
        batchOf([
          {
            ...basic('g1', 'a'),
            cards: [
              {
                ord: 0,
                deck: 'D',
                fsrs: null,
                reviews: [{ rating: 9, reviewedAt: 1, durationMs: 0, kind: 'review' }],
              },
            ],
          },
        ] as never),
        /^deck\.json: notes\[0\]\.cards\[0\]\.reviews\[0\]\.rating:/,
      ],
      [
        batchOf([basic('g1', 'a')], { media: [{ name: '../evil.png', bytes: PNG }] }),
        /^deck\.json: media\[0\]\.name: must be a plain file name/,
      ],
      // A valid note first, then one that fails in the store: the first is not kept either.
      [batchOf([basic('g2', 'fine'), basic('g3', 'bad', 'A:: ::B')]), /^deck\.json: deck name/],
    ];
    for (const [batch, message] of bad) {
      expect(() => applyBatch(m.col, batch as ImportBatch, { dryRun: false })).toThrow(message);
      expect(checksum(m.col.db)).toBe(before);
    }
    m.close();
  });
});
