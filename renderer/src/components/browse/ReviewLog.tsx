import { intervalText } from '../../../../core/scheduler/interval-text.ts';
import type { ReviewLogEntry } from '../../api/types.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';

const DAY = 86_400_000;

/**
 * The interval an answer gave, written as the grade buttons write it: whole study days for a
 * day or more ("3d", "1.5mo"), else the real wait of a learning step ("10m", "1h"); null for
 * a reset (the card is new again).
 */
export function logInterval(entry: Pick<ReviewLogEntry, 'reviewedAt' | 'after'>): string | null {
  const { after } = entry;
  if (after.state === 'new') return null;
  if (after.scheduledDays >= 1) return intervalText(after.scheduledDays * DAY);
  return intervalText(Math.max(0, after.due - entry.reviewedAt));
}

/** A card's review log, newest first: when, rating, type, the interval it got, time taken. */
export function ReviewLog({
  log,
  formatDuration,
}: {
  log: ReviewLogEntry[];
  formatDuration(ms: number): string;
}) {
  const t = useT();
  const lang = useLang();
  const c = t.card.logColumns;
  const rows = [...log].reverse();
  return (
    <div className="table-scroll">
      <table className="log">
        <thead>
          <tr>
            <th scope="col">{c.when}</th>
            <th scope="col">{c.rating}</th>
            <th scope="col">{c.kind}</th>
            <th scope="col" className="num">
              {c.interval}
            </th>
            <th scope="col" className="num">
              {c.duration}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.reviewedAt, lang)}</td>
              <td className={`rating rating-${r.rating}`}>{t.card.ratings[r.rating] || t.common.none}</td>
              <td>{t.card.kinds[r.kind as keyof typeof t.card.kinds] ?? r.kind}</td>
              <td className="num">{logInterval(r) ?? t.common.none}</td>
              <td className="num">{r.durationMs > 0 ? formatDuration(r.durationMs) : t.common.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
