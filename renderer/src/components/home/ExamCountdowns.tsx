import { useApi } from '../../app/api.tsx';
import { useNavigate } from '../../app/route.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { ExamCountdown } from '../exams/ExamCountdown.tsx';

/**
 * Home's countdown to each upcoming exam (days left, predicted recall vs target), or a way to
 * plan one. `predict`: ask for the predictions (a forecast of every card of each exam) only
 * once true, so that they do not compete with the deck list and the first card.
 */
export function ExamCountdowns({ predict = true }: { predict?: boolean }) {
  const t = useT();
  const call = useApi();
  const navigate = useNavigate();
  const exams = useLoad(() => call('exams.list'), [call]);
  const now = Date.now();
  // exams.list is soonest first.
  const upcoming = (exams.data ?? []).filter((e) => e.examAt > now);

  return (
    <section className="panel home-exams" aria-labelledby="home-exams-heading" data-testid="home-exams">
      <div className="section-head">
        <h2 id="home-exams-heading">{t.exams.homeTitle}</h2>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => navigate(upcoming.length ? { screen: 'exams' } : { screen: 'examForm' })}
        >
          {upcoming.length ? t.exams.homeAll : t.exams.homePlan}
        </button>
      </div>
      {exams.error ? <ErrorMessage error={exams.error} onRetry={exams.reload} /> : null}
      {exams.data && upcoming.length === 0 && <p className="muted">{t.exams.homeNone}</p>}
      {upcoming.length > 0 && (
        <ul className="exam-list">
          {upcoming.map((e) => (
            <ExamCountdown key={e.id} exam={e} predict={predict} />
          ))}
        </ul>
      )}
    </section>
  );
}
