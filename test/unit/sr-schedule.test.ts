/**
 * The Obsidian Spaced Repetition plugin's schedule comments (`<!--SR:…-->`) at their edges:
 * what is read as a card's starting state, what makes the card start as new with a warning,
 * and the state an SM-2 entry becomes (clamped where the plugin never writes such values).
 */
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { parseSrComment, stateFromEntry } from '../../core/compiler/sr-schedule.ts';
import { memoryFromSm2 } from '../../core/import/apkg/cards.ts';
import { studyTime } from '../../core/scheduler/study-time.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const sm2 = (iso: string, interval: number, ease: number) => ({ kind: 'sm2', due: day(iso), interval, ease });
const PROBLEM = (segment: string) =>
  `schedule "${segment}" is not the plugin's date,interval,ease: that card starts as new`;

describe('schedule comments: what is read', () => {
  it('spaces around entries and fields are ignored; a fourth field is allowed', () => {
    expect(parseSrComment(' ! 2021-08-11 , 4 , 270 !2021-8-2,0,250,x ')).toEqual({
      entries: [sm2('2021-08-11', 4, 270), sm2('2021-08-02', 0, 250)],
      problem: null,
    });
  });

  it('dates that are not dates, a wrong number of fields, bad intervals and eases: new, said once', () => {
    const bad = [
      '2021-13-01,4,270', // month 13
      '31-04-2021,4,270', // 31 April
      '00-00-2021,4,270', // month 0
      'Wed Foo 11 2021,4,270', // no such month
      '2021-08-11,4', // two fields
      '2021-08-11,4,270,1,2', // five
      '2021-08-11,-1,270', // a negative interval
      '2021-08-11,2.5,270', // a fraction of a day
      '2021-08-11,4,lots', // an ease that is no number
      '2021-08-111,4,270', // digits past the day
      '12021-08-11,4,270', // before the year
      '111-08-2021,4,270',
      '11-08-20211,4,270',
      'Wedn Aug 11 2021,4,270',
      'Wed Aug 11 20211,4,270',
    ];
    for (const segment of bad) {
      expect(parseSrComment(`!${segment}!2021-08-11,4,270`), segment).toEqual({
        entries: [null, sm2('2021-08-11', 4, 270)],
        problem: PROBLEM(segment),
      });
    }
    // Two bad entries: the message names the first.
    expect(parseSrComment('!x,1,2!y,1,2').problem).toBe(PROBLEM('x,1,2'));
  });

  it("the FSRS build's entries: new when its state is new, refused when a number is missing or out of range", () => {
    const good = 'fsrs,2026-01-10T04:00:00.000Z,9,12.5,4.2,2,6,1,0,-';
    expect(parseSrComment(`!${good}`)).toEqual({
      entries: [
        {
          kind: 'fsrs',
          state: {
            due: Date.parse('2026-01-10T04:00:00.000Z'),
            stability: 12.5,
            difficulty: 4.2,
            elapsed_days: 0,
            scheduled_days: 9,
            learning_steps: 0,
            reps: 6,
            lapses: 1,
            state: 2,
            last_review: null, // `-`: never reviewed in the plugin
          },
        },
      ],
      problem: null,
    });
    // A fractional or negative interval is rounded and kept at 0 or more.
    const interval = (text: string) => {
      const e = parseSrComment(`!fsrs,2026-01-10T04:00:00.000Z,${text},12.5,4.2,2,6,1,0,-`).entries[0];
      return e?.kind === 'fsrs' ? e.state.scheduled_days : e;
    };
    expect([interval('2.6'), interval('-3')]).toEqual([3, 0]);
    // State 0 is the plugin's new card: new here too, without a warning.
    expect(parseSrComment('!fsrs,2026-01-10T04:00:00.000Z,0,0,0,0,0,0,0,-')).toEqual({
      entries: [null],
      problem: null,
    });
    const broken = [
      'fsrs,2026-01-10T04:00:00.000Z,9,12.5,4.2,4,6,1,0,-', // state 4
      'fsrs,2026-01-10T04:00:00.000Z,9,-1,4.2,2,6,1,0,-', // negative stability
      'fsrs,2026-01-10T04:00:00.000Z,9,12.5,4.2,2,-6,1,0,-', // negative reps
      'fsrs,2026-01-10T04:00:00.000Z,9,12.5,4.2,2,6,-1,0,-', // negative lapses
      'fsrs,2026-01-10T04:00:00.000Z,9,12.5,4.2,2,6,1,-1,-', // negative steps
      'fsrs,2026-01-10T04:00:00.000Z,9,12.5, ,2,6,1,0,-', // no difficulty
      'fsrs,2026-01-10T04:00:00.000Z,9,12.5,4.2,2,6,1,0', // no last review
      'fsrs,tomorrow,9,12.5,4.2,2,6,1,0,-', // a due that is no date
      'fsrs,2026-01-10T04:00:00.000Z,9', // cut short
    ];
    for (const segment of broken) {
      expect(parseSrComment(`!${segment}`), segment).toEqual({ entries: [null], problem: PROBLEM(segment) });
    }
  });
});

describe("an SM-2 entry as a card's starting state", () => {
  const time = studyTime(4);

  it('due at the start of its study day, reviewed once, interval days before', () => {
    const m = memoryFromSm2(2.5, 10, default_w);
    expect(stateFromEntry(sm2('2026-12-10', 10, 250) as never, default_w, time)).toEqual({
      due: time.startOf(day('2026-12-10')),
      stability: m.s,
      difficulty: m.d,
      elapsed_days: 0,
      scheduled_days: 10,
      learning_steps: 0,
      reps: 1,
      lapses: 0,
      state: 2,
      last_review: time.startOf(day('2026-11-30')),
    });
  });

  it("an ease below the plugin's lowest (130) counts as 130; an interval over 200 years as 200 years", () => {
    const low = stateFromEntry(sm2('2026-12-10', 10, 100) as never, default_w, time)!;
    const lowest = stateFromEntry(sm2('2026-12-10', 10, 130) as never, default_w, time)!;
    expect(low.difficulty).toBe(lowest.difficulty);
    expect(low.difficulty).toBeGreaterThan(
      stateFromEntry(sm2('2026-12-10', 10, 250) as never, default_w, time)!.difficulty,
    );
    const long = stateFromEntry(sm2('2026-12-10', 100_000, 250) as never, default_w, time)!;
    expect(long.scheduled_days).toBe(73_000);
    expect(long.stability).toBe(memoryFromSm2(2.5, 73_000, default_w).s);
    expect(long.last_review).toBe(time.startOf(day('2026-12-10') - 73_000));
  });

  it('a card not reviewed yet stays new; an FSRS entry is taken as written', () => {
    expect(stateFromEntry(null, default_w, time)).toBeNull();
    const fsrs = parseSrComment('!fsrs,2026-01-10T04:00:00.000Z,9,12.5,4.2,2,6,1,0,-').entries[0]!;
    expect(stateFromEntry(fsrs, default_w, time)).toBe(fsrs.kind === 'fsrs' ? fsrs.state : undefined);
  });
});
