import { useState } from 'react';
import type { Preset } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { ApiError } from '../../client/index.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { apiFieldErrors, fromDraft, type PresetDraft, toDraft } from './presetDraft.ts';

const CHECKS = [
  'burySiblings',
  'newIgnoresReviewLimit',
  'limitsFromTop',
  'enableFuzz',
  'typeAnswer',
] as const;

/**
 * One preset's options; saved together. Every problem shows under its field in the user's
 * language: the form checks with the API's own bounds, and an API refusal is placed the same way.
 */
export function PresetForm({ preset, onSaved }: { preset: Preset; onSaved(p: Preset): void }) {
  const t = useT();
  const s = t.settings;
  const call = useApi();
  const [draft, setDraft] = useState<PresetDraft>(() => toDraft(preset));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof PresetDraft>(key: K, value: PresetDraft[K]) => {
    setDraft({ ...draft, [key]: value });
    setStatus(null);
  };

  const save = async () => {
    const { patch, errors: problems } = fromDraft(draft, s);
    setFailure(null);
    if (Object.keys(problems).length) {
      setErrors(problems);
      setStatus(s.fixErrors);
      return;
    }
    setSaving(true);
    try {
      const saved = await call('presets.update', { presetId: preset.id, ...patch });
      setErrors({});
      setDraft(toDraft(saved));
      setStatus(t.common.saved);
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.type === 'InvalidArgument') {
        const p = t.presets;
        const { byField, other } = apiFieldErrors(e.message, draft, s, {
          field: p.refused,
          other: p.refusedOther,
        });
        setErrors(byField);
        setStatus(other ?? s.fixErrors);
      } else setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  const text = (
    key: Exclude<keyof PresetDraft, 'leechAction' | (typeof CHECKS)[number]>,
    label: string,
    hint?: string,
    inputMode?: 'decimal' | 'numeric',
  ) => (
    <Field id={`preset-${key}`} label={label} hint={hint} error={errors[key]}>
      {(attrs) => (
        <input
          {...attrs}
          type="text"
          inputMode={inputMode}
          value={draft[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {text('desiredRetention', s.desiredRetention, s.desiredRetentionHint, 'decimal')}
      {text('maximumInterval', t.presets.maximumInterval, t.presets.maximumIntervalHint, 'numeric')}
      {text('newPerDay', s.newPerDay, undefined, 'numeric')}
      {text('reviewsPerDay', s.reviewsPerDay, undefined, 'numeric')}
      {text('learningSteps', s.learningSteps, s.stepsHint)}
      {text('relearningSteps', s.relearningSteps, s.stepsHint)}
      {text('leechThreshold', s.leechThreshold, undefined, 'numeric')}
      <Field id="preset-leechAction" label={s.leechAction} error={errors.leechAction}>
        {(attrs) => (
          <select
            {...attrs}
            value={draft.leechAction}
            onChange={(e) => set('leechAction', e.target.value as PresetDraft['leechAction'])}
          >
            <option value="suspend">{s.leechActions.suspend}</option>
            <option value="tag">{s.leechActions.tag}</option>
          </select>
        )}
      </Field>
      {CHECKS.map((key) => (
        <div key={key}>
          <label className="check">
            <input
              type="checkbox"
              data-testid={`preset-${key}`}
              checked={draft[key]}
              onChange={(e) => set(key, e.target.checked)}
            />
            <span>{key === 'enableFuzz' ? t.presets.enableFuzz : s[key]}</span>
          </label>
          {errors[key] && <small className="field-error">{errors[key]}</small>}
        </div>
      ))}
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {s.savePreset}
        </button>
        <span className="notice" aria-live="polite">
          {status}
        </span>
      </div>
    </form>
  );
}
