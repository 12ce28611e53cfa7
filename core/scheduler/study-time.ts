/**
 * The time ts-fsrs sees. ts-fsrs counts the days between reviews by UTC calendar date, so
 * handed plain timestamps its day boundary is UTC midnight: 08:00 in Beijing, not the
 * user's 04:00 study-day start. Anki counts these days from its own rollover.
 *
 * So Mnemo hands ts-fsrs "study time": a timeline on which every study day is exactly one
 * UTC day, starting at UTC midnight. Study day k (the local calendar date it starts on, as
 * days since 1970-01-01) maps to [k·DAY, (k+1)·DAY), and a moment within it keeps its
 * offset from the day's start (scaled on the 23- and 25-hour days of a daylight-saving
 * change, so the mapping is one-to-one). Elapsed days, scheduled days and every due date
 * ts-fsrs computes are then in study days; results are mapped back to real time.
 */
import { studyDayStart } from './day.ts';

const DAY = 86_400_000;

/** The local start of study day `k` (k = days since 1970-01-01 of its local calendar date). */
function startOfDay(k: number, dayStartHour: number): number {
  const date = new Date(k * DAY); // UTC midnight of that calendar date
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), dayStartHour).getTime();
}

/** The number of the study day that starts at `start` (a local study-day start). */
function dayNumber(start: number): number {
  const d = new Date(start);
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY);
}

export interface StudyTime {
  /** Real time (ms) → the study time ts-fsrs works in. */
  toFsrs(real: number): number;
  /** Study time → real time. */
  fromFsrs(study: number): number;
  /** The number of the study day containing real time `real`. */
  day(real: number): number;
  /** The real start of study day number `k`. */
  startOf(k: number): number;
  /** The hour the study days start at (a replay under several keeps a mapping per hour). */
  readonly dayStartHour: number;
}

/**
 * Study days begin on a local hour, and every time zone's offset is a multiple of 15 minutes,
 * so no 15-minute slice of time ever straddles two study days: the day of each slice is
 * worked out once (Date arithmetic is slow) and reused for every time within it.
 */
const SLICE = 15 * 60_000;

export function studyTime(dayStartHour: number): StudyTime {
  const startOf = (k: number) => startOfDay(k, dayStartHour);
  const slices = new Map<number, { start: number; k: number; length: number }>();
  return {
    toFsrs(real) {
      const slice = Math.floor(real / SLICE);
      let day = slices.get(slice);
      if (!day) {
        const start = studyDayStart(real, dayStartHour);
        const k = dayNumber(start);
        day = { start, k, length: startOf(k + 1) - start };
        // Old local mean times had odd offsets: a slice is cached only when it is one day's.
        if (start <= slice * SLICE && (slice + 1) * SLICE <= start + day.length) {
          if (slices.size > 100_000) slices.clear();
          slices.set(slice, day);
        }
      }
      return day.k * DAY + Math.round(((real - day.start) * DAY) / day.length);
    },
    fromFsrs(study) {
      const k = Math.floor(study / DAY);
      const start = startOf(k);
      const length = startOf(k + 1) - start;
      return start + Math.round(((study - k * DAY) * length) / DAY);
    },
    day: (real) => dayNumber(studyDayStart(real, dayStartHour)),
    startOf,
    dayStartHour,
  };
}

/**
 * A mapping per day-start hour, made the first time it is asked for and kept (each caches its
 * days): for a replay or a merge that meets the day start as it changed over time (sync).
 * `first`, if given, serves its own hour.
 */
export function studyTimes(first?: StudyTime): (hour: number) => StudyTime {
  const made = new Map<number, StudyTime>();
  if (first) made.set(first.dayStartHour, first);
  return (hour) => {
    let m = made.get(hour);
    if (!m) {
      m = studyTime(hour);
      made.set(hour, m);
    }
    return m;
  };
}
