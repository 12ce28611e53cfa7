import { useApi } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { type Bar, BarChart } from './BarChart.tsx';
import { useDayLabel } from './dayLabel.ts';

/**
 * The due forecast (next 14 days) and the review history (last 30 days); a chart with nothing
 * to show says so in words instead of drawing an empty scale. Lazy-loaded.
 */
export default function HomeCharts() {
  const t = useT();
  const call = useApi();
  const label = useDayLabel();
  const charts = useLoad(
    () => Promise.all([call('stats.forecast', { days: 14 }), call('stats.history', { days: 30 })]),
    [call],
  );
  if (charts.error) return <ErrorMessage error={charts.error} onRetry={charts.reload} />;
  if (!charts.data) return null;
  const [forecast, history] = charts.data;

  const due: Bar[] = forecast.days.map((d) => ({
    id: d.day,
    label: label(d.day),
    value: d.due,
    title: t.home.barDue(label(d.day), d.due),
  }));
  const reviews: Bar[] = history.days.map((d) => ({
    id: d.day,
    label: label(d.day),
    value: d.reviews,
    title: t.home.barReviews(label(d.day), d.reviews),
  }));
  const sum = (bars: Bar[]) => bars.reduce((n, b) => n + b.value, 0);

  return (
    <>
      <figure className="panel chart-panel" data-testid="forecast-chart">
        <figcaption>{t.home.forecastTitle}</figcaption>
        {sum(due) === 0 ? (
          <p className="muted chart-empty">{t.home.forecastEmpty}</p>
        ) : (
          <BarChart bars={due} tone="due" summary={t.home.forecastSummary(sum(due))} />
        )}
      </figure>
      <figure className="panel chart-panel" data-testid="history-chart">
        <figcaption>{t.home.historyTitle}</figcaption>
        {sum(reviews) === 0 ? (
          <p className="muted chart-empty">{t.home.historyEmpty}</p>
        ) : (
          <BarChart bars={reviews} tone="reviews" summary={t.home.historySummary(sum(reviews))} />
        )}
      </figure>
    </>
  );
}
