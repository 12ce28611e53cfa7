import type { Exam } from '../../api/types.ts';
import { useDayStartHour } from '../../app/prefs.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { localeOf, useLang, useT } from '../../i18n/index.tsx';

/**
 * Study days from today to the exam's day (0: today; negative: past), counted as the plan
 * counts them: a study day starts at `dayStartHour` local time, so at 00:30 it is still
 * yesterday's study day and an exam "in 10 days" by the calendar is 11 study days away.
 */
export function daysUntil(examAt: number, now: number, dayStartHour: number): number {
  const studyDay = (ms: number) => {
    const d = new Date(ms);
    const date = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
    return d.getHours() < dayStartHour ? date - 1 : date;
  };
  return Math.round(studyDay(examAt) - studyDay(now));
}

/** The exam texts every exam view shares: percentages, dates, countdowns, budgets. */
export function useExamFormat() {
  const lang = useLang();
  const t = useT();
  const dayStartHour = useDayStartHour();
  const locale = localeOf(lang);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  // Shares always with one decimal, so that a column of them lines up (3.0 %, not 3 %).
  const sharePct = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    /**
     * A predicted share, rounded down to 0.1 %: 89.96 % must not read as a 90 % target
     * reached (the 1e-9 keeps 0.29, stored as 0.28999…, from showing as 28.9 %).
     */
    share: (n: number, total: number) =>
      sharePct.format(total > 0 ? Math.floor((n / total) * 1000 + 1e-9) / 1000 : 0),
    percent: (x: number) => percent.format(x),
    count: (n: number) => formatNumber(n, lang, n >= 100 ? 0 : 1),
    minutes: (n: number) => formatNumber(n, lang, n >= 10 ? 0 : 1),
    dateTime: (ms: number) => dateTime.format(new Date(ms)),
    /** "in 12 days", "tomorrow", "today"; "past" once it has begun. */
    countdown: (examAt: number, now = Date.now()) =>
      examAt <= now ? t.exams.past : relative.format(daysUntil(examAt, now, dayStartHour), 'day'),
    /** Study days left before the exam day (see daysUntil). */
    daysLeft: (examAt: number, now = Date.now()) => daysUntil(examAt, now, dayStartHour),
    budget: (e: Pick<Exam, 'budget' | 'budgetKind'>) => t.exams.budgetIs(e.budget, e.budgetKind),
  };
}
