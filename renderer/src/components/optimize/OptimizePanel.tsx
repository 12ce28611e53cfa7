import { useEffect, useRef, useState } from 'react';
import type { MethodResult } from '../../../../core/api/service.ts';
import type { Preset } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { ApiError } from '../../client/index.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { NumbersTable } from '../NumbersTable.tsx';

type Result = MethodResult<'optimize.run'> extends Promise<infer R> ? R : never;
type Progress = MethodResult<'optimize.progress'>;

/**
 * Optimize: the history's size (or why it cannot run), the fit on the server's worker thread
 * with its progress and Cancel, then the held-out scores of the parameters in use and the
 * fitted ones side by side, Apply only when the fitted ones are better, and Revert.
 */
export function OptimizePanel({ preset, onChanged }: { preset: Preset; onChanged(): void }) {
  const t = useT();
  const o = t.optimize;
  const lang = useLang();
  const call = useApi();
  const status = useLoad(() => call('optimize.status', { presetId: preset.id }), [call, preset.id]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<{ jobId: string; value: Result } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const polling = useRef<ReturnType<typeof setInterval> | null>(null);
  const stopPolling = () => {
    if (polling.current) clearInterval(polling.current);
    polling.current = null;
  };
  useEffect(() => () => void (polling.current && clearInterval(polling.current)), []);

  const run = async () => {
    const id = `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    setJobId(id);
    setResult(null);
    setMessage(null);
    setFailure(null);
    setProgress(null);
    polling.current = setInterval(() => {
      call('optimize.progress', { jobId: id })
        .then(setProgress)
        .catch(() => undefined); // not started yet: the next poll sees it
    }, 300);
    try {
      const value = await call('optimize.run', { presetId: preset.id, jobId: id });
      setResult({ jobId: id, value });
    } catch (e) {
      if (e instanceof ApiError && e.type === 'Conflict' && /cancelled/.test(e.message))
        setMessage(o.cancelled);
      else setFailure(e);
    } finally {
      stopPolling();
      setJobId(null);
    }
  };

  const apply = async (id: string) => {
    setFailure(null);
    try {
      await call('optimize.apply', { jobId: id });
      setResult(null);
      setMessage(o.applied);
      status.reload();
      onChanged();
    } catch (e) {
      setFailure(e);
    }
  };
  const revert = async () => {
    setFailure(null);
    try {
      await call('optimize.revert', { presetId: preset.id });
      setResult(null);
      setMessage(o.reverted);
      status.reload();
      onChanged();
    } catch (e) {
      setFailure(e);
    }
  };

  const s = status.data;
  const n4 = (x: number) => formatNumber(x, lang, 4);
  const r = result?.value;
  return (
    <section className="optimize-panel" aria-labelledby="optimize-heading" data-testid="optimize-panel">
      <h3 id="optimize-heading">{o.optimizeTitle}</h3>
      <p className="muted small">{o.optimizeIntro}</p>
      {status.error ? <ErrorMessage error={status.error} onRetry={status.reload} /> : null}
      {!s && !status.error && <p className="muted">{t.common.loading}</p>}
      {s && !s.available && (
        <p className="notice" data-testid="optimize-unavailable">
          {o.unavailable}
        </p>
      )}
      {s?.available && (
        <>
          <p data-testid="optimize-history">{o.history(s.answers, s.answeredCards, s.items)}</p>
          {!s.enough && (
            <p className="notice" data-testid="optimize-refused">
              {o.notEnough(s.items, s.minimum)}
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={!s.enough || jobId !== null}
              onClick={() => void run()}
            >
              {o.run}
            </button>
            {jobId && (
              <button type="button" className="btn" onClick={() => void call('optimize.cancel', { jobId })}>
                {o.cancel}
              </button>
            )}
            {s.previous.kept && !jobId && (
              <button type="button" className="btn" onClick={() => void revert()}>
                {o.revert}
              </button>
            )}
          </div>
          {jobId && (
            <p aria-live="polite" data-testid="optimize-progress">
              {o.phase[progress?.phase ?? 'reading']}
              {progress && progress.total > 0 ? ` ${o.step(progress.current, progress.total)}` : ''}
            </p>
          )}
          {s.previous.kept && !s.previous.parameters && !jobId && (
            <p className="muted small">{o.previousDefaults}</p>
          )}
        </>
      )}
      {r && result && (
        <div data-testid="optimize-result">
          <NumbersTable
            caption={o.tableCaption(r.trainItems, r.heldOutItems)}
            columns={[{ label: o.parameters }, { label: o.logLoss, num: true }, { label: o.rmse, num: true }]}
            rows={[
              {
                key: 'current',
                testId: 'optimize-current',
                head: r.currentParameters ? o.inUse : o.inUseDefaults,
                cells: [n4(r.current.logLoss), n4(r.current.rmseBins)],
              },
              {
                key: 'fitted',
                testId: 'optimize-fitted',
                head: o.fitted,
                cells: [n4(r.fitted.logLoss), n4(r.fitted.rmseBins)],
              },
            ]}
          />
          <p className="notice" role="status">
            {r.better ? o.better : o.notBetter}
          </p>
          {r.better && (
            <button type="button" className="btn btn-primary" onClick={() => void apply(result.jobId)}>
              {o.apply}
            </button>
          )}
        </div>
      )}
      <p className="notice" aria-live="polite" data-testid="optimize-message">
        {message}
      </p>
      {failure ? <ErrorMessage error={failure} /> : null}
    </section>
  );
}
