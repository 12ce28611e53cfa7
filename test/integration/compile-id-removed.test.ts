/**
 * A card whose id line the user deleted is still the same card: found by its deck and front,
 * its history kept, not added as new with the old note retired.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

describe('an id removed from a card', () => {
  it('the card keeps its note and its history', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'd.md');
    writeFileSync(file, '---\ndeck: Net\n---\ndocker0 subnet::172.17.0.0/16 ^id-abcd1234\n');
    compileDecks(m.col, [dir]);
    const card = m.api.cards.search({ text: 'docker0' }).cards[0]!;
    m.api.review.answer({ cardId: card.id, rating: Rating.Good, durationMs: 1 });
    writeFileSync(file, '---\ndeck: Net\n---\ndocker0 subnet::172.17.0.0/16\n');
    const r = compileDecks(m.col, [dir]);
    expect(r.totals).toMatchObject({ added: 0, retired: 0 });
    expect(m.api.cards.search({ text: 'docker0' }).cards.map((c) => c.id)).toEqual([card.id]);
    expect(m.api.cards.get({ cardId: card.id }).log).toHaveLength(1);
  });
});
