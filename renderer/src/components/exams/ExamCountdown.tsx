import type { Exam } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { useNavigate } from '../../app/route.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { useExamFormat } from './examFormat.ts';

/** Predicted recall at the exam (if nothing more is studied) against the target. */
function PredictedLine({ exam }: { exam: Exam }) {
  const t = useT();
  const call = useApi();
  const fmt = useExamFormat();
  const forecast = useLoad(() => call('exams.forecast', { examId: exam.id }), [call, exam.id]);
  const f = forecast.data;
  if (!f) return <span className="muted small">{forecast.error ? t.common.none : t.common.loading}</span>;
  return (
    <span className="exam-predicted small" title={t.exams.homePredictedHint}>
      {t.exams.homePredicted(fmt.share(f.recalledAtExam, f.cards), fmt.percent(f.target))}
      <span className="visually-hidden"> ({t.exams.homePredictedHint})</span>
    </span>
  );
}

/** One exam in a list: its name (opens it), days left, date and time, and predicted recall. */
export function ExamCountdown({
  exam,
  details = false,
  predict = true,
}: {
  exam: Exam;
  details?: boolean;
  /** Whether to ask for the predicted recall yet (see ExamCountdowns). */
  predict?: boolean;
}) {
  const t = useT();
  const fmt = useExamFormat();
  const navigate = useNavigate();
  const past = exam.examAt <= Date.now();
  return (
    <li className={`exam-item${past ? ' past' : ''}`} data-testid="exam-item" data-exam-name={exam.name}>
      <div className="exam-item-head">
        <button
          type="button"
          className="linklike exam-name"
          aria-label={t.exams.open(exam.name)}
          onClick={() => navigate({ screen: 'exam', examId: exam.id })}
        >
          {exam.name}
        </button>
        <span className="exam-days" data-testid="exam-days">
          {past ? t.exams.past : t.exams.daysLeft(fmt.daysLeft(exam.examAt))}
        </span>
      </div>
      <span className="muted small">
        <time dateTime={new Date(exam.examAt).toISOString()}>{fmt.dateTime(exam.examAt)}</time>
        {details && ` · ${t.exams.targetIs(fmt.percent(exam.target))} · ${fmt.budget(exam)}`}
      </span>
      {!past &&
        (predict ? <PredictedLine exam={exam} /> : <span className="muted small">{t.common.loading}</span>)}
    </li>
  );
}
