import { useApi } from '../app/api.tsx';
import { useNavigate } from '../app/route.tsx';
import { useLoad } from '../app/useLoad.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ExamForm } from '../components/exams/ExamForm.tsx';
import { newDraft, toDraft } from '../components/exams/examDraft.ts';
import { useT } from '../i18n/index.tsx';

/** Creates an exam (no `examId`) or edits one. Lazy-loaded. */
export default function ExamEdit({ examId }: { examId?: number }) {
  const t = useT();
  const call = useApi();
  const navigate = useNavigate();
  const data = useLoad(
    () =>
      Promise.all([
        call('decks.list'),
        examId === undefined ? Promise.resolve(null) : call('exams.get', { examId }),
      ]),
    [call, examId],
  );
  const back = () => navigate(examId === undefined ? { screen: 'exams' } : { screen: 'exam', examId });
  const [decks, exam] = data.data ?? [];

  return (
    <div className="exams">
      <section className="panel" aria-labelledby="exam-form-heading">
        <h1 id="exam-form-heading">{exam ? t.exams.editTitle(exam.name) : t.exams.newTitle}</h1>
        {data.error ? <ErrorMessage error={data.error} onRetry={data.reload} /> : null}
        {!data.data && data.loading && <p className="muted">{t.common.loading}</p>}
        {decks && (
          <ExamForm
            examId={examId}
            initial={exam ? toDraft(exam) : newDraft(Date.now())}
            decks={decks.decks}
            onSaved={(saved) => navigate({ screen: 'exam', examId: saved.id })}
            onCancel={back}
          />
        )}
      </section>
    </div>
  );
}
