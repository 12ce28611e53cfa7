import type { MouseEvent } from 'react';
import type { CardView } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';

interface Props {
  card: CardView | null;
  busy: boolean;
  onUndo(): void;
  onBury(): void;
  onSuspend(): void;
  onFlag(n: number): void;
  onSource(): void;
  showSource: boolean;
  /** Opens the card editor; absent where cards cannot be edited. */
  onEdit?(): void;
}

/** A mouse click leaves focus on the button; drop it so Space/Enter go back to the review. */
function clicked(fn: () => void) {
  return (e: MouseEvent<HTMLButtonElement>) => {
    if (e.detail > 0) e.currentTarget.blur();
    fn();
  };
}

/** Undo, bury, suspend, flag, edit and "where this card is written", with their keys. */
export function ReviewToolbar({
  card,
  busy,
  onUndo,
  onBury,
  onSuspend,
  onFlag,
  onSource,
  showSource,
  onEdit,
}: Props) {
  const t = useT();
  return (
    <div className="review-tools">
      <button
        type="button"
        className="btn btn-quiet"
        aria-keyshortcuts="u Control+Z"
        onClick={clicked(onUndo)}
      >
        {t.review.undo}
      </button>
      {card && (
        <>
          <button
            type="button"
            className="btn btn-quiet"
            aria-keyshortcuts="-"
            disabled={busy}
            onClick={clicked(onBury)}
          >
            {t.review.bury}
          </button>
          <button
            type="button"
            className="btn btn-quiet"
            aria-keyshortcuts="@"
            disabled={busy}
            onClick={clicked(onSuspend)}
          >
            {t.review.suspend}
          </button>
          <label className="flag-select">
            <span className="visually-hidden">{t.review.flag}</span>
            <select
              value={card.flag}
              disabled={busy}
              onChange={(e) => {
                const n = Number(e.target.value);
                onFlag(n === 0 ? card.flag : n);
                e.target.blur();
              }}
            >
              {t.review.flagNames.map((name, n) => (
                <option key={name} value={n}>
                  {n === 0 ? name : `${t.review.flagN(n)} · ${name}`}
                </option>
              ))}
            </select>
          </label>
          {onEdit && (
            <button
              type="button"
              className="btn btn-quiet"
              aria-keyshortcuts="e"
              disabled={busy}
              onClick={clicked(onEdit)}
            >
              {t.edit.edit}
            </button>
          )}
          <button
            type="button"
            className="btn btn-quiet"
            aria-keyshortcuts="i"
            aria-expanded={showSource}
            onClick={clicked(onSource)}
          >
            {t.review.edit}
          </button>
        </>
      )}
    </div>
  );
}
