import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useApi } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Field } from '../settings/Field.tsx';
import { Modal } from '../transfer/Modal.tsx';
import { CardFields } from './CardFields.tsx';
import {
  type CardKind,
  type Draft,
  draftFields,
  draftProblems,
  EMPTY_DRAFT,
  refusalText,
  validFileName,
} from './cardDraft.ts';

const NEW_FILE = '';

/** A path shown relative to its deck folder (the folder's own name first). */
function shortPath(root: string, path: string): string {
  const name = root.split(/[\\/]/).at(-1) ?? root;
  return path === root ? `${name}/` : `${name}/${path.slice(root.length + 1)}`;
}

/**
 * Adds a card to a deck file of the registered folders (or to a new .md file in one), in the
 * card syntax; the file is compiled at once and the card is ready to study.
 */
export function AddCardDialog({ onClose, onAdded }: { onClose(): void; onAdded(message: string): void }) {
  const t = useT();
  const call = useApi();
  const id = useId();
  const files = useLoad(() => call('notes.files'), [call]);
  const roots = files.data?.roots ?? [];
  const [file, setFile] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [deck, setDeck] = useState('');
  const [kind, setKind] = useState<CardKind>('basic');
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  // The first deck file of a registered folder (not the bundled decks) is the default choice.
  const firstFile =
    roots.find((r) => !r.bundled && r.files.length)?.files[0] ?? roots[0]?.files[0] ?? NEW_FILE;
  const chosen = file ?? firstFile;
  const chosenFolder = folder ?? roots.find((r) => !r.bundled)?.path ?? roots[0]?.path ?? '';

  const add = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const problems = draftProblems(kind, draft, t);
    if (chosen === NEW_FILE && !validFileName(name)) problems.push(t.edit.errors.fileName);
    setRefusal(problems);
    setError(null);
    if (problems.length > 0) return;
    setBusy(true);
    const target =
      chosen === NEW_FILE
        ? { file: `${chosenFolder}/${name.trim()}`, create: true, deck: deck.trim() || undefined }
        : { file: chosen };
    try {
      const r = await call('notes.append', { ...target, kind, fields: draftFields(kind, draft, false) });
      onAdded(t.edit.added(r.file));
    } catch (err) {
      const text = refusalText(err, t, true);
      if (text) setRefusal([text]);
      else setError(err);
      setBusy(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void add(e);
  };

  return (
    <Modal title={t.edit.addTitle} onClose={onClose} testId="add-dialog">
      {files.error ? <ErrorMessage error={files.error} onRetry={files.reload} /> : null}
      {files.data && roots.length === 0 && <p className="muted">{t.edit.noFolders}</p>}
      {files.data && roots.length > 0 && (
        <form className="card-editor" onSubmit={(e) => void add(e)} onKeyDown={onKeyDown}>
          <div className="add-target">
            <Field id={`${id}-file`} label={t.edit.file}>
              {(attrs) => (
                <select
                  {...attrs}
                  data-testid="add-file"
                  value={chosen}
                  onChange={(e) => setFile(e.target.value)}
                >
                  {roots.map((r) => (
                    <optgroup key={r.path} label={r.bundled ? `${r.path} (${t.edit.bundled})` : r.path}>
                      {r.files.map((f) => (
                        <option key={f} value={f}>
                          {shortPath(r.path, f)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                  <option value={NEW_FILE}>{t.edit.newFile}</option>
                </select>
              )}
            </Field>
            {chosen === NEW_FILE && (
              <>
                <Field id={`${id}-folder`} label={t.edit.folder}>
                  {(attrs) => (
                    <select {...attrs} value={chosenFolder} onChange={(e) => setFolder(e.target.value)}>
                      {roots.flatMap((r) =>
                        r.folders.map((f) => (
                          <option key={f} value={f}>
                            {shortPath(r.path, f)}
                          </option>
                        )),
                      )}
                    </select>
                  )}
                </Field>
                <Field id={`${id}-name`} label={t.edit.fileName} hint={t.edit.fileNameHint}>
                  {(attrs) => (
                    <input
                      {...attrs}
                      data-testid="add-name"
                      value={name}
                      onChange={(e) => setName(e.target.value)}
                    />
                  )}
                </Field>
                <Field id={`${id}-deck`} label={t.edit.deck} hint={t.edit.deckHint}>
                  {(attrs) => <input {...attrs} value={deck} onChange={(e) => setDeck(e.target.value)} />}
                </Field>
              </>
            )}
            <Field id={`${id}-kind`} label={t.edit.kind}>
              {(attrs) => (
                <select
                  {...attrs}
                  data-testid="add-kind"
                  value={kind}
                  onChange={(e) => setKind(e.target.value as CardKind)}
                >
                  {(['basic', 'reversed', 'cloze'] as const).map((k) => (
                    <option key={k} value={k}>
                      {t.edit.kinds[k]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <CardFields kind={kind} draft={draft} onChange={setDraft} withExtra={false} />
          {refusal.length > 0 && (
            <div className="error" role="alert" data-testid="edit-error">
              {refusal.map((r) => (
                <p key={r}>{r}</p>
              ))}
            </div>
          )}
          {error ? <ErrorMessage error={error} /> : null}
          <div className="form-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t.edit.cancel}
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              aria-keyshortcuts="Control+Enter"
              disabled={busy}
            >
              {busy ? t.edit.adding : t.edit.add}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
