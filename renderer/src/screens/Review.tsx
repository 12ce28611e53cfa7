import { useLayoutEffect, useState } from 'react';
import { useNavigate } from '../app/route.tsx';
import { RemainingCounts } from '../components/Counts.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { EditShownCard } from '../components/edit/EditShownCard.tsx';
import { ExamSessionTitle } from '../components/exams/ExamSessionTitle.tsx';
import { CardView } from '../components/review/CardView.tsx';
import { GradeButtons } from '../components/review/GradeButtons.tsx';
import { ProgressBar } from '../components/review/ProgressBar.tsx';
import { ReviewToolbar } from '../components/review/ReviewToolbar.tsx';
import { SourceInfo } from '../components/review/SourceInfo.tsx';
import { useReviewKeys } from '../components/review/useReviewKeys.ts';
import { useReviewSession } from '../components/review/useReviewSession.ts';
import { useT } from '../i18n/index.tsx';
import { Finished } from './Finished.tsx';

/**
 * The review session: one card at a time, graded with 1–4 after the answer is shown. With
 * `examId` it is "Study for EXAM": the exam session's queue (core/exams/session.ts).
 */
export function Review({ deckId, examId }: { deckId: number | undefined; examId?: number }) {
  const t = useT();
  const navigate = useNavigate();
  const { session, markShown, ...act } = useReviewSession(deckId, examId);
  const { next, revealed, busy } = session;
  const [typed, setTyped] = useState('');
  const [editing, setEditing] = useState(false);

  // A new card is on screen: reset the answer box and start its clock.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per card shown (serial)
  useLayoutEffect(() => {
    setTyped('');
    markShown();
  }, [session.serial, markShown]);

  useReviewKeys({
    revealed,
    reveal: act.reveal,
    grade: act.grade,
    undo: act.undo,
    bury: act.bury,
    suspend: act.suspend,
    flag: act.flag,
    toggleSource: act.toggleSource,
    edit: () => next && setEditing(true),
    paused: editing,
    escape: () => navigate(examId === undefined ? { screen: 'home' } : { screen: 'exam', examId }),
  });

  const counts = next?.counts ?? { new: 0, learning: 0, review: 0 };
  const remaining = counts.new + counts.learning + counts.review;

  return (
    <div className="review">
      <h1 className="visually-hidden">{t.review.title}</h1>
      {examId !== undefined && (
        <ExamSessionTitle examId={examId} beyondPlan={next?.inPlan === false && next.queue !== 'learning'} />
      )}
      <div className="review-top">
        <RemainingCounts counts={counts} current={next?.queue} />
        <ReviewToolbar
          card={next?.card ?? null}
          busy={busy}
          showSource={session.showSource}
          onUndo={act.undo}
          onBury={act.bury}
          onSuspend={act.suspend}
          onFlag={act.flag}
          onSource={act.toggleSource}
          onEdit={() => setEditing(true)}
        />
      </div>
      <ProgressBar done={session.answered} remaining={remaining} />
      <p className="notice" aria-live="polite">
        {session.notice}
      </p>
      {session.error ? (
        <ErrorMessage
          error={session.error}
          answer={session.answerFailed}
          onRetry={next ? undefined : act.refresh}
        />
      ) : null}
      {next === undefined && !session.error && <p className="muted">{t.common.loading}</p>}
      {next === null && (
        <Finished
          key={session.serial}
          deckId={deckId}
          examId={examId}
          answered={session.answered}
          onContinue={act.refresh}
        />
      )}
      {next && (
        <>
          {session.showSource && <SourceInfo card={next.card} />}
          <CardView
            key={session.serial}
            card={next.card}
            revealed={revealed}
            typed={typed}
            onTyped={setTyped}
            onReveal={act.reveal}
          />
          <div className="answer-bar">
            {revealed ? (
              <GradeButtons states={next.states} disabled={busy} onGrade={act.grade} />
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
            {t.review.shortcuts(examId === undefined ? 'home' : 'exam')}
          </p>
        </>
      )}
      {editing && next && (
        <EditShownCard
          cardId={next.card.id}
          onClose={() => setEditing(false)}
          onEdited={(shown, message) => {
            setEditing(false);
            act.replaceCard(shown);
            act.notify(message);
          }}
        />
      )}{' '}
    </div>
  );
}
