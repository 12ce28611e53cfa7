/**
 * A card edited to ask what a later, unchanged card of the same deck asks: both cards now
 * have one key (deck + normalized front). The unchanged card keeps its note and its review
 * history; the edited one keeps its own, matched as an edit. A recompile that reads the file
 * in part (incremental.ts) and one that reads it whole (`force`) store the same collection:
 * a whole read used to give the later card's note to the edited card by key, and a new
 * note, without history, to the unchanged one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import type { Mnemo } from '../../core/index.ts';
import { tempDir, tempMnemo, typedRows } from '../helpers/collection.ts';

const NAMES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet'];

/** A deck file of `What is X?::answer` cards; `fronts`/`backs` replace some, by index. */
function deck(o: {
  names?: readonly string[];
  fronts?: Record<number, string>;
  backs?: Record<number, string>;
  /** Between cards: a line break (one paragraph, re-read together) or a blank line. */
  sep?: string;
}) {
  const cards = (o.names ?? NAMES).map(
    (n, i) => `${o.fronts?.[i] ?? `What is ${n}?`}::${o.backs?.[i] ?? 'answer'}`,
  );
  return `---\ndeck: NATO\n---\n# Letters\n\n${cards.join(o.sep ?? '\n')}\n`;
}

/** Each note with its guid, front, state and its cards' ids and answers, in note id order. */
function owners(m: Mnemo) {
  return m.col.db
    .prepare(
      `SELECT n.id, n.guid, json_extract(n.fields, '$.front') AS front, n.retired, c.id AS card,
         (SELECT count(*) FROM review_log r WHERE r.card_id = c.id) AS answers
       FROM notes n JOIN cards c ON c.note_id = n.id ORDER BY n.id, c.id`,
    )
    .all() as { id: number; guid: string; front: string; retired: number; card: number; answers: number }[];
}

/** Notes and cards as stored, random guids left out. */
function stored(m: Mnemo) {
  return typedRows(m.col.db, {
    skip: /^(?!notes$|cards$|review_log$)/,
    map: (t, columns, row) =>
      row.map((v, i) =>
        columns[i >> 1] === 'guid' || (t === 'review_log' && columns[i >> 1] === 'id') ? '' : v,
      ),
  });
}

function answer(m: ReturnType<typeof tempMnemo>, front: string, times: number) {
  const card = m.col.db
    .prepare(
      "SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE json_extract(n.fields, '$.front') = ?",
    )
    .pluck()
    .get(front) as number;
  for (let i = 0; i < times; i++) {
    m.api.review.answer({ cardId: card, rating: Rating.Good, durationMs: 1 });
    m.clock.advance(60_000);
  }
}

/**
 * Compiles `before` into two collections, answers Charlie once and Hotel twice in each, then
 * recompiles `after`: in part in one, whole in the other. Returns both and the rows before.
 */
function recompileBoth(files: Record<string, [before: string, after: string]>) {
  const dir = tempDir();
  const part = tempMnemo();
  const whole = tempMnemo();
  for (const [name, [before]] of Object.entries(files)) writeFileSync(join(dir, name), before);
  for (const m of [part, whole]) {
    compileDecks(m.col, [dir]);
    answer(m, 'What is Charlie?', 1);
    answer(m, 'What is Hotel?', 2);
  }
  const before = { part: owners(part), whole: owners(whole) };
  for (const [name, [, after]] of Object.entries(files)) writeFileSync(join(dir, name), after);
  for (const m of [part, whole]) m.clock.advance(60_000);
  const r = compileDecks(part.col, [dir]);
  const w = compileDecks(whole.col, [dir], { force: true });
  return { part, whole, before, r, w, dir };
}

/** What a user expects: Charlie's note now asks about Hotel, with Charlie's answer; Hotel's keeps its two. */
function expectEachKept(before: ReturnType<typeof owners>, after: ReturnType<typeof owners>) {
  const charlie = before.find((n) => n.front === 'What is Charlie?')!;
  const hotel = before.find((n) => n.front === 'What is Hotel?')!;
  expect(after).toHaveLength(before.length); // no note added
  expect(after.filter((n) => n.retired)).toEqual([]);
  expect(after.find((n) => n.id === charlie.id)).toEqual({ ...charlie, front: 'What is Hotel?', answers: 1 });
  expect(after.find((n) => n.id === hotel.id)).toEqual({ ...hotel, answers: 2 });
  // Every other note as it was.
  const rest = (rows: ReturnType<typeof owners>) =>
    rows.filter((n) => n.id !== charlie.id && n.id !== hotel.id);
  expect(rest(after)).toEqual(rest(before));
}

