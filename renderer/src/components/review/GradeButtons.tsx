import type { GradeName, NextCard, Rating } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';

const GRADES: GradeName[] = ['again', 'hard', 'good', 'easy'];

/** Again / Hard / Good / Easy, each with the interval it would give (keys 1–4). */
export function GradeButtons({
  states,
  disabled,
  onGrade,
}: {
  states: NextCard['states'];
  disabled: boolean;
  onGrade(rating: Rating): void;
}) {
  const t = useT();
  return (
    <div className="grades">
      {GRADES.map((g, i) => {
        const rating = (i + 1) as Rating;
        const interval = states[g].intervalText;
        return (
          <button
            key={g}
            type="button"
            className={`btn grade grade-${g}`}
            data-testid={`grade-${rating}`}
            aria-label={t.review.gradeLabel(t.review.grades[g], interval)}
            aria-keyshortcuts={String(rating)}
            disabled={disabled}
            onClick={() => onGrade(rating)}
          >
            <span className="grade-interval">{interval}</span>
            <span className="grade-name">{t.review.grades[g]}</span>
            <kbd className="grade-key">{rating}</kbd>
          </button>
        );
      })}
    </div>
  );
}
