import type { GradeName, NextCard, Rating } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';

const GRADES: GradeName[] = ['again', 'hard', 'good', 'easy'];

/**
 * Again / Hard / Good / Easy, each with the interval it would give (keys 1–4). Without
 * `intervals` (a preview cram, which reschedules nothing) the intervals are not shown: they
 * would promise a schedule the answer does not make.
 */
export function GradeButtons({
  states,
  disabled,
  onGrade,
  intervals = true,
}: {
  states: NextCard['states'];
  disabled: boolean;
  onGrade(rating: Rating): void;
  intervals?: boolean;
}) {
  const t = useT();
  return (
    <div className="grades">
      {GRADES.map((g, i) => {
        const rating = (i + 1) as Rating;
        const interval = states[g].intervalText;
        return (
          // No aria-label: the name is the visible text, in reading order ("Again 1m 1"), so
          // it starts with the word a voice-control user says (WCAG 2.5.3).
          <button
            key={g}
            type="button"
            className={`btn grade grade-${g}`}
            data-testid={`grade-${rating}`}
            aria-keyshortcuts={String(rating)}
            disabled={disabled}
            onClick={() => onGrade(rating)}
          >
            {/* Spaces between the parts keep the name's words apart (a flex column hides them). */}
            <span className="grade-name">{t.review.grades[g]}</span>{' '}
            {intervals && <span className="grade-interval">{interval}</span>}{' '}
            <kbd className="grade-key">{rating}</kbd>
          </button>
        );
      })}
    </div>
  );
}
