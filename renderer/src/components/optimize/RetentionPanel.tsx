import { useState } from 'react';
import type { MethodResult } from '../../../../core/api/service.ts';
import type { Preset } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { formatNumber, formatPercent } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { type Bar, BarChart } from '../charts/BarChart.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { NumbersTable } from '../NumbersTable.tsx';

type Simulation = Awaited<MethodResult<'optimize.simulate'>>;

/**
 * The retention simulation: minutes a day under each desired retention as bars (the current
 * setting in the second tone), the workload-optimal one named (set it in the form above), and
 * every figure in a table for screen readers and exact values.
 */
export function RetentionPanel({ preset }: { preset: Preset }) {
  const t = useT();
  const o = t.optimize;
  const lang = useLang();
  const call = useApi();
  const [sim, setSim] = useState<Simulation | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const pct = (r: number) => formatPercent(r, lang);

  const simulate = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setSim(await call('optimize.simulate', { presetId: preset.id }));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const current = sim?.outcomes.reduce((a, b) =>
    Math.abs(b.retention - sim.currentRetention) < Math.abs(a.retention - sim.currentRetention) ? b : a,
  );
  const perDay = (x: number) => (sim ? x / sim.days : 0);
  const bars: Bar[] =
    sim?.outcomes.map((x) => ({
      id: String(x.retention),
      label: pct(x.retention),
      value: x.minutesPerDay,
      part: x === current ? x.minutesPerDay : undefined,
      title: o.barTitle(pct(x.retention), Math.round(x.minutesPerDay), Math.round(perDay(x.reviews))),
    })) ?? [];

  return (
    <section className="retention-panel" aria-labelledby="retention-heading" data-testid="retention-panel">
      <h3 id="retention-heading">{o.simTitle}</h3>
      <p className="muted small">{o.simIntro}</p>
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void simulate()}>
          {busy ? o.simulating : o.simulate}
        </button>
      </div>
      {sim && (
        <div data-testid="retention-result">
          {sim.simulatedCards < sim.cards && (
            <p className="muted small">{o.sampled(sim.simulatedCards, sim.cards)}</p>
          )}
          <p data-testid="retention-suggested">
            {o.suggested(pct(sim.suggested), pct(sim.currentRetention))}
          </p>
          <figure className="chart-panel">
            <BarChart
              bars={bars}
              tone="workload"
              summary={o.chartSummary(
                pct(sim.outcomes[0]!.retention),
                pct(sim.outcomes.at(-1)!.retention),
                Math.round(sim.outcomes[0]!.minutesPerDay),
                Math.round(sim.outcomes.at(-1)!.minutesPerDay),
              )}
              maxLabel={`${Math.round(Math.max(...bars.map((b) => b.value)))} min`}
            />
            <ul className="chart-legend">
              <li className="legend-reviews">{o.legendMinutes}</li>
              <li className="legend-new">{o.legendCurrent}</li>
            </ul>
          </figure>
          <details className="exam-numbers">
            <summary>{o.tableSummary}</summary>
            <NumbersTable
              testId="retention-table"
              columns={[
                { label: o.retention },
                { label: o.reviewsPerDay, num: true },
                { label: o.minutesPerDay, num: true },
                { label: o.remembered, num: true },
              ]}
              rows={sim.outcomes.map((x) => ({
                key: x.retention,
                head: `${pct(x.retention)}${x === current ? ` (${o.currentMark})` : ''}${x.retention === sim.suggested ? ` (${o.suggestedMark})` : ''}`,
                cells: [
                  formatNumber(perDay(x.reviews), lang, 1),
                  formatNumber(x.minutesPerDay, lang, 1),
                  formatNumber(x.remembered, lang),
                ],
              }))}
            />
          </details>
        </div>
      )}
      {failure ? <ErrorMessage error={failure} /> : null}
    </section>
  );
}
