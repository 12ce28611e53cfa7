import { useLayoutEffect, useState } from 'react';
import type { CramRun } from '../../app/route.tsx';
import { useNavigate } from '../../app/route.tsx';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { EditShownCard } from '../edit/EditShownCard.tsx';
import { CardView } from '../review/CardView.tsx';
import { GradeButtons } from '../review/GradeButtons.tsx';
import { ProgressBar } from '../review/ProgressBar.tsx';
import { ReviewToolbar } from '../review/ReviewToolbar.tsx';
import { SourceInfo } from '../review/SourceInfo.tsx';
import { useReviewKeys } from '../review/useReviewKeys.ts';
import { useCramSession } from './useCramSession.ts';

/**
 * A cram session on screen: the review screen's card, buttons and keys, with "card n of N"
 * and, always in view, whether the answers reschedule the cards.
 */
export function CramSession({ run }: { run: CramRun }) {
  const t = useT();
  const c = t.cram;
  const navigate = useNavigate();
  const { session: s, markShown, ...act } = useCramSession(run);
  const [typed, setTyped] = useState('');
  const [editing, setEditing] = useState(false);
  const total = run.cardIds.length;
  const back = () =>
    navigate(run.examId === undefined ? { screen: 'home' } : { screen: 'exam', examId: run.examId });

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per card shown (serial)
  useLayoutEffect(() => {
    setTyped('');
    markShown();
  }, [s.serial, markShown]);

  useReviewKeys({
    revealed: s.revealed,
    ...act,
    edit: () => s.shown && setEditing(true),
    paused: editing,
    escape: back,
  });

  return (
    <div className="review cram" data-testid="cram-session" data-kind={run.kind}>
      <h1 className="visually-hidden">{c.title}</h1>
      <div className="review-top">
        <p className="cram-status">
          <strong>{c.kinds[run.kind]}</strong>{' '}
          <span data-testid="cram-progress" data-done={s.answered}>
            {c.progress(Math.min(s.index + 1, total), total)}
          </span>
        </p>
        <ReviewToolbar
          card={s.shown?.card ?? null}
          busy={s.busy}
          showSource={s.showSource}
          onUndo={act.undo}
          onBury={act.bury}
          onSuspend={act.suspend}
          onFlag={act.flag}
          onSource={act.toggleSource}
          onEdit={() => setEditing(true)}
        />
      </div>
      <p className={`cram-effect${run.reschedules ? '' : ' preview'}`}>
        {run.reschedules ? c.reschedules : c.noReschedule}
      </p>
      <ProgressBar done={s.index} remaining={total - s.index} />
      <p className="notice" aria-live="polite">
        {s.notice}
      </p>
      {s.error ? (
        <ErrorMessage error={s.error} answer={s.answerFailed} onRetry={s.shown ? undefined : act.retry} />
      ) : null}
      {s.shown === undefined && !s.error && <p className="muted">{t.common.loading}</p>}
      {s.shown === null && (
        <section className="panel finished" data-testid="cram-finished" aria-labelledby="cram-done">
          <h2 id="cram-done">{c.finishedTitle}</h2>
          <p>{c.finished(s.answered)}</p>
          <div className="finished-actions">
            {run.examId === undefined && (
              <button
                type="button"
                className="btn"
                onClick={() => navigate({ screen: 'cram', deckId: run.deckId })}
              >
                {c.again}
              </button>
            )}
            {/* biome-ignore lint/a11y/noAutofocus: the one action left on this screen */}
            <button type="button" className="btn btn-primary" autoFocus onClick={back}>
              {run.examId === undefined ? c.backHome : c.backExam}
            </button>
          </div>
        </section>
      )}
      {s.shown && (
        <>
          {s.showSource && <SourceInfo card={s.shown.card} />}
          <CardView
            key={s.serial}
            card={s.shown.card}
            revealed={s.revealed}
            typed={typed}
            onTyped={setTyped}
            onReveal={act.reveal}
          />
          <div className="answer-bar">
            {s.revealed ? (
              <GradeButtons
                states={s.shown.states}
                disabled={s.busy}
                onGrade={act.grade}
                intervals={run.reschedules}
              />
            ) : (
              <button
                type="button"
                className="btn btn-primary show-answer"
                aria-keyshortcuts="Space Enter"
                onClick={act.reveal}
              >
                {t.review.showAnswer}
              </button>
            )}
          </div>
          <p className="shortcuts muted small">
            {t.review.shortcuts(run.examId === undefined ? 'home' : 'exam')}
          </p>
        </>
      )}
      {editing && s.shown && (
        <EditShownCard
          cardId={s.shown.card.id}
          onClose={() => setEditing(false)}
          onEdited={(shown, message) => {
            setEditing(false);
            act.replaceShown(shown);
            act.notify(message);
          }}
        />
      )}
    </div>
  );
}
