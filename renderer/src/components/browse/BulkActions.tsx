import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';

export type BulkAction =
  | { kind: 'cards.suspend' | 'cards.unsuspend' | 'cards.reset' }
  | { kind: 'cards.reposition'; start: number };

/** Suspend / unsuspend / reset / reposition the checked cards. */
export function BulkActions({
  count,
  busy,
  onAction,
}: {
  count: number;
  busy: boolean;
  onAction(action: BulkAction): void;
}) {
  const t = useT();
  const [start, setStart] = useState('0');
  const disabled = busy || count === 0;
  const startValid = /^\d+$/.test(start.trim());
  return (
    <fieldset className="bulk" disabled={disabled}>
      <legend>
        {t.browse.bulk} · {t.browse.selected(count)}
      </legend>
      <button type="button" className="btn" onClick={() => onAction({ kind: 'cards.suspend' })}>
        {t.browse.suspend}
      </button>
      <button type="button" className="btn" onClick={() => onAction({ kind: 'cards.unsuspend' })}>
        {t.browse.unsuspend}
      </button>
      <button
        type="button"
        className="btn btn-danger"
        onClick={() => {
          if (window.confirm(t.browse.confirmReset(count))) onAction({ kind: 'cards.reset' });
        }}
      >
        {t.browse.reset}
      </button>
      <span className="bulk-reposition">
        <label>
          <span>{t.browse.repositionStart}</span>
          <input
            type="number"
            className="reposition-input"
            min={0}
            step={1}
            inputMode="numeric"
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="btn"
          disabled={!startValid}
          onClick={() => onAction({ kind: 'cards.reposition', start: Number(start) })}
        >
          {t.browse.reposition}
        </button>
      </span>
    </fieldset>
  );
}
