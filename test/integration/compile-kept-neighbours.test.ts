/**
 * A recompile that re-reads only the cards around what changed (incremental.ts) bounds edit
 * matching by the unchanged cards it keeps, as a parse of the whole file bounds it by the
 * cards matched around an edit (kept-cards.ts's withKeptNeighbours). Without them, a retired
 * note of the file counts as a candidate far past the edit, and a card rewritten heavily is
 * no longer the only candidate between its neighbours: its history would be lost.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import type { Mnemo } from '../../core/index.ts';
import { tempDir, tempMnemo, typedRows } from '../helpers/collection.ts';

const NAMES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet'];
// A long note: joined to the cloze below it, the cloze's text is mostly new (similarity < 0.5).
const NOTE = 'Before we moved to the new storage engine every log was written twice over the network.';

/**
 * Ten cloze paragraphs, with the note above the third one (a paragraph of its own, or joined
 * to it); `kilo`: a card put after the card at that index; `india`: that card's cloze.
 */
function deck(o: { joined?: boolean; kilo?: number; india?: string }): string {
  const clozes = NAMES.map((n, i) => `${n} fact is ==${n === 'India' ? (o.india ?? i) : i}== here.`);
  clozes[2] = `${NOTE}${o.joined ? '\n' : '\n\n'}${clozes[2]}`;
  if (o.kilo !== undefined) clozes.splice(o.kilo + 1, 0, 'Kilo fact is ==10== here.');
  return `# Top\n\n${clozes.join('\n\n')}\n`;
}

/** Notes and cards as stored, random guids left out. */
function stored(m: Mnemo) {
  return typedRows(m.col.db, {
    skip: /^(?!notes$|cards$)/,
    map: (_t, columns, row) => row.map((v, i) => (columns[i >> 1] === 'guid' ? '' : v)),
  });
}

describe('a recompile that re-reads part of a file', () => {
  // A card deleted earlier (Kilo) is a retired note of the file, an edit candidate at the
  // place it had. The cards between Charlie and the next change are kept, not re-read: they
  // alone keep Kilo out of Charlie's gap. Kilo sits past the last card, or inside the kept
  // cards below Charlie, with a second change further down (India's cloze).
  it.each([
    { where: 'at the end', kilo: 9, india: undefined },
    { where: 'among the kept cards, with a change below them', kilo: 3, india: 'eight' },
  ])(
    'matches a heavily rewritten card as an edit between the cards it keeps (a retired one $where)',
    ({ kilo, india }) => {
      const dir = tempDir();
      const file = join(dir, 'facts.md');
      const part = tempMnemo();
      const whole = tempMnemo();
      writeFileSync(file, deck({ kilo }));
      for (const m of [part, whole]) compileDecks(m.col, [dir]);
      writeFileSync(file, deck({}));
      for (const m of [part, whole]) {
        m.clock.advance(60_000);
        expect(compileDecks(m.col, [dir]).totals).toMatchObject({ retired: 1, unchanged: 10 });
      }
      const charlie = part.col.db
        .prepare(
          "SELECT c.id, n.id AS noteId FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.fields LIKE '%Charlie%'",
        )
        .get() as { id: number; noteId: number };
      for (const m of [part, whole])
        m.api.review.answer({ cardId: charlie.id, rating: Rating.Good, durationMs: 1 });

      // The note joined to the cloze below it: that cloze's text changes, the cards after it do not.
      writeFileSync(file, deck({ joined: true, india }));
      part.clock.advance(60_000);
      whole.clock.advance(60_000);
      const r = compileDecks(part.col, [dir]);
      const w = compileDecks(whole.col, [dir], { force: true });
      expect(r.totals).toMatchObject({ added: 0, edited: india ? 2 : 1, retired: 0 });
      expect(r.files[0]!.editedFronts[0]).toEqual({
        from: 'Charlie fact is 2 here.',
        to: `${NOTE}\nCharlie fact is 2 here.`,
        line: 7,
      });
      // The same note and card as before, with its answer: its history kept.
      const after = part.col.db
        .prepare(
          "SELECT c.id, n.id AS noteId FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.fields LIKE '%Charlie%' AND n.retired = 0",
        )
        .get();
      expect(after).toEqual(charlie);
      expect(
        part.col.db.prepare('SELECT count(*) FROM review_log WHERE card_id = ?').pluck().get(charlie.id),
      ).toBe(1);
      // And all as a compile reading the whole file stores it.
      expect(r.totals).toEqual(w.totals);
      expect(r.files[0]!.editedFronts).toEqual(w.files[0]!.editedFronts);
      expect(stored(part)).toEqual(stored(whole));
      part.close();
      whole.close();
    },
  );
});
