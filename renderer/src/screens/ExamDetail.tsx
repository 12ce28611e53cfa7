import { useState } from 'react';
import type { DeckInfo, Exam } from '../api/types.ts';
import { useApi } from '../app/api.tsx';
import { useNavigate } from '../app/route.tsx';
import { useLoad } from '../app/useLoad.ts';
import { CramLauncher } from '../components/cram/CramLauncher.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useExamFormat } from '../components/exams/examFormat.ts';
import { ForecastPanel } from '../components/exams/ForecastPanel.tsx';
import { PlanPanel } from '../components/exams/PlanPanel.tsx';
import { useT } from '../i18n/index.tsx';

/** What the exam covers, in words: its decks' names (all decks when none) and its tags. */
function scopeText(exam: Exam, decks: DeckInfo[], t: ReturnType<typeof useT>): string {
  const names = new Map(decks.map((d) => [d.id, d.name.split('::').join(' › ')]));
  const parts = exam.deckIds.length
    ? exam.deckIds.map((id) => names.get(id) ?? `#${id}`)
    : [t.exams.allDecks];
  if (exam.tags.length) parts.push(t.exams.withTags(exam.tags.join(' ')));
  return parts.join(' · ');
}

/**
 * One exam: when, what it covers, "Study for EXAM", predicted recall, the plan, and cram
 * sessions over its cards. Lazy-loaded.
 */
export default function ExamDetail({ examId }: { examId: number }) {
  const t = useT();
  const x = t.exams;
  const call = useApi();
  const navigate = useNavigate();
  const fmt = useExamFormat();
  const info = useLoad(
    () => Promise.all([call('exams.get', { examId }), call('decks.list')]),
    [call, examId],
  );
  // The forecast is quick; the plan may take a moment on a large collection: each shows when ready.
  const forecast = useLoad(() => call('exams.forecast', { examId }), [call, examId]);
  const plan = useLoad(() => call('exams.plan', { examId }), [call, examId]);
  const [failure, setFailure] = useState<unknown>(null);

  if (info.error) return <ErrorMessage error={info.error} onRetry={info.reload} />;
  if (!info.data) return <p className="muted">{t.common.loading}</p>;
  const [exam, decks] = info.data;
  const past = exam.examAt <= Date.now();

  const remove = async () => {
    if (!window.confirm(x.confirmDelete(exam.name))) return;
    try {
      await call('exams.delete', { examId });
      navigate({ screen: 'exams' });
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <div className="exams exam-detail">
      <section className="panel" aria-labelledby="exam-heading" data-testid="exam-detail">
        <div className="section-head">
          <h1 id="exam-heading">{exam.name}</h1>
          <div className="home-actions">
            <button type="button" className="btn" onClick={() => navigate({ screen: 'exams' })}>
              {x.back}
            </button>
            <button type="button" className="btn" onClick={() => navigate({ screen: 'examForm', examId })}>
              {x.edit}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => void remove()}>
              {x.delete}
            </button>
          </div>
        </div>
        <p className="exam-when-line">
          <time dateTime={new Date(exam.examAt).toISOString()}>{fmt.dateTime(exam.examAt)}</time>{' '}
          <strong className="exam-days">{past ? x.past : x.daysLeft(fmt.daysLeft(exam.examAt))}</strong>
        </p>
        <dl className="stats-list exam-facts">
          <dt>{x.scope}</dt>
          <dd>{scopeText(exam, decks.decks, t)}</dd>
          <dt>{x.targetShort}</dt>
          <dd>{fmt.percent(exam.target)}</dd>
          <dt>{x.budget}</dt>
          <dd>{fmt.budget(exam)}</dd>
        </dl>
        {failure ? <ErrorMessage error={failure} /> : null}
        {!past && (
          <div className="exam-study">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="study-exam"
              onClick={() => navigate({ screen: 'review', examId })}
            >
              {x.study(exam.name)}
            </button>
            {plan.data && <p className="muted small">{x.todayPlanned(plan.data.todayCards)}</p>}
          </div>
        )}
      </section>
      {forecast.error ? <ErrorMessage error={forecast.error} onRetry={forecast.reload} /> : null}
      {forecast.data ? <ForecastPanel forecast={forecast.data} /> : null}
      {plan.error ? <ErrorMessage error={plan.error} onRetry={plan.reload} /> : null}
      {plan.data ? (
        <PlanPanel plan={plan.data} exam={exam} />
      ) : (
        !plan.error && <p className="muted">{t.common.loading}</p>
      )}
      <section className="panel" aria-labelledby="cram-heading">
        <h2 id="cram-heading">{t.cram.setupTitle}</h2>
        <p className="muted small">{t.cram.setupIntro}</p>
        <CramLauncher examId={examId} />
      </section>
    </div>
  );
}
