import { useEffect } from 'react';
import { useApi } from '../app/api.tsx';
import { useNavigate } from '../app/route.tsx';
import { useLoad } from '../app/useLoad.ts';
import { formatDateTime, formatRelative } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/index.tsx';

/** Longest wait we schedule in one timer; past that we check again. */
const MAX_WAIT_MS = 60 * 60_000;

/** Today's queue is done: says when the next card is due, and continues by itself when it is. */
export function Finished({
  deckId,
  examId,
  answered,
  onContinue,
}: {
  deckId: number | undefined;
  /** An exam session ("Study for EXAM"): its counts, and back to the exam. */
  examId?: number;
  answered: number;
  onContinue(): void;
}) {
  const t = useT();
  const lang = useLang();
  const call = useApi();
  const navigate = useNavigate();
  // Loaded only now, off the review path.
  const info = useLoad(
    () => Promise.all([call('review.counts', { deckId, examId }), call('stats.today').catch(() => null)]),
    [call, deckId, examId],
  );
  const learningDue = info.data?.[0].nextLearningDue ?? null;
  const learningCount = info.data?.[0].learningLater ?? 0;
  const nextDue = learningDue ?? info.data?.[1]?.nextDue ?? null;

  useEffect(() => {
    if (learningDue === null) return;
    const wait = Math.max(1000, learningDue - Date.now());
    const timer = setTimeout(wait > MAX_WAIT_MS ? info.reload : onContinue, Math.min(wait, MAX_WAIT_MS));
    return () => clearTimeout(timer);
  }, [learningDue, onContinue, info.reload]);

  return (
    <section className="panel finished" data-testid="finished" aria-labelledby="finished-heading">
      <h2 id="finished-heading">{t.finished.title}</h2>
      {answered > 0 && <p>{t.finished.answered(answered)}</p>}
      {info.data &&
        (nextDue !== null ? (
          <p>{t.finished.nextAt(`${formatRelative(nextDue, lang)} (${formatDateTime(nextDue, lang)})`)}</p>
        ) : (
          <p>{t.finished.noneScheduled}</p>
        ))}
      {learningDue !== null && learningCount > 0 && (
        <p className="muted">{t.finished.learningWaiting(learningCount)}</p>
      )}
      <button
        type="button"
        className="btn btn-primary"
        // biome-ignore lint/a11y/noAutofocus: the one action left on this screen
        autoFocus
        onClick={() => navigate(examId === undefined ? { screen: 'home' } : { screen: 'exam', examId })}
      >
        {examId === undefined ? t.finished.backHome : t.cram.backExam}
      </button>
    </section>
  );
}
