import { useEffect, useState } from 'react';
import type { Preset } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { paramsText, readParams } from './fsrsParams.ts';

/**
 * A preset's 21 FSRS parameters: shown (the defaults when it has none), pasted, saved after a
 * check in the user's language (each bad parameter named), or reset to the defaults.
 */
export function FsrsParams({ preset, onSaved }: { preset: Preset; onSaved(): void }) {
  const t = useT();
  const o = t.optimize;
  const call = useApi();
  const [text, setText] = useState(() => paramsText(preset.fsrsWeights));
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Optimize's Apply or Revert changed them: show what is in use now.
  const stored = paramsText(preset.fsrsWeights);
  useEffect(() => setText(stored), [stored]);

  const save = async (value: number[] | null, done: string) => {
    setFailure(null);
    try {
      const saved = await call('presets.update', { presetId: preset.id, fsrsWeights: value });
      setText(paramsText(saved.fsrsWeights));
      setErrors([]);
      setStatus(done);
      onSaved();
    } catch (e) {
      setFailure(e);
    }
  };
  const submit = () => {
    const read = readParams(text, o);
    if (!read.ok) {
      setErrors(read.errors);
      setStatus(null);
      return;
    }
    void save(read.value, read.value ? o.paramsSaved : o.paramsReset);
  };

  return (
    <form
      className="fsrs-params"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className={`field${errors.length ? ' invalid' : ''}`}>
        <label htmlFor="fsrs-params">{o.paramsLabel}</label>
        <textarea
          id="fsrs-params"
          data-testid="fsrs-params"
          rows={3}
          spellCheck={false}
          value={text}
          aria-invalid={errors.length > 0}
          aria-describedby={`fsrs-params-hint${errors.length ? ' fsrs-params-errors' : ''}`}
          onChange={(e) => {
            setText(e.target.value);
            setStatus(null);
          }}
        />
        <small id="fsrs-params-hint" className="hint">
          {preset.fsrsWeights ? o.usingPersonal : o.usingDefaults} {o.paramsHint}
        </small>
        {errors.length > 0 && (
          <ul
            id="fsrs-params-errors"
            className="field-error fsrs-errors"
            role="alert"
            data-testid="fsrs-params-errors"
          >
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </div>
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn">
          {o.saveParams}
        </button>
        <button type="button" className="btn" onClick={() => void save(null, o.paramsReset)}>
          {o.resetDefaults}
        </button>
        <span className="notice" aria-live="polite">
          {status}
        </span>
      </div>
    </form>
  );
}
