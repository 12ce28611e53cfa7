/** Study-day calendars for the statistics: consecutive study days and the local hours within them. */
import { nextStudyDayStart, studyDayStart } from '../scheduler/day.ts';

/**
 * The starts of the `count` study days ending with the one holding `now`, and the end of that
 * day (count + 1 numbers). Stepped by the calendar, so a daylight-saving day is 23 or 25 hours.
 */
export function pastDays(now: number, count: number, dayStartHour: number): number[] {
  const starts = [studyDayStart(now, dayStartHour)];
  while (starts.length < count) starts.unshift(studyDayStart(starts[0]! - 1, dayStartHour));
  starts.push(nextStudyDayStart(now, dayStartHour));
  return starts;
}

/** The starts of `count` study days from the one holding `now` on, and the end of the last. */
export function comingDays(now: number, count: number, dayStartHour: number): number[] {
  const bounds = [studyDayStart(now, dayStartHour)];
  for (let i = 0; i < count; i++) bounds.push(nextStudyDayStart(bounds[i]!, dayStartHour));
  return bounds;
}

/** One clock hour: [start, end) and the local hour of day (0–23) it is. */
export interface Hour {
  start: number;
  end: number;
  hour: number;
}

const HOUR = 3_600_000;

/**
 * Every clock hour from `from` to `to` (both on local hour boundaries, as study days are).
 * Stepping an absolute hour and rounding down to the local hour keeps zones at :30 and :45
 * offsets right; a daylight-saving change gives a day of 23 or 25 hours, each counted once.
 */
export function hoursBetween(from: number, to: number): Hour[] {
  const out: Hour[] = [];
  for (let t = from; t < to; ) {
    const next = new Date(t + HOUR);
    next.setMinutes(0, 0, 0);
    const end = Math.min(to, next.getTime() > t ? next.getTime() : t + HOUR);
    out.push({ start: t, end, hour: new Date(t).getHours() });
    t = end;
  }
  return out;
}
