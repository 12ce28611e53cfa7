import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../app/api.tsx';
import { useLoad } from '../app/useLoad.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Chart } from '../components/stats/Chart.tsx';
import {
  buttonsChart,
  calendarChart,
  countsChart,
  distributionChart,
  forecastChart,
  type Granularity,
  hoursChart,
  pct,
  retentionChart,
  reviewsChart,
  type Screen,
  timeChart,
} from '../components/stats/options.ts';
import { usePalette } from '../components/stats/theme.ts';
import { useT } from '../i18n/index.tsx';
import '../styles/stats.css';

const PERIODS = [30, 90, 365] as const;

/** "all", "deck:ID" or "exam:ID" → stats.screen's arguments. */
function scopeArgs(value: string): { deckId?: number; examId?: number } {
  const [kind, id] = value.split(':');
  if (kind === 'deck') return { deckId: Number(id) };
  if (kind === 'exam') return { examId: Number(id) };
  return {};
}

function useNarrow(): boolean {
  const query = '(max-width: 600px)';
  const [narrow, setNarrow] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const mq = matchMedia(query);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}

/** The Stats screen: a scope, a period, and every figure of stats.screen as charts with tables. Lazy-loaded with echarts. */
export default function Stats() {
  const t = useT();
  const call = useApi();
  const [scope, setScope] = useState('all');
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(30);
  const [by, setBy] = useState<Granularity>('month');
  const choices = useLoad(() => Promise.all([call('decks.list'), call('exams.list')]), [call]);
  // The hours of the day are read for the chosen period only (one query per hour).
  const data = useLoad(
    () => call('stats.screen', { ...scopeArgs(scope), hoursDays: period }),
    [call, scope, period],
  );

  return (
    <div className="stats">
      <section className="panel" aria-labelledby="stats-heading">
        <h1 id="stats-heading">{t.stats.title}</h1>
        <div className="stats-controls">
          <label>
            {t.stats.scope}{' '}
            <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="stats-scope">
              <option value="all">{t.stats.collection}</option>
              {choices.data && choices.data[0].decks.length > 0 && (
                <optgroup label={t.stats.decksGroup}>
                  {choices.data[0].decks.map((d) => (
                    <option key={d.id} value={`deck:${d.id}`}>
                      {d.name}
                    </option>
                  ))}
                </optgroup>
              )}
              {choices.data && choices.data[1].length > 0 && (
                <optgroup label={t.stats.examsGroup}>
                  {choices.data[1].map((e) => (
                    <option key={e.id} value={`exam:${e.id}`}>
                      {t.stats.examOption(e.name)}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </label>
          <label>
            {t.stats.period}{' '}
            <select value={period} onChange={(e) => setPeriod(Number(e.target.value) as 30 | 90 | 365)}>
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t.stats.periods[p]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {data.error ? <ErrorMessage error={data.error} onRetry={data.reload} /> : null}
        {!data.data && data.loading && <p className="muted">{t.common.loading}</p>}
      </section>
      {data.data && <Figures data={data.data} period={period} by={by} setBy={setBy} />}
    </div>
  );
}

function Figures({
  data,
  period,
  by,
  setBy,
}: {
  data: Screen;
  period: (typeof PERIODS)[number];
  by: Granularity;
  setBy: (g: Granularity) => void;
}) {
  const t = useT();
  const p = usePalette();
  const narrow = useNarrow();
  const { reviews, cards } = data;
  const inPeriod = reviews.periods.find((x) => x.days === period)!;
  const charts = useMemo(
    () => ({
      calendar: calendarChart(reviews, t, p, narrow),
      forecast: forecastChart(cards, t, p),
      reviews: reviewsChart(reviews, period, t, p),
      time: timeChart(reviews, period, t, p),
      buttons: buttonsChart(inPeriod, t, p),
      hours: hoursChart(inPeriod, t, p),
      retention: retentionChart(reviews, cards, by, t, p),
      counts: countsChart(cards, t, p),
      stability: distributionChart(cards.stability, '', t, p, p.accent),
      difficulty: distributionChart(cards.difficulty, '%', t, p, p.learning),
      retrievability: distributionChart(cards.retrievability, '%', t, p, p.review),
    }),
    [reviews, cards, period, inPeriod, by, t, p, narrow],
  );
  const month = reviews.retention.table.find((r) => r.period === 'month')!;
  const yearTotal = reviews.days.reduce((n, d) => n + d.reviews, 0);
  const forecastTotal = cards.forecast.days.reduce((n, d) => n + d.due, 0);
  const mean = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits));

  return (
    <>
      <section className="panel stats-summary" aria-label={t.stats.title} data-testid="stats-summary">
        <dl>
          <div>
            <dt>{t.stats.cards}</dt>
            <dd>{cards.counts.total}</dd>
          </div>
          <div>
            <dt>{t.stats.recalledNow}</dt>
            <dd>{t.stats.recalledOf(cards.recalledNow.toFixed(0), cards.studied)}</dd>
          </div>
          <div>
            <dt>
              {t.stats.answersPeriod} ({t.stats.periods[period]})
            </dt>
            <dd data-testid="stats-period-answers">{inPeriod.reviews}</dd>
          </div>
          <div>
            <dt>{t.stats.timePeriod}</dt>
            <dd>{t.stats.minutes(Math.round(inPeriod.timeMs / 60_000))}</dd>
          </div>
        </dl>
      </section>
      <Chart
        title={t.stats.calendar}
        summary={t.stats.calendarSummary(yearTotal, reviews.days.filter((d) => d.reviews).length)}
        height={narrow ? 800 : 170}
        testId="stats-calendar"
        {...charts.calendar}
      />
      <section className="panel" aria-labelledby="retention-heading" data-testid="stats-retention">
        <h2 id="retention-heading">{t.stats.retention}</h2>
        <p className="muted small">{t.stats.retentionIntro}</p>
        <div className="table-scroll">
          <table className="stats-retention-table">
            <thead>
              <tr>
                <td />
                <th scope="col">{t.stats.youngMature.young}</th>
                <th scope="col">{t.stats.youngMature.mature}</th>
                <th scope="col">{t.stats.youngMature.total}</th>
                <th scope="col">{t.stats.passFailHead}</th>
              </tr>
            </thead>
            <tbody>
              {reviews.retention.table.map((r) => (
                <tr key={r.period}>
                  <th scope="row">{t.stats.tablePeriods[r.period]}</th>
                  <td className="num">{pct(r.young)}</td>
                  <td className="num">{pct(r.mature)}</td>
                  <td className="num">{pct(r.total)}</td>
                  <td className="num">
                    {t.stats.passFail(r.youngPassed + r.maturePassed, r.youngFailed + r.matureFailed)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="small">
          {cards.desiredRetention.map((d) => t.stats.desired(pct(d.desiredRetention, 0), d.name)).join(' · ')}
        </p>
      </section>
      <Chart
        title={t.stats.retention}
        summary={t.stats.retentionSummary(pct(month.total))}
        testId="stats-retention-chart"
        empty={!reviews.retention.byMonth.some((r) => r.total !== null)}
        controls={
          <label className="small">
            {t.stats.retentionBy}{' '}
            <select value={by} onChange={(e) => setBy(e.target.value as Granularity)}>
              {(['day', 'week', 'month'] as const).map((g) => (
                <option key={g} value={g}>
                  {t.stats.granularity[g]}
                </option>
              ))}
            </select>
          </label>
        }
        {...charts.retention}
      />
      <div className="stats-grid">
        <Chart
          title={t.stats.forecast}
          summary={t.stats.forecastSummary(forecastTotal, cards.forecast.overdue)}
          testId="stats-forecast"
          {...charts.forecast}
        />
        <Chart
          title={`${t.stats.reviews} (${t.stats.periods[period]})`}
          summary={t.stats.reviewsSummary(inPeriod.reviews, period)}
          testId="stats-reviews"
          {...charts.reviews}
        />
        <Chart
          title={`${t.stats.time} (${t.stats.periods[period]})`}
          summary={t.stats.timeSummary(Math.round(inPeriod.timeMs / 60_000), period)}
          {...charts.time}
        />
        <Chart
          title={`${t.stats.buttons} (${t.stats.periods[period]})`}
          summary={t.stats.buttonsSummary}
          {...charts.buttons}
        />
        <Chart
          title={`${t.stats.hours} (${t.stats.periods[period]})`}
          summary={t.stats.hoursSummary}
          {...charts.hours}
        />
        <Chart
          title={t.stats.counts}
          summary={t.stats.countsSummary(cards.counts.total)}
          {...charts.counts}
        />
        <Chart
          title={t.stats.stability}
          summary={t.stats.stabilitySummary(mean(cards.stability.mean))}
          {...charts.stability}
        />
        <Chart
          title={t.stats.difficulty}
          summary={t.stats.difficultySummary(
            cards.difficulty.mean === null ? '—' : `${mean(cards.difficulty.mean)}%`,
          )}
          {...charts.difficulty}
        />
        <Chart
          title={t.stats.retrievability}
          summary={t.stats.retrievabilitySummary(
            cards.retrievability.mean === null ? '—' : `${mean(cards.retrievability.mean)}%`,
          )}
          {...charts.retrievability}
        />
      </div>
    </>
  );
}
