import { useState } from 'react';
import { useApi } from '../app/api.tsx';
import { usePrefs } from '../app/prefs.tsx';
import { useLoad } from '../app/useLoad.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { PresetFsrs } from '../components/optimize/PresetFsrs.tsx';
import { PresetManager } from '../components/presets/PresetManager.tsx';
import { Backups } from '../components/settings/Backups.tsx';
import { DeckFolders } from '../components/settings/DeckFolders.tsx';
import { GeneralSettings } from '../components/settings/GeneralSettings.tsx';
import { PresetForm } from '../components/settings/PresetForm.tsx';
import { Sync } from '../components/settings/Sync.tsx';
import { useT } from '../i18n/index.tsx';

/** Presets (per deck options), deck folders, study-day options, theme and language. Lazy-loaded. */
export default function Settings() {
  const t = useT();
  const call = useApi();
  const { settings, settingsError } = usePrefs();
  const presets = useLoad(() => call('presets.list'), [call]);
  // Which decks use which preset: shown beside it, and why one cannot be deleted.
  const decks = useLoad(() => call('decks.list'), [call]);
  const [presetId, setPresetId] = useState<number | null>(null);
  const list = presets.data ?? [];
  const preset = list.find((p) => p.id === presetId) ?? list[0];
  const changed = (id?: number) => {
    if (id !== undefined) setPresetId(id);
    presets.reload();
    decks.reload();
  };

  return (
    <div className="settings">
      <h1>{t.settings.title}</h1>
      <section className="panel" aria-labelledby="preset-heading">
        <h2 id="preset-heading">{t.settings.presetSection}</h2>
        {presets.error ? <ErrorMessage error={presets.error} onRetry={presets.reload} /> : null}
        {preset && (
          <>
            <PresetManager
              presets={list}
              preset={preset}
              decks={decks.data?.decks ?? []}
              onSelect={setPresetId}
              onChanged={changed}
            />
            <PresetForm key={preset.id} preset={preset} onSaved={() => presets.reload()} />
          </>
        )}
      </section>
      {preset && <PresetFsrs key={preset.id} preset={preset} onChanged={() => presets.reload()} />}
      <DeckFolders />
      <Backups />
      <Sync />
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
