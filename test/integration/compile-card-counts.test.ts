/**
 * What a recompile reports in cards (the line `mnemo compile` ends with): a note's cards
 * retired, restored and added when its kind or its cloze numbers change, and a card left
 * untouched (its modified time included) when only the note's text changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

function write(dir: string, text: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'd.md'), `---\ndeck: Net\n---\n${text}`);
}

const counts = (r: ReturnType<typeof compileDecks>) => {
  const { updated, edited, added, cardsAdded, cardsRetired, cardsRestored } = r.totals;
  return { updated, edited, added, cardsAdded, cardsRetired, cardsRestored };
};

describe('a recompile counts the cards each note gains, loses and gets back', () => {
  it('a two-way card made one-way and back, a cloze gaining two numbers and losing one', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'docker0 subnet:::172.17.0.0/16\n\nThe bridge is ==docker0==\n');
    expect(counts(compileDecks(m.col, [dir]))).toEqual({
      updated: 0,
      edited: 0,
      added: 2,
      cardsAdded: 3,
      cardsRetired: 0,
      cardsRestored: 0,
    });
    write(dir, 'docker0 subnet::172.17.0.0/16\n\nThe ==bridge== is ==docker0== on ==Linux==\n');
    expect(counts(compileDecks(m.col, [dir]))).toEqual({
      updated: 1,
      edited: 1,
      added: 0,
      cardsAdded: 2,
      cardsRetired: 1,
      cardsRestored: 0,
    });
    write(dir, 'docker0 subnet:::172.17.0.0/16\n\nThe ==bridge== is ==docker0==\n');
    expect(counts(compileDecks(m.col, [dir]))).toEqual({
      updated: 1,
      edited: 1,
      added: 0,
      cardsAdded: 0,
      cardsRetired: 1,
      cardsRestored: 1,
    });
    const live = m.col.db.prepare('SELECT count(*) FROM cards WHERE retired = 0').pluck().get();
    expect(live).toBe(4);
  });

  it('an edited back changes the note, not its cards: their modified time stays', () => {
    const m = tempMnemo();
    const dir = tempDir();
    write(dir, 'docker0 subnet:::172.17.0.0/16\n');
    compileDecks(m.col, [dir]);
    const cards = () =>
      m.col.db.prepare('SELECT id, deck_id, retired, modified_at FROM cards ORDER BY id').all();
    const before = cards();
    m.clock.advance(60_000);
    write(dir, 'docker0 subnet:::172.17.0.0/16 by default\n');
    expect(counts(compileDecks(m.col, [dir]))).toMatchObject({ updated: 1, cardsAdded: 0, cardsRetired: 0 });
    expect(cards()).toEqual(before);
  });
});
