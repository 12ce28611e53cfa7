import { useEffect, useRef, useState } from 'react';
import type { MethodResult } from '../../../../core/api/service.ts';
import { useApi, useClient } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Modal } from './Modal.tsx';

type Format = 'apkg' | 'csv' | 'tsv' | 'md' | 'json';
const FORMATS: Format[] = ['apkg', 'csv', 'tsv', 'md', 'json'];
type Result = Awaited<MethodResult<'export.run'>>;

/**
 * Export: which decks, which format, with or without scheduling and history. The export
 * runs on the server while this polls its progress; the file is then saved where the user
 * chooses (a download in the browser, the save dialog in Electron).
 */
export default function ExportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const x = t.transfer;
  const call = useApi();
  const client = useClient();
  const decks = useLoad(() => call('decks.list'), [call]);
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [format, setFormat] = useState<Format>('apkg');
  const [withHistory, setWithHistory] = useState(true);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const polling = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => void (polling.current && clearInterval(polling.current)), []);

  // Only an Anki package is exported with or without history (the JSON dump always has it).
  const historyApplies = format === 'apkg';
  const toggle = (id: number) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const run = async () => {
    setFailure(null);
    setResult(null);
    setRunning(true);
    setProgress({ done: 0, total: 0 });
    const jobId = crypto.randomUUID();
    polling.current = setInterval(() => {
      call('export.progress', { jobId })
        .then((p) => setProgress({ done: p.done, total: p.total }))
        .catch(() => {});
    }, 250);
    try {
      const r = await call('export.run', {
        format,
        deckIds: all ? undefined : [...chosen],
        withHistory: historyApplies && withHistory,
        jobId,
      });
      setResult(r);
      await client.saveExport(r.file);
    } catch (e) {
      setFailure(e);
    } finally {
      if (polling.current) clearInterval(polling.current);
      polling.current = null;
      setRunning(false);
      setProgress(null);
    }
  };

  const list = decks.data?.decks ?? [];
  const canRun = !running && (all || chosen.size > 0);
  return (
    <Modal title={x.exportTitle} onClose={onClose} testId="export-dialog">
      <fieldset>
        <legend>{x.decks}</legend>
        <label className="check">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          <span>{x.allDecks}</span>
        </label>
        {!all && (
          <ul className="deck-picker">
            {list.map((d) => (
              <li key={d.id} style={{ paddingInlineStart: `${(d.name.split('::').length - 1) * 1.25}rem` }}>
                <label className="check">
                  <input type="checkbox" checked={chosen.has(d.id)} onChange={() => toggle(d.id)} />
                  <span>{d.name.split('::').at(-1)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset>
        <legend>{x.format}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="check">
            <input type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} />
            <span>{x.formats[f]}</span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={format === 'json' || (historyApplies && withHistory)}
          disabled={!historyApplies}
          onChange={(e) => setWithHistory(e.target.checked)}
        />
        <span>{x.withHistory}</span>
      </label>
      {progress && (
        <div className="transfer-progress">
          <progress
            aria-label={x.exporting}
            max={progress.total || undefined}
            value={progress.total ? progress.done : undefined}
          />
          <span className="muted small">
            {progress.total ? x.progress(progress.done, progress.total) : x.exporting}
          </span>
        </div>
      )}
      {result && (
        <p className="notice" aria-live="polite" data-testid="export-result">
          {x.exported(result.file, result.notes, result.cards, result.reviews)}
        </p>
      )}
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={!canRun} onClick={() => void run()}>
          {running ? x.exporting : x.export}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t.common.close}
        </button>
      </div>
    </Modal>
  );
}
