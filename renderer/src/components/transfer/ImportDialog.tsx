import { useState } from 'react';
import type { MethodResult } from '../../../../core/api/service.ts';
import { useApi, useClient } from '../../app/api.tsx';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Modal } from './Modal.tsx';

type Summary = Awaited<MethodResult<'import.preview'>>;

/**
 * Import: pick a file (an Anki package, CSV/TSV, a Mnemo JSON dump), see what it would do,
 * then commit it in one step. Nothing changes until "Import" is pressed.
 */
export default function ImportDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  const x = t.transfer;
  const call = useApi();
  const client = useClient();
  const [file, setFile] = useState<{ uploadId: string; name: string } | null>(null);
  const [deckName, setDeckName] = useState('');
  const [preview, setPreview] = useState<Summary | null>(null);
  const [done, setDone] = useState<Summary | null>(null);
  const [busy, setBusy] = useState<'upload' | 'preview' | 'import' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const args = (picked: { uploadId: string; name: string }) => ({
    uploadId: picked.uploadId,
    fileName: picked.name,
    ...(deckName.trim() ? { deckName: deckName.trim() } : {}),
  });
  const step = async (what: 'upload' | 'preview' | 'import', fn: () => Promise<void>) => {
    setFailure(null);
    setBusy(what);
    try {
      await fn();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  };
  const previewFile = (picked: { uploadId: string; name: string }) =>
    step('preview', async () => {
      setFile(picked);
      setDone(null);
      setPreview(await call('import.preview', args(picked)));
    });
  const chooseInBrowser = (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    if (!chosen) return;
    void step('upload', async () => {
      const uploadId = await client.upload(chosen);
      await previewFile({ uploadId, name: chosen.name });
    });
  };
  const chooseInElectron = () =>
    step('upload', async () => {
      const picked = await client.pickImport!();
      if (picked) await previewFile(picked);
    });
  const commit = () =>
    step('import', async () => {
      if (!file) return;
      setDone(await call('import.run', args(file)));
      setPreview(null);
      onImported();
    });

  return (
    <Modal title={x.importTitle} onClose={onClose} testId="import-dialog">
      <p className="muted">{x.importIntro}</p>
      <div className="field">
        {client.pickImport ? (
          <button type="button" className="btn" onClick={() => void chooseInElectron()}>
            {x.chooseFile}
          </button>
        ) : (
          <>
            <label htmlFor="import-file">{x.chooseFile}</label>
            <input
              id="import-file"
              type="file"
              accept=".apkg,.colpkg,.csv,.tsv,.txt,.json"
              onChange={(e) => chooseInBrowser(e.target)}
            />
          </>
        )}
      </div>
      <div className="field">
        <label htmlFor="import-deck">{x.intoDeck}</label>
        <input
          id="import-deck"
          value={deckName}
          placeholder={x.intoDeckHint}
          onChange={(e) => setDeckName(e.target.value)}
          onBlur={() => file && !done && void previewFile(file)}
        />
      </div>
      {busy && busy !== 'import' ? (
        <p className="muted">{busy === 'upload' ? x.uploading : x.checking}</p>
      ) : null}
      {preview && file && (
        <SummaryTable title={x.wouldDo(file.name)} summary={preview} testId="import-preview" />
      )}
      {done && <SummaryTable title={x.didImport} summary={done} testId="import-result" />}
      {busy === 'import' && (
        <div className="transfer-progress">
          <progress aria-label={x.importing} />
          <span className="muted small">{x.importing}</span>
        </div>
      )}
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!preview || busy !== null}
          onClick={() => void commit()}
        >
          {x.import}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t.common.close}
        </button>
      </div>
    </Modal>
  );
}

function SummaryTable({ title, summary, testId }: { title: string; summary: Summary; testId: string }) {
  const x = useT().transfer;
  const rows: [string, number | string][] = [
    [x.notesAdded, summary.notesAdded],
    [x.notesUpdated, summary.notesUpdated],
    [x.notesUnchanged, summary.notesUnchanged],
    [x.cards, summary.cardsAdded + summary.cardsUpdated],
    [x.reviews, summary.reviewsAdded],
    [x.decksCreated, summary.decksCreated.length ? summary.decksCreated.join(', ') : 0],
    [x.media, summary.mediaAdded],
  ];
  return (
    <div data-testid={testId} aria-live="polite">
      <h3>{title}</h3>
      <table className="summary-table">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.warnings.length > 0 && (
        <ul className="warnings">
          {summary.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
