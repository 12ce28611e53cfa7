import { useApi } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { useExamFormat } from './examFormat.ts';

/**
 * "Study for EXAM · in 12 days" above an exam session, so it is clear which queue this is;
 * once today's plan is done, a line saying the cards now shown are normal due cards beyond it.
 */
export function ExamSessionTitle({ examId, beyondPlan }: { examId: number; beyondPlan: boolean }) {
  const t = useT();
  const call = useApi();
  const fmt = useExamFormat();
  const exam = useLoad(() => call('exams.get', { examId }), [call, examId]);
  if (!exam.data) return null;
  return (
    <>
      <p className="exam-session-title" data-testid="exam-session-title">
        <strong>{t.exams.study(exam.data.name)}</strong>{' '}
        <span className="muted">· {fmt.countdown(exam.data.examAt)}</span>
      </p>
      {beyondPlan && (
        <p className="exam-beyond-plan" role="status" data-testid="exam-beyond-plan">
          {t.exams.beyondPlan}
        </p>
      )}
    </>
  );
}
