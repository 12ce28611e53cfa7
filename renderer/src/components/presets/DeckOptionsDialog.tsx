import { useState } from 'react';
import type { DeckInfo } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { useNavigate } from '../../app/route.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { formatPercent } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Field } from '../settings/Field.tsx';
import { Modal } from '../transfer/Modal.tsx';
import { presetName } from './presetNames.ts';

/**
 * A deck's options, as Anki's gear menu opens them: which preset the deck (and, if asked,
 * its subdecks) uses, what that preset sets, and a way to Settings to edit presets.
 */
export default function DeckOptionsDialog({
  deck,
  decks,
  onClose,
  onSaved,
}: {
  deck: DeckInfo;
  decks: DeckInfo[];
  onClose(): void;
  onSaved(message: string): void;
}) {
  const t = useT();
  const o = t.deckOptions;
  const lang = useLang();
  const call = useApi();
  const navigate = useNavigate();
  const presets = useLoad(() => call('presets.list'), [call]);
  const [presetId, setPresetId] = useState(deck.presetId);
  const [subdecks, setSubdecks] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const below = decks.filter((d) => d.name.startsWith(`${deck.name}::`)).length;
  const chosen = presets.data?.find((p) => p.id === presetId);

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await call('decks.setPreset', { deckId: deck.id, presetId, subdecks: subdecks && below > 0 });
      onSaved(o.saved(deck.name, chosen ? presetName(chosen, t) : ''));
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  };

  return (
    <Modal title={o.title(deck.name)} onClose={onClose} testId="deck-options">
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {presets.error ? <ErrorMessage error={presets.error} onRetry={presets.reload} /> : null}
        {presets.data && (
          <Field id="deck-preset" label={o.preset}>
            {(attrs) => (
              <select {...attrs} value={presetId} onChange={(e) => setPresetId(Number(e.target.value))}>
                {presets.data!.map((p) => (
                  <option key={p.id} value={p.id}>
                    {presetName(p, t)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {chosen && (
          <p className="muted small" data-testid="deck-preset-summary">
            {o.summary(
              formatPercent(chosen.desiredRetention, lang),
              chosen.newPerDay,
              chosen.reviewsPerDay,
              chosen.maximumInterval,
            )}
          </p>
        )}
        {below > 0 && (
          <label className="check">
            <input type="checkbox" checked={subdecks} onChange={(e) => setSubdecks(e.target.checked)} />
            <span>{o.subdecks(below)}</span>
          </label>
        )}
        {failure ? <ErrorMessage error={failure} /> : null}
        <div className="form-actions dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !presets.data}>
            {o.save}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {o.cancel}
          </button>
          <button
            type="button"
            className="btn btn-quiet linkish"
            onClick={() => {
              onClose();
              navigate({ screen: 'settings' });
            }}
          >
            {o.editPresets}
          </button>
        </div>
      </form>
    </Modal>
  );
}
