import type { Counts } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';

type Kind = keyof Counts;

/** A table cell with one of today's counts, colored like Anki (new blue, learning red, due green). */
export function CountCell({ kind, value }: { kind: Kind; value: number }) {
  return (
    <td className={`num count count-${kind}${value === 0 ? ' zero' : ''}`} data-testid={`count-${kind}`}>
      {value}
    </td>
  );
}

/** The three remaining counts of a review session; the current card's queue is underlined. */
export function RemainingCounts({ counts, current }: { counts: Counts; current?: Kind }) {
  const t = useT();
  const kinds: Kind[] = ['new', 'learning', 'review'];
  return (
    <div className="remaining">
      <span className="visually-hidden">{t.review.remaining}: </span>
      {kinds.map((kind) => (
        <span
          key={kind}
          className={`count count-${kind}${current === kind ? ' current' : ''}`}
          title={t.counts[kind]}
          aria-current={current === kind ? 'true' : undefined}
        >
          <span className="visually-hidden">{t.counts[kind]} </span>
          <span data-testid={`remaining-${kind}`}>{counts[kind]}</span>
        </span>
      ))}
    </div>
  );
}
