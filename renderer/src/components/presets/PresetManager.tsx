import { useState } from 'react';
import { DEFAULT_PRESET_ID } from '../../../../core/presets/bounds.ts';
import type { DeckInfo, Preset } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { ApiError } from '../../client/index.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { NameForm } from './NameForm.tsx';
import { decksByPreset, nameProblem, presetName } from './presetNames.ts';

type Mode = 'new' | 'clone' | 'rename' | null;

/**
 * Which preset the form below edits, and the presets themselves: new (default options),
 * clone, rename, delete. Deleting is refused, with the reason, for the default preset and for
 * one a deck uses (the API refuses both too).
 */
export function PresetManager({
  presets,
  preset,
  decks,
  onSelect,
  onChanged,
}: {
  presets: Preset[];
  preset: Preset;
  decks: DeckInfo[];
  onSelect(presetId: number): void;
  /** The presets (and decks) changed: reload them, and show `presetId` if given. */
  onChanged(presetId?: number): void;
}) {
  const t = useT();
  const p = t.presets;
  const call = useApi();
  const [mode, setMode] = useState<Mode>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const users = decksByPreset(decks).get(preset.id) ?? [];
  const shown = presetName(preset, t);

  const open = (m: Mode) => {
    setMode(m);
    setStatus(null);
    setProblem(null);
    setFailure(null);
  };

  /** Creates or renames; resolves to what the server objected to, in the user's language. */
  const submitName = async (name: string): Promise<string | null> => {
    // Unchanged (the default preset's name is shown translated: keep it stored as it is).
    if (mode === 'rename' && name === shown) {
      setMode(null);
      return null;
    }
    try {
      let saved: Preset;
      if (mode === 'rename') saved = await call('presets.rename', { presetId: preset.id, name });
      else {
        // A clone takes every option of the preset shown; a new one the defaults.
        const { id: _id, name: _name, ...options } = preset;
        saved = await call('presets.create', mode === 'clone' ? { ...options, name } : { name });
      }
      setMode(null);
      setStatus(mode === 'rename' ? p.renamed(presetName(saved, t)) : p.created(presetName(saved, t)));
      onChanged(saved.id);
      return null;
    } catch (e) {
      if (e instanceof ApiError && e.type === 'Conflict') return p.nameTaken(name);
      if (e instanceof ApiError && e.type === 'InvalidArgument')
        return nameProblem(name, [], null, t) ?? p.refused;
      setFailure(e);
      return null;
    }
  };

  const remove = async () => {
    setStatus(null);
    setFailure(null);
    if (preset.id === DEFAULT_PRESET_ID) return setProblem(p.cannotDeleteDefault);
    if (users.length > 0) return setProblem(p.inUse(shown, users));
    setProblem(null);
    if (!window.confirm(p.confirmDelete(shown))) return;
    try {
      await call('presets.delete', { presetId: preset.id });
      setStatus(p.deleted(shown));
      onChanged(DEFAULT_PRESET_ID);
    } catch (e) {
      if (!(e instanceof ApiError && e.type === 'Conflict')) return setFailure(e);
      // A deck took this preset meanwhile (another window, the command line): say which.
      const fresh = decksByPreset((await call('decks.list')).decks).get(preset.id) ?? [];
      setProblem(fresh.length ? p.inUse(shown, fresh) : p.cannotDeleteDefault);
      onChanged();
    }
  };

  return (
    <div className="preset-manager">
      <div className="preset-pick">
        <div className="field">
          <label htmlFor="preset-select">{t.settings.preset}</label>
          <select
            id="preset-select"
            data-testid="preset-select"
            value={preset.id}
            onChange={(e) => {
              onSelect(Number(e.target.value));
              open(null);
            }}
          >
            {presets.map((x) => (
              <option key={x.id} value={x.id}>
                {presetName(x, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="preset-buttons">
          <button type="button" className="btn btn-small" onClick={() => open('new')}>
            {p.add}
          </button>
          <button type="button" className="btn btn-small" onClick={() => open('clone')}>
            {p.clone}
          </button>
          <button type="button" className="btn btn-small" onClick={() => open('rename')}>
            {p.rename}
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
            {p.delete}
          </button>
        </div>
      </div>
      <p className="muted small preset-users" data-testid="preset-users">
        {p.usedBy(users)}
      </p>
      {mode && (
        <NameForm
          key={`${mode}:${preset.id}`}
          title={mode === 'new' ? p.newTitle : mode === 'clone' ? p.cloneTitle(shown) : p.renameTitle(shown)}
          initial={mode === 'rename' ? shown : mode === 'clone' ? p.copyName(shown) : ''}
          submitLabel={mode === 'rename' ? p.saveName : p.create}
          check={(name) => nameProblem(name, presets, mode === 'rename' ? preset.id : null, t)}
          onSubmit={submitName}
          onCancel={() => open(null)}
        />
      )}
      {problem && (
        <p className="field-error preset-problem" role="alert" data-testid="preset-problem">
          {problem}
        </p>
      )}
      {failure ? <ErrorMessage error={failure} /> : null}
      <p className="notice preset-notice" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
