import { useEffect, useState } from 'react';
import { SETTINGS_BOUNDS } from '../../../../core/store/settings.ts';
import type { Settings, Theme } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { usePrefs } from '../../app/prefs.tsx';
import { ApiError } from '../../client/index.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage, storageText } from '../ErrorMessage.tsx';
import { Field } from './Field.tsx';

const FIELDS = ['dayStartHour', 'learnAheadMinutes'] as const;

/** What is wrong with each typed value, checked against the API's own bounds, in the user's language. */
export function settingsErrors(
  draft: Record<(typeof FIELDS)[number], string>,
  s: { notANumber: string; notWhole: string; notInRange(min: number, max: number): string },
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of FIELDS) {
    const text = draft[f].trim();
    const n = text === '' ? Number.NaN : Number(text);
    const { min, max } = SETTINGS_BOUNDS[f];
    if (!Number.isFinite(n)) errors[f] = s.notANumber;
    else if (n < min || n > max) errors[f] = s.notInRange(min, max);
    else if (!Number.isInteger(n)) errors[f] = s.notWhole;
  }
  return errors;
}

/** Theme and language (applied at once) and the study-day options (saved with a button). */
export function GeneralSettings({ settings }: { settings: Settings }) {
  const t = useT();
  const s = t.settings;
  const call = useApi();
  const { prefs, updatePrefs, setSettings } = usePrefs();
  const [draft, setDraft] = useState({
    dayStartHour: String(settings.dayStartHour),
    learnAheadMinutes: String(settings.learnAheadMinutes),
  });
  // A value that changed underneath (a sync brought another device's) replaces the draft's.
  useEffect(() => {
    setDraft({
      dayStartHour: String(settings.dayStartHour),
      learnAheadMinutes: String(settings.learnAheadMinutes),
    });
  }, [settings.dayStartHour, settings.learnAheadMinutes]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [prefError, setPrefError] = useState<string | null>(null);

  const save = async () => {
    setFailure(null);
    const problems = settingsErrors(draft, s);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    try {
      const saved = await call('settings.update', {
        dayStartHour: Number(draft.dayStartHour),
        learnAheadMinutes: Number(draft.learnAheadMinutes),
      });
      setSettings(saved);
      setErrors({});
      setStatus(t.common.saved);
    } catch (e) {
      // The form checked the same bounds: a refusal here is unexpected, but still not in English.
      if (e instanceof ApiError && e.type === 'InvalidArgument') setStatus(t.presets.refusedOther);
      else setFailure(e);
    }
  };

  // Saving the theme or language failed: say why in the user's language, never the API's English.
  const pref = async (patch: Parameters<typeof updatePrefs>[0]) => {
    const error = await updatePrefs(patch);
    setPrefError(error === null ? null : (storageText(error, t) ?? t.presets.refusedOther));
  };

  return (
    <>
      <section className="panel" aria-labelledby="general-heading">
        <h2 id="general-heading">{s.general}</h2>
        <form
          className="settings-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {FIELDS.map((f) => (
            <Field key={f} id={`setting-${f}`} label={s[f]} error={errors[f]}>
              {(attrs) => (
                <input
                  {...attrs}
                  type="text"
                  inputMode="numeric"
                  value={draft[f]}
                  onChange={(e) => {
                    setDraft({ ...draft, [f]: e.target.value });
                    setStatus(null);
                  }}
                />
              )}
            </Field>
          ))}
          {failure ? <ErrorMessage error={failure} /> : null}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              {s.saveGeneral}
            </button>
            <span className="notice" aria-live="polite">
              {status}
            </span>
          </div>
        </form>
      </section>
      <section className="panel" aria-labelledby="appearance-heading">
        <h2 id="appearance-heading">{s.appearance}</h2>
        <div className="settings-form">
          <Field id="setting-theme" label={s.theme}>
            {(attrs) => (
              <select
                {...attrs}
                data-testid="theme"
                value={prefs.theme}
                onChange={(e) => void pref({ theme: e.target.value as Theme })}
              >
                <option value="light">{s.themes.light}</option>
                <option value="dark">{s.themes.dark}</option>
                <option value="system">{s.themes.system}</option>
              </select>
            )}
          </Field>
          <Field id="setting-language" label={s.language} error={prefError ?? undefined}>
            {(attrs) => (
              <select
                {...attrs}
                data-testid="language"
                value={prefs.language ?? 'system'}
                onChange={(e) => {
                  const v = e.target.value;
                  void pref({ language: v === 'zh' || v === 'en' ? v : null });
                }}
              >
                <option value="zh">{s.languages.zh}</option>
                <option value="en">{s.languages.en}</option>
                <option value="system">{s.languages.system}</option>
              </select>
            )}
          </Field>
        </div>
      </section>
    </>
  );
}
