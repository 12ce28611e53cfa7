import type { Language } from '../api/types.ts';
import { localeOf } from './index.tsx';

const DAY = 86_400_000;

/** "14:05" for today, "Mar 3, 14:05" otherwise (in the UI language). */
export function formatDateTime(ms: number, lang: Language, now = Date.now()): string {
  const d = new Date(ms);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(localeOf(lang), opts).format(d);
}

export function formatDate(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(ms),
  );
}

/** "in 12 minutes", "tomorrow", "3 days ago". */
export function formatRelative(ms: number, lang: Language, now = Date.now()): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' });
  if (abs < 60_000) return rtf.format(Math.round(diff / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  if (abs < 30 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  if (abs < 365 * DAY) return rtf.format(Math.round(diff / (30 * DAY)), 'month');
  return rtf.format(Math.round(diff / (365 * DAY)), 'year');
}

/** A duration such as "1 hr, 5 min" or "42 sec", localized by Intl. */
export function formatDuration(ms: number, lang: Language): string {
  const totalSec = Math.round(ms / 1000);
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec % 60;
  const unit = (value: number, u: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(localeOf(lang), { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (h > 0) return `${unit(h, 'hour')} ${unit(m, 'minute')}`;
  if (m > 0) return `${unit(m, 'minute')}${s && m < 10 ? ` ${unit(s, 'second')}` : ''}`;
  return unit(s, 'second');
}

export function formatNumber(n: number, lang: Language, digits = 0): string {
  return new Intl.NumberFormat(localeOf(lang), {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(n);
}

export function formatPercent(x: number, lang: Language): string {
  return new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 0 }).format(x);
}
