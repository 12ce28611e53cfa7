/**
 * A Mnemo card's scheduling in Anki's terms (rslib/src/card/mod.rs, scheduler/timing.rs):
 * the card columns `type, queue, due, ivl, factor, left` and the FSRS memory state in
 * `data`, and each review as a `revlog` row. Anki counts review days from `col.crt`; the
 * package's `crt` is the start of the export's study day and its `conf` names the same
 * rollover hour and UTC offset, so Anki's day numbers are Mnemo's study days.
 */
import { default_w } from 'ts-fsrs';
import type { CardRow, PresetRow } from '../../model/types.ts';

/** The card columns these read. */
type Card = Omit<CardRow, 'leech' | 'retired'>;

import { splitSteps } from '../../scheduler/steps.ts';
import { studyTime } from '../../scheduler/study-time.ts';

const DAY_MS = 86_400_000;

export interface AnkiTiming {
  /** `col.crt`: the start of the export's study day, in epoch seconds. */
  crt: number;
  /** `col.conf` keys Anki's v2 timing reads: rollover hour and minutes west of UTC at crt. */
  rollover: number;
  creationOffset: number;
  /** Anki's day number (days since crt) of a moment. */
  day(ms: number): number;
  /** The start of the study day after the export's. */
  nextDayStart: number;
}

export function ankiTiming(now: number, dayStartHour: number): AnkiTiming {
  const time = studyTime(dayStartHour);
  const today = time.day(now);
  const start = time.startOf(today);
  return {
    crt: Math.floor(start / 1000),
    rollover: dayStartHour,
    creationOffset: new Date(start).getTimezoneOffset(),
    day: (ms) => time.day(ms) - today,
    nextDayStart: time.startOf(today + 1),
  };
}

export interface AnkiCardColumns {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  flags: number;
  data: string;
}

/** Per preset (and per steps text), parsed once: an export asks for every card. */
const weightsOf = new WeakMap<PresetRow, number[]>();
const minutesOf = new Map<string, number[]>();

/** The FSRS parameters a preset schedules with (its own, or ts-fsrs's defaults). */
export function presetWeights(preset: PresetRow): number[] {
  let w = weightsOf.get(preset);
  if (!w) {
    w = preset.fsrs_weights ? (JSON.parse(preset.fsrs_weights) as number[]) : [...default_w];
    weightsOf.set(preset, w);
  }
  return w;
}

/** Anki's learning steps in minutes, from Mnemo's "1m 10m 1d". */
export function stepMinutes(steps: string): number[] {
  let minutes = minutesOf.get(steps);
  if (!minutes) {
    const unit: Record<string, number> = { m: 1, h: 60, d: 1440 };
    minutes = splitSteps(steps).flatMap((s) => {
      const m = /^(\d+(?:\.\d+)?)([mhd])$/.exec(s);
      return m ? [Number(m[1]) * unit[m[2]!]!] : [];
    });
    if (minutesOf.size < 1000) minutesOf.set(steps, minutes);
  }
  return minutes;
}

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

/**
 * `cards.data`: Anki's FSRS memory state (`s`, `d`, desired retention `dr`, `decay`, last
 * review `lrt` in seconds), at full precision, and under `mnemo` the values Anki's columns
 * cannot hold exactly (due and last review to the millisecond, ts-fsrs's day counts and
 * step), so a Mnemo import restores the state exactly. Anki ignores keys it does not know
 * and drops them when it next saves the card; the import then derives them from the columns.
 */
function cardData(card: Card, preset: PresetRow): string {
  if (!(card.stability > 0 && card.difficulty > 0)) return '';
  const w = presetWeights(preset);
  return JSON.stringify({
    s: card.stability,
    d: card.difficulty,
    dr: round(preset.desired_retention, 2),
    ...(w.length >= 21 ? { decay: w[20] } : {}),
    ...(card.last_review !== null ? { lrt: Math.floor(card.last_review / 1000) } : {}),
    mnemo: {
      due: card.due,
      lr: card.last_review,
      el: card.elapsed_days,
      sd: card.scheduled_days,
      ls: card.learning_steps,
      r: card.reps,
    },
  });
}

/**
 * A card as Anki stores it. Without history it goes out new (only its marks kept). With
 * history: new cards keep their position; review cards their interval and due day; learning
 * and relearning cards their due moment (queue 1, epoch seconds) or, for a step of a day or
 * more, due day (queue 3), with `left` the steps still to go.
 */
export function ankiCardColumns(
  card: Card,
  preset: PresetRow,
  timing: AnkiTiming,
  now: number,
  withHistory: boolean,
): AnkiCardColumns {
  const marks = (type: number, queue: number) => {
    if (card.suspended) return -1;
    if (card.buried_until > now) return -3; // buried until a later day, as Anki's "buried manually"
    return type === 0 ? 0 : queue;
  };
  const flags = card.flag & 7;
  if (!withHistory || card.state === 0) {
    return {
      type: 0,
      queue: marks(0, 0),
      due: card.new_position,
      ivl: 0,
      factor: 0,
      reps: 0,
      lapses: 0,
      left: 0,
      flags,
      data: '',
    };
  }
  const type = card.state; // ts-fsrs and Anki number learning 1, review 2, relearning 3 alike
  let queue: number;
  let due: number;
  let ivl = 0;
  let left = 0;
  if (type === 2) {
    queue = 2;
    due = timing.day(card.due);
    ivl = Math.max(1, Math.round(card.scheduled_days));
  } else {
    const steps = stepMinutes(type === 1 ? preset.learning_steps : preset.relearning_steps);
    left = Math.max(1, steps.length - card.learning_steps);
    const dayLong = card.due >= timing.nextDayStart && card.due - (card.last_review ?? card.due) >= DAY_MS;
    queue = dayLong ? 3 : 1;
    due = dayLong ? timing.day(card.due) : Math.floor(card.due / 1000);
    // A relearning card's interval is the one it will graduate to; Anki needs at least a day.
    ivl = type === 3 ? Math.max(1, Math.round(card.scheduled_days)) : 0;
  }
  return {
    type,
    queue: marks(type, queue),
    due,
    ivl,
    factor: type === 1 ? 0 : 2500,
    reps: card.reps,
    lapses: card.lapses,
    left,
    flags,
    data: cardData(card, preset),
  };
}
