/**
 * A vault note's schedule comment with fewer entries than the note has cards (the plugin
 * writes one entry per card it has reviewed): the cards without an entry start as new.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

describe('a schedule comment shorter than its note', () => {
  it('gives its entries to the first cards; the rest start new, and the compile applies', () => {
    const m = tempMnemo();
    const dir = tempDir();
    writeFileSync(
      join(dir, 'net.md'),
      '#flashcards\nThe ==bridge== is ==docker0== on ==Linux==\n<!--SR:!2026-12-05,4,270-->\n',
    );
    const r = compileDecks(m.col, [dir], { vault: true });
    expect(r).toMatchObject({ applied: true, errors: [], warnings: [] });
    const cards = m.col.db.prepare('SELECT ord, state, scheduled_days FROM cards ORDER BY ord').raw().all();
    expect(cards).toEqual([
      [0, 2, 4],
      [1, 0, 0],
      [2, 0, 0],
    ]);
  });
});
