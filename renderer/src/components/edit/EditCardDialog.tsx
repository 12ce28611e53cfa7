import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { useApi, useClient } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Modal } from '../transfer/Modal.tsx';
import { CardFields } from './CardFields.tsx';
import { type Draft, draftFields, draftProblems, refusalText } from './cardDraft.ts';

interface Props {
  cardId: number;
  onClose(): void;
  /** After a save that changed something: the caller shows the card again. */
  onSaved(message: string): void;
}

/**
 * Edits a card's note: the text as written in its Markdown file (saved back there and the file
 * recompiled, keeping the card's history), or as stored for a note without a file. Refusals
 * (the file changed on disk, is outside the deck folders, the text would not read back as this
 * card) are said in the user's language and nothing is saved.
 */
export function EditCardDialog({ cardId, onClose, onSaved }: Props) {
  const t = useT();
  const call = useApi();
  const client = useClient();
  const loaded = useLoad(() => call('notes.editable', { cardId }), [call, cardId]);
  const note = loaded.data;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (note) setDraft({ ...note.fields });
  }, [note]);

  const problem = note?.problem ? t.edit.problems[note.problem.code] : null;
  const withExtra = note?.stored === 'collection';

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!note || !draft || busy || problem) return;
    const problems = draftProblems(note.kind, draft, t);
    setRefusal(problems);
    setError(null);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      const r = await call('notes.edit', {
        cardId,
        fields: draftFields(note.kind, draft, withExtra),
        baseHash: note.baseHash ?? undefined,
      });
      if (!r.changed) onClose();
      else onSaved(r.file ? t.edit.savedToFile(r.file) : t.edit.saved);
    } catch (err) {
      const text = refusalText(err, t, false);
      if (text) setRefusal([text]);
      else setError(err);
      setBusy(false);
    }
  };

  // Ctrl+Enter (or ⌘+Enter) saves from inside a text field, as in Anki's editor.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
  };

  return (
    <Modal title={t.edit.editCard} onClose={onClose} testId="edit-dialog">
      {loaded.error ? <ErrorMessage error={loaded.error} onRetry={loaded.reload} /> : null}
      {!note && !loaded.error && <p className="muted">{t.common.loading}</p>}
      {note && draft && (
        <form className="card-editor" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown}>
          <p className="muted small edit-where">
            {note.file ? t.edit.inFile(note.file, note.line) : t.edit.inCollection}
          </p>
          {problem && (
            <p className="error" role="alert" data-testid="edit-problem">
              {problem}
            </p>
          )}
          <CardFields
            kind={note.kind}
            draft={draft}
            onChange={setDraft}
            withExtra={withExtra}
            readOnly={Boolean(problem)}
          />
          {refusal.length > 0 && (
            <div className="error" role="alert" data-testid="edit-error">
              {refusal.map((r) => (
                <p key={r}>{r}</p>
              ))}
            </div>
          )}
          {error ? <ErrorMessage error={error} /> : null}
          <div className="form-actions">
            {client.openInEditor && note.file && note.problem?.code !== 'outside' && (
              <button
                type="button"
                className="btn"
                onClick={() => void client.openInEditor!(cardId).catch(setError)}
              >
                {t.edit.openInEditor}
              </button>
            )}
            <button type="button" className="btn" onClick={onClose}>
              {t.edit.cancel}
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              aria-keyshortcuts="Control+Enter"
              disabled={busy || Boolean(problem)}
            >
              {busy ? t.edit.saving : t.edit.save}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
