/**
 * Study days start at a configurable local hour (04:00 by default, as in Anki), so a
 * late-night session still counts toward the day it began in.
 */

/** Start (ms) of the study day containing `now`, in the process's local time zone. */
export function studyDayStart(now: number, dayStartHour: number): number {
  const d = new Date(now);
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate(), dayStartHour, 0, 0, 0);
  if (start.getTime() > now) start.setDate(start.getDate() - 1);
  return start.getTime();
}

/** Start (ms) of the next study day: cards due before it are due "today". */
export function nextStudyDayStart(now: number, dayStartHour: number): number {
  const start = new Date(studyDayStart(now, dayStartHour));
  start.setDate(start.getDate() + 1);
  return start.getTime();
}

export interface StudyDay {
  start: number;
  end: number;
}

export function studyDay(now: number, dayStartHour: number): StudyDay {
  return { start: studyDayStart(now, dayStartHour), end: nextStudyDayStart(now, dayStartHour) };
}