describe('a card edited to the front of a later unchanged card of its deck', () => {
  // In one paragraph the part read re-reads every card, as the whole read does; a paragraph
  // each, it re-reads the edited card alone and keeps the others.
  it.each([
    { layout: 'one paragraph', sep: '\n', line: 8 },
    { layout: 'a paragraph each', sep: '\n\n', line: 10 },
  ])('keeps both notes, the edit matched as an edit, read in part or whole ($layout)', ({ sep, line }) => {
    const { part, whole, before, r, w, dir } = recompileBoth({
      'nato.md': [deck({ sep }), deck({ sep, fronts: { 2: 'What is Hotel?' } })],
    });
    expect(r.totals).toMatchObject({ added: 0, edited: 1, updated: 0, unchanged: 9, retired: 0 });
    expect(w.totals).toEqual(r.totals);
    const edit = { from: 'What is Charlie?', to: 'What is Hotel?', line };
    expect(r.files[0]!.editedFronts).toEqual([edit]);
    expect(w.files[0]!.editedFronts).toEqual([edit]);
    expectEachKept(before.part, owners(part));
    expectEachKept(before.whole, owners(whole));
    expect(stored(part)).toEqual(stored(whole));
    // A whole read after the part read changes nothing: the same notes, guids and owners.
    const afterPart = owners(part);
    part.clock.advance(60_000);
    expect(compileDecks(part.col, [dir], { force: true }).totals).toMatchObject({ unchanged: 10, edited: 0 });
    expect(owners(part)).toEqual(afterPart);
    part.close();
    whole.close();
  });

  it('keeps both notes when the later card changed too and both are re-read', () => {
    const { part, whole, before, r, w } = recompileBoth({
      'nato.md': [deck({}), deck({ fronts: { 2: 'What is Hotel?' }, backs: { 7: 'hotel' } })],
    });
    expect(r.totals).toMatchObject({ added: 0, edited: 1, updated: 1, unchanged: 8, retired: 0 });
    expect(w.totals).toEqual(r.totals);
    for (const [m, rows] of [
      [part, before.part],
      [whole, before.whole],
    ] as const) {
      const after = owners(m);
      const hotel = rows.find((n) => n.front === 'What is Hotel?')!;
      const charlie = rows.find((n) => n.front === 'What is Charlie?')!;
      expect(after.find((n) => n.id === hotel.id)).toEqual({ ...hotel, answers: 2 });
      expect(after.find((n) => n.id === charlie.id)).toEqual({ ...charlie, front: 'What is Hotel?' });
      expect(after).toHaveLength(rows.length);
    }
    expect(stored(part)).toEqual(stored(whole));
    part.close();
    whole.close();
  });

  it('keeps both notes when cards were added above both of them', () => {
    const names = ['Kilo', 'Lima', 'Mike', ...NAMES];
    const { part, whole, before, r, w } = recompileBoth({
      'nato.md': [deck({}), deck({ names, fronts: { 5: 'What is Hotel?' } })],
    });
    expect(r.totals).toMatchObject({ added: 3, edited: 1, unchanged: 9, retired: 0 });
    expect(w.totals).toEqual(r.totals);
    for (const [m, rows] of [
      [part, before.part],
      [whole, before.whole],
    ] as const) {
      const after = owners(m);
      const hotel = rows.find((n) => n.front === 'What is Hotel?')!;
      const charlie = rows.find((n) => n.front === 'What is Charlie?')!;
      expect(after.find((n) => n.id === hotel.id)).toEqual({ ...hotel, answers: 2 });
      expect(after.find((n) => n.id === charlie.id)).toEqual({ ...charlie, front: 'What is Hotel?' });
    }
    expect(stored(part)).toEqual(stored(whole));
    part.close();
    whole.close();
  });

  it("keeps both notes when the later card is another file's, of the same deck", () => {
    const first = NAMES.slice(0, 5);
    const second = NAMES.slice(5);
    const { part, whole, before, r, w } = recompileBoth({
      'a.md': [deck({ names: first }), deck({ names: first, fronts: { 2: 'What is Hotel?' } })],
      'b.md': [deck({ names: second }), deck({ names: second })],
    });
    expect(r.totals).toMatchObject({ added: 0, edited: 1, unchanged: 9, retired: 0 });
    expect(w.totals).toEqual(r.totals);
    expectEachKept(before.part, owners(part));
    expectEachKept(before.whole, owners(whole));
    expect(stored(part)).toEqual(stored(whole));
    part.close();
    whole.close();
  });
});

describe("a file's own notes matched by key first", () => {
  // Kilo was in both files, then deleted from b.md (a retired note there); a.md's is answered
  // and now moves to b.md. a.md is planned first; b.md's own notes are matched first, but not
  // its retired ones: the card keeps the live note and its answers.
  it('leaves a retired note of the file for a card moved in with a live note', () => {
    const first = NAMES.slice(0, 5);
    const second = NAMES.slice(5);
    const dir = tempDir();
    const a = join(dir, 'a.md');
    const b = join(dir, 'b.md');
    for (const force of [false, true]) {
      const m = tempMnemo();
      const step = (aNames: string[], bNames: string[]) => {
        writeFileSync(a, deck({ names: aNames }));
        writeFileSync(b, deck({ names: bNames }));
        m.clock.advance(60_000);
        return compileDecks(m.col, [dir], { force });
      };
      expect(step([...first, 'Kilo'], [...second, 'Kilo']).totals).toMatchObject({ added: 12 });
      expect(step([...first, 'Kilo'], second).totals).toMatchObject({ retired: 1 });
      answer(m, 'What is Kilo?', 2);
      const kilo = () =>
        m.col.db
          .prepare(
            `SELECT n.id, n.source_file, n.retired, (SELECT count(*) FROM review_log r JOIN cards c
               ON c.id = r.card_id WHERE c.note_id = n.id) AS answers
             FROM notes n WHERE json_extract(n.fields, '$.front') = 'What is Kilo?' ORDER BY n.id`,
          )
          .all();
      const [live, old] = kilo() as { id: number }[];
      expect(step(first, [...second, 'Kilo']).totals).toMatchObject({ added: 0, restored: 0, retired: 0 });
      expect(kilo()).toEqual([
        { id: live!.id, source_file: b, retired: 0, answers: 2 },
        { id: old!.id, source_file: b, retired: 1, answers: 0 },
      ]);
      m.close();
    }
  });
});
