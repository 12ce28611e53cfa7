/**
 * The edges of a front two cards of one file share (core/compiler/match-keys.ts): a card that
 * keeps its note by id, a neighbour moved in from another file, the file's first card edited
 * to a later card's front, and both cards moved. Each is compiled into two collections and
 * recompiled in part in one and whole (`force`) in the other: both must keep every note with
 * its answers where a user expects it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import type { Mnemo } from '../../core/index.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

const NAMES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet'];

/** A deck file of the given card lines; a plain name stands for `What is NAME?::answer`. */
function deck(cards: readonly string[]): string {
  const lines = cards.map((c) => (c.includes('::') ? c : `What is ${c}?::answer`));
  return `---\ndeck: NATO\n---\n# Letters\n\n${lines.join('\n\n')}\n`;
}

/** Each live note: its front, back, file and answers, in note id order. */
function notes(m: Mnemo) {
  return m.col.db
    .prepare(
      `SELECT n.id, json_extract(n.fields, '$.front') AS front, json_extract(n.fields, '$.back') AS back,
         n.source_file AS file, n.source_id AS sid,
         (SELECT count(*) FROM review_log r JOIN cards c ON c.id = r.card_id WHERE c.note_id = n.id) AS answers
       FROM notes n WHERE n.retired = 0 ORDER BY n.id`,
    )
    .all() as {
    id: number;
    front: string;
    back: string;
    file: string;
    sid: string | null;
    answers: number;
  }[];
}

/** Answers Good `times` times the note with this front and back. */
function answer(m: ReturnType<typeof tempMnemo>, front: string, back: string, times: number) {
  const card = m.col.db
    .prepare(
      `SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id
       WHERE json_extract(n.fields, '$.front') = ? AND json_extract(n.fields, '$.back') = ?`,
    )
    .pluck()
    .get(front, back) as number;
  for (let i = 0; i < times; i++) {
    m.api.review.answer({ cardId: card, rating: Rating.Good, durationMs: 1 });
    m.clock.advance(60_000);
  }
}

/**
 * Writes `before`, compiles it into two collections, answers each [front, back, times], writes
 * `after` and recompiles in part and whole. `check` gets each collection's notes before and after.
 */
function bothWays(
  before: Record<string, string>,
  after: Record<string, string | null>,
  answers: [front: string, back: string, times: number][],
  check: (before: ReturnType<typeof notes>, after: ReturnType<typeof notes>, dir: string) => void,
) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(before)) writeFileSync(join(dir, name), text);
  const part = tempMnemo();
  const whole = tempMnemo();
  for (const m of [part, whole]) {
    compileDecks(m.col, [dir]);
    for (const [front, back, times] of answers) answer(m, front, back, times);
  }
  const was = { part: notes(part), whole: notes(whole) };
  for (const [name, text] of Object.entries(after)) if (text !== null) writeFileSync(join(dir, name), text);
  for (const m of [part, whole]) m.clock.advance(60_000);
  compileDecks(part.col, [dir]);
  compileDecks(whole.col, [dir], { force: true });
  check(was.part, notes(part), dir);
  check(was.whole, notes(whole), dir);
  part.close();
  whole.close();
}

/** The note that had `front` before, as it is after. */
function now(before: ReturnType<typeof notes>, after: ReturnType<typeof notes>, front: string) {
  const was = before.find((n) => n.front === front)!;
  return { was, is: after.find((n) => n.id === was.id) };
}

