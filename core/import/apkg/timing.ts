/**
 * Anki's day numbers in Mnemo's time. Review due dates are days since `col.crt`, counted as
 * Anki counts them (rslib/src/scheduler/timing.rs: v1, v2 with legacy cutoff, or v2 with
 * the creation offset), so "due in 3 days" in the package is due 3 study days after today
 * here, whatever day the package was written.
 */
import { studyTime } from '../../scheduler/study-time.ts';
import type { SchedConfig } from './schema.ts';

const DAY = 86_400_000;

/** Days since the collection was created, at `now`, as Anki computes `days_elapsed`. */
export function ankiDaysElapsed(crtSecs: number, sched: SchedConfig, now: number): number {
  const nowSecs = Math.floor(now / 1000);
  if (sched.schedVer < 2) return Math.max(0, Math.floor((nowSecs - crtSecs) / 86_400));
  const rollover = sched.rollover ?? 4;
  const localOffsetMs = -new Date(now).getTimezoneOffset() * 60_000;
  if (sched.creationOffset === null) {
    // Legacy cutoff: the rollover hour on crt's local date, whole days since then.
    const crtLocal = crtSecs * 1000 + localOffsetMs;
    const rolloverAt = Math.floor(crtLocal / DAY) * DAY + rollover * 3_600_000 - localOffsetMs;
    return Math.max(0, Math.floor((nowSecs * 1000 - rolloverAt) / DAY));
  }
  const created = Math.floor((crtSecs * 1000 - sched.creationOffset * 60_000) / DAY);
  const nowLocal = now + localOffsetMs;
  const today = Math.floor(nowLocal / DAY);
  const passed = nowLocal - today * DAY >= rollover * 3_600_000;
  return Math.max(0, today - created - (passed ? 0 : 1));
}

export interface DueMapper {
  /** The package's "today" as a day number since crt. */
  today: number;
  /** The start of the study day a package day number falls on. */
  dayStart(day: number): number;
  /** The start of the next study day (when a buried card comes back). */
  nextDayStart: number;
  /** The study-day number of a moment (for whole-day differences). */
  studyDay(ms: number): number;
}

export function dueMapper(crtSecs: number, sched: SchedConfig, now: number, dayStartHour: number): DueMapper {
  const time = studyTime(dayStartHour);
  const today = ankiDaysElapsed(crtSecs, sched, now);
  const here = time.day(now);
  return {
    today,
    dayStart: (day) => time.startOf(here + (day - today)),
    nextDayStart: time.startOf(here + 1),
    studyDay: (ms) => time.day(ms),
  };
}
