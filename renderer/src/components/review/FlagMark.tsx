import { useT } from '../../i18n/index.tsx';

/** The card's flag as a colored mark with its name (nothing for flag 0). */
export function FlagMark({ flag }: { flag: number }) {
  const t = useT();
  if (!flag) return null;
  const name = t.review.flagNames[flag] ?? String(flag);
  return (
    <span className={`flag flag-${flag}`} title={t.review.flagged(name)}>
      <span aria-hidden="true">⚑ </span>
      {t.review.flagged(name)}
    </span>
  );
}
