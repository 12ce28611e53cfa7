import { useId } from 'react';
import { useT } from '../../i18n/index.tsx';
import { Markdown } from '../Markdown.tsx';
import { Field } from '../settings/Field.tsx';
import { type CardKind, type Draft, previewSides } from './cardDraft.ts';

interface Props {
  kind: CardKind;
  draft: Draft;
  onChange(d: Draft): void;
  /** A note stored in the collection has an Extra field; the Markdown syntax has none. */
  withExtra: boolean;
  readOnly?: boolean;
}

/**
 * A card's text as the user writes it in Markdown (front and back, or cloze text), with a live
 * preview drawn by the same renderer as the review screen.
 */
export function CardFields({ kind, draft, onChange, withExtra, readOnly = false }: Props) {
  const t = useT();
  const id = useId();
  const area = (name: keyof Draft, label: string, hint?: string, rows = 3) => (
    <Field id={`${id}-${name}`} label={label} hint={hint}>
      {(attrs) => (
        <textarea
          {...attrs}
          className="card-field"
          data-testid={`edit-${name}`}
          rows={rows}
          value={draft[name]}
          readOnly={readOnly}
          spellCheck={false}
          onChange={(e) => onChange({ ...draft, [name]: e.target.value })}
        />
      )}
    </Field>
  );
  const sides = previewSides(kind, draft);
  return (
    <div className="card-fields">
      <div className="card-inputs">
        {kind === 'cloze' ? (
          <>
            {area('text', t.edit.text, t.edit.textHint, 5)}
            {withExtra && area('extra', t.edit.extra)}
          </>
        ) : (
          <>
            {area('front', t.edit.front)}
            {area('back', t.edit.back, t.edit.backHint, 5)}
          </>
        )}
      </div>
      <section className="card-preview" aria-label={t.edit.preview} data-testid="edit-preview">
        <h3>{t.edit.preview}</h3>
        <Markdown source={sides.front} className="card-side card-front" />
        <hr className="card-divider" />
        <Markdown source={sides.back} className="card-side card-back" />
      </section>
    </div>
  );
}
