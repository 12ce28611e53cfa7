/**
 * A sync merge's stepping (core/scheduler/step-card.ts) against the answer path: each answer
 * stepped by nextState (a reset by forgetState) from the previous row, with its own preset and
 * day-start hour and the card's seed, must give the same states, both when the card is replayed
 * from a new card and when it steps on from a stored row. Real ts-fsrs, fuzz on (so the seed
 * shows), in the tests' time zone.
 */
import { createEmptyCard, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { CardRow, FsrsColumns, PresetRow } from '../../core/model/types.ts';
import { forgetState, fromFsrsCard, nextState, toFsrsCard } from '../../core/scheduler/fsrs.ts';
import { type StepInput, stepCard } from '../../core/scheduler/step-card.ts';
import { studyTime, studyTimes } from '../../core/scheduler/study-time.ts';
import { seededRandom } from '../../core/util/random.ts';
import { presetRow } from '../helpers/preset-row.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-02T09:00:00Z');
const PRESETS: PresetRow[] = [
  presetRow({ enable_fuzz: 1 }),
  presetRow({ id: 2, enable_fuzz: 1, desired_retention: 0.8, learning_steps: '5m 30m 2h' }),
];

interface Answers {
  at: number[];
  rating: number[];
  presetIndex: number[];
  hours: number[];
}

/** 30 answers over weeks, a few resets among them, under two presets and two day starts. */
function answers(seed: number): Answers {
  const rnd = seededRandom(seed);
  const out: Answers = { at: [], rating: [], presetIndex: [], hours: [] };
  let at = START + HOUR;
  for (let i = 0; i < 30; i++) {
    at += Math.floor(rnd() ** 2 * 9 * 24 * HOUR) + 60_000;
    out.at.push(at);
    out.rating.push(rnd() < 0.08 ? 0 : 1 + Math.floor(rnd() * 4));
    out.presetIndex.push(i % 7 < 4 ? 0 : 1);
    out.hours.push(i % 5 < 3 ? 4 : 20);
  }
  return out;
}

/** The answer path: each answer from the previous row, as review.answer and a reset step it. */
function answerPath(a: Answers, from: number, start: FsrsColumns, seed: string) {
  let row = { ...start, id: 7, seed } as CardRow & { seed: string };
  const steps: { before: FsrsColumns; after: FsrsColumns }[] = [];
  for (let i = from; i < a.at.length; i++) {
    const preset = PRESETS[a.presetIndex[i]!]!;
    const before = fromFsrsCard(toFsrsCard(row));
    const after =
      a.rating[i] === 0
        ? forgetState(preset, row, a.at[i]!, a.hours[i]!)
        : nextState(preset, row, a.at[i]!, a.rating[i] as Grade, a.hours[i]!);
    steps.push({ before, after });
    row = { ...row, ...after };
  }
  return steps;
}

function input(a: Answers, from: number, start: FsrsColumns | null, seed: string): StepInput {
  return {
    cardId: 7,
    createdAt: START,
    seed,
    start,
    at: a.at.slice(from),
    rating: a.rating.slice(from),
    preset: (i) => PRESETS[a.presetIndex[from + i]!]!,
    hour: (i) => a.hours[from + i]!,
  };
}

function stepped(inp: StepInput) {
  const time = studyTime(4);
  const steps: { before: FsrsColumns; after: FsrsColumns }[] = [];
  const final = stepCard(inp, time, studyTimes(time), (before, after) => steps.push({ before, after }));
  return { final, steps };
}

const NEW = fromFsrsCard(createEmptyCard(new Date(START)));

describe('stepCard, as the answer path steps a card', () => {
  it('replays a whole history from a new card, answer by answer', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const a = answers(seed);
      expect(a.rating).toContain(0);
      const want = answerPath(a, 0, NEW, `card-${seed}`);
      const { final, steps } = stepped(input(a, 0, null, `card-${seed}`));
      expect(steps).toEqual(want);
      expect(final).toEqual(want.at(-1)!.after);
      expect(Object.keys(final).sort()).toEqual(Object.keys(NEW).sort());
    }
  });

  it('steps on from a stored row as the whole replay does, past resets', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const a = answers(seed);
      const whole = stepped(input(a, 0, null, 'same'));
      for (const from of [1, 9, 17, 29]) {
        const start = whole.steps[from - 1]!.after;
        const { final, steps } = stepped(input(a, from, start, 'same'));
        expect(steps, `seed ${seed} from ${from}`).toEqual(whole.steps.slice(from));
        expect(steps).toEqual(answerPath(a, from, start, 'same'));
        expect(final).toEqual(whole.final);
        expect(Object.keys(final).sort()).toEqual(Object.keys(NEW).sort());
      }
    }
  });

  it("seeds fuzz by the card's identity, not its row id", () => {
    let differ = 0;
    const dues = (steps: { after: FsrsColumns }[]) => steps.map((s) => s.after.due);
    for (let seed = 1; seed <= 6; seed++) {
      const a = answers(seed);
      const x = stepped(input(a, 0, null, 'device-a:1')).steps;
      const y = stepped(input(a, 0, null, 'device-b:1')).steps;
      const start = x[4]!.after;
      const onX = stepped(input(a, 5, start, 'device-a:1')).steps;
      const onY = stepped(input(a, 5, start, 'device-b:1')).steps;
      expect(onX).toEqual(x.slice(5));
      differ += dues(x).filter((d, i) => d !== dues(y)[i]).length;
      differ += dues(onX).filter((d, i) => d !== dues(onY)[i]).length;
    }
    expect(differ).toBeGreaterThan(20);
  });

  it("uses each answer's own preset and day start", () => {
    const a = answers(3);
    const one = { ...a, presetIndex: a.presetIndex.map(() => 0), hours: a.hours.map(() => 4) };
    const mixed = stepped(input(a, 0, null, 's')).steps.map((s) => s.after);
    const plain = stepped(input(one, 0, null, 's')).steps.map((s) => s.after);
    expect(mixed).not.toEqual(plain);
    const start = mixed[2]!;
    const on = stepped(input(a, 3, start, 's')).steps.map((s) => s.after);
    const onPlain = stepped(input(one, 3, start, 's')).steps.map((s) => s.after);
    expect(on).toEqual(mixed.slice(3));
    expect(on).not.toEqual(onPlain);
    // A day start of 20:00 puts a due date at 20:00, the second preset its own first steps.
    expect(on.some((s) => new Date(s.due).getHours() === 20)).toBe(true);
  });

  it('an empty run returns the start row, or a new card', () => {
    const none: Answers = { at: [], rating: [], presetIndex: [], hours: [] };
    const calls: unknown[] = [];
    const time = studyTime(4);
    const fromNew = stepCard(input(none, 0, null, 's'), time, studyTimes(time), (b) => calls.push(b));
    expect(fromNew).toEqual(NEW);
    const start = answerPath(answers(2), 0, NEW, 's')[3]!.after;
    expect(stepCard(input(none, 0, start, 's'), time, studyTimes(time), (b) => calls.push(b))).toEqual(start);
    expect(calls).toEqual([]);
  });
});
