import { useState } from 'react';
import { useApi } from '../app/api.tsx';
import { usePrefs } from '../app/prefs.tsx';
import { useLoad } from '../app/useLoad.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Backups } from '../components/settings/Backups.tsx';
import { DeckFolders } from '../components/settings/DeckFolders.tsx';
import { GeneralSettings } from '../components/settings/GeneralSettings.tsx';
import { PresetForm } from '../components/settings/PresetForm.tsx';
import { useT } from '../i18n/index.tsx';

/** Presets (per deck options), deck folders, study-day options, theme and language. Lazy-loaded. */
export default function Settings() {
  const t = useT();
  const call = useApi();
  const { settings, settingsError } = usePrefs();
  const presets = useLoad(() => call('presets.list'), [call]);
  const [presetId, setPresetId] = useState<number | null>(null);
  const list = presets.data ?? [];
  const preset = list.find((p) => p.id === presetId) ?? list[0];

  return (
    <div className="settings">
      <h1>{t.settings.title}</h1>
      <section className="panel" aria-labelledby="preset-heading">
        <h2 id="preset-heading">{t.settings.presetSection}</h2>
        {presets.error ? <ErrorMessage error={presets.error} onRetry={presets.reload} /> : null}
        {preset && (
          <>
            <div className="field">
              <label htmlFor="preset-select">{t.settings.preset}</label>
              <select
                id="preset-select"
                value={preset.id}
                onChange={(e) => setPresetId(Number(e.target.value))}
              >
                {list.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <PresetForm key={preset.id} preset={preset} onSaved={() => presets.reload()} />
          </>
        )}
      </section>
      <DeckFolders />
      <Backups />
      {settings ? (
        <GeneralSettings settings={settings} />
      ) : settingsError ? (
        <ErrorMessage error={settingsError} />
      ) : (
        <p className="muted">{t.common.loading}</p>
      )}
    </div>
  );
}
