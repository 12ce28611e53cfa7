/**
 * The schedule the Obsidian Spaced Repetition plugin keeps inside a note. After each review
 * it writes an HTML comment under the card (or after it, on the same line):
 *
 *   <!--SR:!2021-08-11,4,270-->               due date, interval in days, ease × 100
 *   <!--SR:!2021-08-11,4,270!2021-08-20,9,250-->   one `!…` entry per card of the note, in
 *                                              the plugin's card order (a `:::` line's two
 *                                              cards, a paragraph's clozes in text order)
 *
 * An entry dated 2000-01-01 is the plugin's mark for a sibling not reviewed yet. Its FSRS
 * build writes `!fsrs,<due ISO>,<interval>,<stability>,<difficulty>,<state>,<reps>,<lapses>,
 * <learning steps>,<last review ISO or ->` instead (src/utils/comment-parser.ts there).
 *
 * When a compile first adds such a card, the entry becomes the card's starting state, so a
 * user who moves from the plugin keeps their schedule. An SM-2 entry (interval and ease, no
 * answers) is turned into FSRS memory exactly as an Anki card with an interval and no review
 * log is on import: `memoryFromSm2` (Anki's own inference) with the weights ts-fsrs uses
 * for the card's preset.
 */

import { memoryFromSm2 } from '../import/apkg/cards.ts';
import type { FsrsColumns } from '../model/types.ts';
import { schedulerFor } from '../scheduler/fsrs.ts';
import { type StudyTime, studyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';

const DAY = 86_400_000;
const MAX_DAYS = 200 * 365;
/** The plugin's lowest ease (LEGACY_MIN_EASE): an ease below it was never written by it. */
const MIN_EASE = 130;

export type SrEntry =
  /** `due` is the calendar date as a day number (days since 1970-01-01). */
  | { kind: 'sm2'; due: number; interval: number; ease: number }
  | { kind: 'fsrs'; state: FsrsColumns }
  /** A card of the note not reviewed yet. */
  | null;

export interface SrComment {
  entries: SrEntry[];
  /** What could not be read, said once for the comment; those entries start as new cards. */
  problem: string | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date in one of the plugin's formats (YYYY-MM-DD, DD-MM-YYYY, "ddd MMM DD YYYY") as a day number. */
function dayOf(text: string): number | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text);
  const long = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [+iso[1]!, +iso[2]!, +iso[3]!]
    : dmy
      ? [+dmy[3]!, +dmy[2]!, +dmy[1]!]
      : long
        ? [+long[3]!, MONTHS.indexOf(long[1]!.toLowerCase()) + 1, +long[2]!]
        : [0, 0, 0];
  if (m < 1) return null;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  // 2021-02-30 is not a date (Date.UTC would roll it over to March).
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY;
}

const UNREVIEWED = Date.UTC(2000, 0, 1) / DAY;

function fsrsEntry(fields: string[]): SrEntry | undefined {
  const [, due, interval, stability, difficulty, state, reps, lapses, steps, last] = fields;
  const num = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? Number(s) : Number.NaN);
  const dueMs = Date.parse(due ?? '');
  const lastMs = last === '-' ? null : Date.parse(last ?? '');
  const columns: FsrsColumns = {
    due: dueMs,
    stability: num(stability),
    difficulty: num(difficulty),
    elapsed_days: 0,
    scheduled_days: Math.max(0, Math.round(num(interval))),
    learning_steps: num(steps),
    reps: num(reps),
    lapses: num(lapses),
    state: num(state),
    last_review: lastMs,
  };
  const ok =
    Object.values(columns).every((v) => v === null || Number.isFinite(v)) &&
    [0, 1, 2, 3].includes(columns.state) &&
    columns.stability >= 0 &&
    columns.reps >= 0 &&
    columns.lapses >= 0 &&
    columns.learning_steps >= 0;
  if (!ok) return undefined;
  return columns.state === 0 ? null : { kind: 'fsrs', state: columns };
}

/** The entries of a schedule comment, given what stands between `<!--SR:` and `-->`. */
export function parseSrComment(body: string): SrComment {
  const entries: SrEntry[] = [];
  let problem: string | null = null;
  // As the plugin splits it (CommentParser.parseMultiScheduleComment).
  for (const segment of body.split('!').map((s) => s.trim())) {
    if (segment === '') continue;
    const fields = segment.split(',').map((f) => f.trim());
    let entry: SrEntry | undefined;
    if (fields[0] === 'fsrs') entry = fsrsEntry(fields);
    else if (fields.length === 3 || fields.length === 4) {
      const due = dayOf(fields[0]!);
      const [interval, ease] = [Number(fields[1]), Number(fields[2])];
      if (due === UNREVIEWED) entry = null;
      else if (due !== null && Number.isInteger(interval) && interval >= 0 && Number.isFinite(ease))
        entry = { kind: 'sm2', due, interval, ease };
    }
    if (entry === undefined) {
      problem ??= `schedule "${segment}" is not the plugin's date,interval,ease: that card starts as new`;
      entries.push(null);
    } else entries.push(entry);
  }
  return { entries, problem };
}

/**
 * A card's starting FSRS state from an entry, or null to keep it new. SM-2: due at the start
 * of the study day of its date; reviewed `interval` study days before that; stability and
 * difficulty from `memoryFromSm2(ease / 100, interval, w)`; one review (the plugin keeps no
 * count), no lapses, in the review state.
 */
export function stateFromEntry(entry: SrEntry, w: readonly number[], time: StudyTime): FsrsColumns | null {
  if (entry === null) return null;
  if (entry.kind === 'fsrs') return entry.state;
  const interval = Math.min(MAX_DAYS, entry.interval);
  const memory = memoryFromSm2(Math.max(MIN_EASE, entry.ease) / 100, interval, w);
  if (!Number.isFinite(memory.s) || !Number.isFinite(memory.d)) return null;
  return {
    due: time.startOf(entry.due),
    stability: memory.s,
    difficulty: memory.d,
    elapsed_days: 0,
    scheduled_days: interval,
    learning_steps: 0,
    reps: 1,
    lapses: 0,
    state: 2, // ts-fsrs State.Review
    last_review: time.startOf(entry.due - interval),
  };
}

/**
 * Gives the cards a compile just added (ids in `cardOrds` order, the plugin's card order)
 * the states their note's schedule comment records. Returns how many it set.
 */
export function startFromSchedule(
  col: Collection,
  cardIds: readonly number[],
  entries: readonly SrEntry[],
  deckId: number,
): number {
  // The preset's weights as ts-fsrs fills them in (its defaults when the preset has none).
  const w = schedulerFor(col.presetOfDeck(deckId)).parameters.w;
  const time = studyTime(col.settings().dayStartHour);
  const update = col.stmt(
    `UPDATE cards SET due = @due, stability = @stability, difficulty = @difficulty,
       elapsed_days = @elapsed_days, scheduled_days = @scheduled_days, learning_steps = @learning_steps,
       reps = @reps, lapses = @lapses, state = @state, last_review = @last_review
     WHERE id = @id`,
  );
  let set = 0;
  cardIds.forEach((id, i) => {
    const state = i < entries.length ? stateFromEntry(entries[i]!, w, time) : null;
    if (state === null) return;
    update.run({ ...state, id });
    set++;
  });
  return set;
}
