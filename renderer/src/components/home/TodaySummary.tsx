import type { Counts } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { formatDateTime, formatDuration, formatRelative } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** Today's totals: still to do (from decks.list), studied, time, streak and the next due time. */
export function TodaySummary({ today }: { today: Counts | undefined }) {
  const t = useT();
  const lang = useLang();
  const call = useApi();
  const stats = useLoad(() => call('stats.today'), [call]);
  const s = stats.data;

  return (
    <section className="panel" aria-labelledby="today-heading">
      <h2 id="today-heading">{t.home.today}</h2>
      {today && (
        // Each number under its visible label (colour alone does not say which is which).
        <dl className="today-counts" data-testid="today-counts">
          {(['new', 'learning', 'review'] as const).map((kind) => (
            <div key={kind} className={`today-count count-${kind}`}>
              <dt>{t.counts[kind]}</dt>
              <dd>{today[kind]}</dd>
            </div>
          ))}
        </dl>
      )}
      {stats.error ? <ErrorMessage error={stats.error} /> : null}
      {s && (
        <dl className="stats-list">
          <dt>{t.home.studied}</dt>
          <dd>{s.studied}</dd>
          <dt>{t.home.time}</dt>
          <dd>{formatDuration(s.timeMs, lang)}</dd>
          <dt>{t.home.streak}</dt>
          <dd>{t.home.streakDays(s.streakDays)}</dd>
          <dt>{t.home.nextDue}</dt>
          <dd>
            {s.nextDue === null ? (
              t.home.nothingScheduled
            ) : (
              <time dateTime={new Date(s.nextDue).toISOString()}>
                {formatDateTime(s.nextDue, lang)} ({formatRelative(s.nextDue, lang)})
              </time>
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}
