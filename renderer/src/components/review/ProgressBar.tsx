import { useT } from '../../i18n/index.tsx';

/**
 * How full the bar is, in percent. Nothing answered is empty even when nothing is counted
 * (yet): the counts arrive with the first card, and a full bar then flashed at every start.
 */
export function progressPercent(done: number, remaining: number): number {
  const total = done + remaining;
  return total === 0 ? (done > 0 ? 100 : 0) : Math.round((done / total) * 100);
}

/** Cards answered in this session out of answered + still remaining today. */
export function ProgressBar({ done, remaining }: { done: number; remaining: number }) {
  const t = useT();
  const total = done + remaining;
  const pct = progressPercent(done, remaining);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={t.review.progress}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${done} / ${total}`}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