describe('a front two cards of one file share', () => {
  it('leaves the note a card keeps by its id to it, and gives the other note to the card without an id', () => {
    // Two cards ask the same; the first carries an id. Answered: the second twice.
    const cards = ['What is Alpha?::one ^id-alpha-one', 'What is Alpha?::two', 'Bravo', 'Charlie'];
    const changed = [...cards.slice(0, 3), 'What is Charlie?::changed'];
    bothWays(
      { 'a.md': deck(cards) },
      { 'a.md': deck(changed) },
      [['What is Alpha?', 'two', 2]],
      (was, is) => {
        const one = was.find((n) => n.back === 'one')!;
        const two = was.find((n) => n.back === 'two')!;
        expect(one.sid).toBe('alpha-one');
        expect(is.find((n) => n.id === one.id)).toEqual(one);
        expect(is.find((n) => n.id === two.id)).toEqual({ ...two, answers: 2 });
        expect(is).toHaveLength(4);
      },
    );
  });

  it("bounds a card by its own file's neighbours, not by a card moved in from another file", () => {
    // Xray (with an id) stood last of b.md's ten cards and moves into a.md between Echo and
    // Hotel; Charlie is rewritten to ask what Hotel asks. Hotel's note stands where it stood:
    // after Echo, whatever Xray's old place in b.md.
    const other = ['Kilo', 'Lima', 'Mike', 'November', 'Oscar', 'Papa', 'Quebec', 'Romeo', 'Sierra'];
    const xray = 'What is Xray?::x ^id-xray';
    const a = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Hotel'];
    const aAfter = ['Alpha', 'Bravo', 'What is Hotel?::answer', 'Delta', 'Echo', xray, 'Hotel'];
    bothWays(
      { 'a.md': deck(a), 'b.md': deck([...other, xray]) },
      { 'a.md': deck(aAfter), 'b.md': deck(other) },
      [
        ['What is Charlie?', 'answer', 1],
        ['What is Hotel?', 'answer', 2],
        ['What is Xray?', 'x', 3],
      ],
      (was, is, dir) => {
        expect(is).toHaveLength(was.length);
        const hotel = now(was, is, 'What is Hotel?');
        expect(hotel.is).toEqual({ ...hotel.was, answers: 2 });
        const charlie = now(was, is, 'What is Charlie?');
        expect(charlie.is).toEqual({ ...charlie.was, front: 'What is Hotel?', answers: 1 });
        const moved = now(was, is, 'What is Xray?');
        expect(moved.is).toEqual({ ...moved.was, file: join(dir, 'a.md'), answers: 3 });
      },
    );
  });

  it("gives a later card's note to it when the file's first card is edited to ask the same", () => {
    const edited = ['What is Hotel?::answer', ...NAMES.slice(1)];
    bothWays(
      { 'a.md': deck(NAMES) },
      { 'a.md': deck(edited) },
      [
        ['What is Alpha?', 'answer', 1],
        ['What is Hotel?', 'answer', 2],
      ],
      (was, is) => {
        expect(is).toHaveLength(was.length);
        const hotel = now(was, is, 'What is Hotel?');
        expect(hotel.is).toEqual({ ...hotel.was, answers: 2 });
        const alpha = now(was, is, 'What is Alpha?');
        expect(alpha.is).toEqual({ ...alpha.was, front: 'What is Hotel?', answers: 1 });
      },
    );
  });
  it("gives a moved card its own file's note of the front, not a deleted card's note of another file", () => {
    // b.md has Alpha twice; the second moves below Delta, out of its note's place. a.md's
    // Alpha (same deck, so the same key) is deleted: its note is free, and listed first.
    const b = ['What is Alpha?::one', 'Bravo', 'Charlie', 'What is Alpha?::two', 'Delta'];
    // Its answer reworded too, so no card holds exactly what a note holds.
    const bAfter = ['What is Alpha?::one', 'Bravo', 'Charlie', 'Delta', 'What is Alpha?::two, reworded'];
    bothWays(
      { 'a.md': deck(['Xray', 'What is Alpha?::from a']), 'b.md': deck(b) },
      { 'a.md': deck(['Xray']), 'b.md': deck(bAfter) },
      [['What is Alpha?', 'two', 2]],
      (was, is, dir) => {
        const ofB = (n: { file: string }) => n.file === join(dir, 'b.md');
        expect(is.filter(ofB)).toEqual(
          was.filter(ofB).map((n) => (n.back === 'two' ? { ...n, back: 'two, reworded', answers: 2 } : n)),
        );
        expect(is.find((n) => n.back === 'from a')).toBeUndefined();
        expect(is).toHaveLength(was.length - 1);
      },
    );
  });
  it('gives a note to the card moved unchanged, not to a card above rewritten to ask the same', () => {
    // Alpha is rewritten to ask what Charlie asks, and Charlie moves to the end: neither card
    // stands where Charlie's note stood. Charlie keeps its note; Alpha's is matched as an edit.
    bothWays(
      { 'a.md': deck(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) },
      { 'a.md': deck(['What is Charlie?::alpha', 'Bravo', 'Delta', 'Echo', 'Charlie']) },
      [
        ['What is Alpha?', 'answer', 1],
        ['What is Charlie?', 'answer', 2],
      ],
      (was, is) => {
        expect(is).toHaveLength(was.length);
        const charlie = now(was, is, 'What is Charlie?');
        expect(charlie.is).toEqual({ ...charlie.was, answers: 2 });
        const alpha = now(was, is, 'What is Alpha?');
        expect(alpha.is).toEqual({ ...alpha.was, front: 'What is Charlie?', back: 'alpha', answers: 1 });
      },
    );
  });
  it('gives each of two identical cards its own note when one of them moved', () => {
    const card = 'What is Alpha?::same';
    bothWays(
      { 'a.md': deck([card, 'Bravo', 'Charlie', card, 'Delta']) },
      { 'a.md': deck([card, 'Bravo', 'Charlie', 'Delta', card]) },
      [],
      (was, is) => expect(is).toEqual(was),
    );
  });
});
