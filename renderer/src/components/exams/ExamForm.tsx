import { useState } from 'react';
import type { DeckInfo, Exam } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { ApiError } from '../../client/index.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Field } from '../settings/Field.tsx';
import { DeckChecklist } from './DeckChecklist.tsx';
import { apiErrors, type DraftErrors, draftErrors, type ExamDraft, fromDraft } from './examDraft.ts';

interface Props {
  /** The exam being edited; none for a new one. */
  examId?: number;
  initial: ExamDraft;
  decks: DeckInfo[];
  onSaved(exam: Exam): void;
  onCancel(): void;
}

/**
 * An exam's name, date and time, decks and tags, target and daily budget. Checked here with
 * the same rules the API uses (core/exams/rules.ts) so each problem shows under its field in
 * the user's language; what only the collection knows (a tag with no cards) comes back from
 * the API and is placed the same way. Nothing is saved while a problem remains.
 */
export function ExamForm({ examId, initial, decks, onSaved, onCancel }: Props) {
  const t = useT();
  const x = t.exams;
  const call = useApi();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof ExamDraft>(key: K, value: ExamDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setStatus(null);
  };

  const save = async () => {
    const fields = fromDraft(draft);
    setFailure(null);
    const problems = draftErrors(fields, Date.now(), x.problems);
    setErrors(problems);
    if (Object.keys(problems).length) {
      setStatus(x.fixErrors);
      return;
    }
    setSaving(true);
    try {
      const saved =
        examId === undefined
          ? await call('exams.create', fields)
          : await call('exams.update', { examId, ...fields });
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.type === 'InvalidArgument') {
        const { byField, rest } = apiErrors(e.message, x.problems);
        setErrors(byField);
        setStatus(x.fixErrors);
        if (rest.length) setFailure(new ApiError(e.type, rest.join('; ')));
      } else setFailure(e);
      setSaving(false);
    }
  };

  const scopeError = errors.scope ? 'exam-scope-error' : undefined;
  return (
    <form
      className="settings-form exam-form"
      noValidate
      data-testid="exam-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field id="exam-name" label={x.name} error={errors.name}>
        {(attrs) => (
          <input
            {...attrs}
            type="text"
            maxLength={400}
            placeholder={x.namePlaceholder}
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
          />
        )}
      </Field>
      <div className="exam-when">
        <Field id="exam-date" label={x.date} error={errors.examAt}>
          {(attrs) => (
            <input {...attrs} type="date" value={draft.date} onChange={(e) => set('date', e.target.value)} />
          )}
        </Field>
        <Field id="exam-time" label={x.time}>
          {(attrs) => (
            <input
              {...attrs}
              type="time"
              aria-invalid={Boolean(errors.examAt)}
              aria-describedby={errors.examAt ? 'exam-date-error' : undefined}
              value={draft.time}
              onChange={(e) => set('time', e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className={`exam-scope${errors.scope ? ' invalid' : ''}`} aria-describedby={scopeError}>
        <legend>{x.scopeLegend}</legend>
        <small id="exam-decks-hint" className="hint">
          {x.decksHint}
        </small>
        <DeckChecklist
          decks={decks}
          selected={draft.deckIds}
          onChange={(ids) => set('deckIds', ids)}
          describedBy="exam-decks-hint"
          invalid={Boolean(errors.scope)}
        />
        <Field id="exam-tags" label={x.tags} hint={x.tagsHint}>
          {(attrs) => (
            <input
              {...attrs}
              type="text"
              aria-invalid={Boolean(errors.scope)}
              aria-describedby={[attrs['aria-describedby'], scopeError].filter(Boolean).join(' ')}
              value={draft.tags}
              onChange={(e) => set('tags', e.target.value)}
            />
          )}
        </Field>
        {errors.scope && (
          <small id="exam-scope-error" className="field-error" role="alert">
            {errors.scope}
          </small>
        )}
      </fieldset>
      <Field id="exam-target" label={x.target} error={errors.target}>
        {(attrs) => (
          <input
            {...attrs}
            type="text"
            inputMode="decimal"
            className="input-short"
            value={draft.target}
            onChange={(e) => set('target', e.target.value)}
          />
        )}
      </Field>
      <Field id="exam-budget" label={x.budget} error={errors.budget}>
        {(attrs) => (
          <span className="exam-budget">
            <input
              {...attrs}
              type="text"
              inputMode="decimal"
              className="input-short"
              value={draft.budget}
              onChange={(e) => set('budget', e.target.value)}
            />
            <select
              aria-label={x.budgetUnit}
              value={draft.budgetKind}
              onChange={(e) => set('budgetKind', e.target.value as ExamDraft['budgetKind'])}
            >
              <option value="minutes">{x.budgetKinds.minutes}</option>
              <option value="reviews">{x.budgetKinds.reviews}</option>
            </select>
          </span>
        )}
      </Field>
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? x.saving : x.save}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {x.cancel}
        </button>
        <span className="notice" aria-live="polite">
          {status}
        </span>
      </div>
    </form>
  );
}
