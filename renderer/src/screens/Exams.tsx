import { useApi } from '../app/api.tsx';
import { useNavigate } from '../app/route.tsx';
import { useLoad } from '../app/useLoad.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ExamCountdown } from '../components/exams/ExamCountdown.tsx';
import { useT } from '../i18n/index.tsx';

/** Every exam, soonest first, with its countdown; "New exam". Lazy-loaded. */
export default function Exams() {
  const t = useT();
  const call = useApi();
  const navigate = useNavigate();
  const exams = useLoad(() => call('exams.list'), [call]);
  const now = Date.now();
  // Upcoming first (soonest first), then the past ones (most recent first).
  const list = [...(exams.data ?? [])].sort((a, b) =>
    a.examAt > now === b.examAt > now
      ? (a.examAt - b.examAt) * (a.examAt > now ? 1 : -1)
      : a.examAt > now
        ? -1
        : 1,
  );

  return (
    <div className="exams">
      <section className="panel" aria-labelledby="exams-heading">
        <div className="section-head">
          <h1 id="exams-heading">{t.exams.title}</h1>
          <button type="button" className="btn btn-primary" onClick={() => navigate({ screen: 'examForm' })}>
            {t.exams.add}
          </button>
        </div>
        <p className="muted">{t.exams.intro}</p>
        {exams.error ? <ErrorMessage error={exams.error} onRetry={exams.reload} /> : null}
        {!exams.data && exams.loading && <p className="muted">{t.common.loading}</p>}
        {exams.data && list.length === 0 && <p>{t.exams.none}</p>}
        <ul className="exam-list">
          {list.map((e) => (
            <ExamCountdown key={e.id} exam={e} details />
          ))}
        </ul>
      </section>
    </div>
  );
}
