import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { Field } from '../settings/Field.tsx';

/**
 * A preset's name, typed for a new, cloned or renamed preset. `check` says what is wrong in
 * the user's language (null: fine); `onSubmit` resolves to the server's objection, if any.
 */
export function NameForm({
  title,
  initial,
  submitLabel,
  check,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: string;
  submitLabel: string;
  check(name: string): string | null;
  onSubmit(name: string): Promise<string | null>;
  onCancel(): void;
}) {
  const t = useT();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="preset-name-form"
      noValidate
      data-testid="preset-name-form"
      onSubmit={(e) => {
        e.preventDefault();
        const problem = check(name);
        setError(problem);
        if (problem || busy) return;
        setBusy(true);
        void onSubmit(name.trim()).then((objection) => {
          setBusy(false);
          setError(objection);
        });
      }}
    >
      <p className="preset-name-title">{title}</p>
      <Field id="preset-name" label={t.presets.nameLabel} error={error ?? undefined}>
        {(attrs) => (
          // biome-ignore lint/a11y/noAutofocus: the form opens on the user's click, to type a name
          <input {...attrs} type="text" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t.presets.cancel}
        </button>
      </div>
    </form>
  );
}
