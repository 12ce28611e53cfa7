import { useT } from '../../i18n/index.tsx';

/** Cards answered in this session out of answered + still remaining today. */
export function ProgressBar({ done, remaining }: { done: number; remaining: number }) {
  const t = useT();
  const total = done + remaining;
  const pct = total === 0 ? 100 : Math.round((done / total) * 100);
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
