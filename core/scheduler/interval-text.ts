const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One decimal, without a trailing ".0": 1.2, 2. */
function short(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/**
 * The interval a button shows, in Anki's short units: `<1m`, `10m`, `1.5h`, `3d`, `1.2mo`, `2y`.
 * Months are 30 days and years 365 days, as Anki counts them.
 */
export function intervalText(ms: number): string {
  if (ms < MINUTE) return '<1m';
  if (ms < HOUR) return `${Math.round(ms / MINUTE)}m`;
  if (ms < DAY) return `${short(ms / HOUR)}h`;
  const days = ms / DAY;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${short(days / 30)}mo`;
  return `${short(days / 365)}y`;
}
