import type { ReviewLogEntry } from '../../api/types.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';

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
              <td className="num">
                {r.after.state === 'new' ? t.common.none : t.card.days(r.after.scheduledDays)}
              </td>
              <td className="num">{r.durationMs > 0 ? formatDuration(r.durationMs) : t.common.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
