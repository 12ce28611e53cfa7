import { useState } from 'react';
import type { MethodResult } from '../../../../core/api/service.ts';
import { useApi } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { ApiError } from '../../client/index.ts';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';

type Report = MethodResult<'decks.compile'>;

/**
 * The registered deck folders, and "Compile now" over them. Adding a folder is the user's
 * own act: the system folder dialog in the Electron app, `mnemo decks add` in browser mode
 * (the API cannot add one, so nothing running in the page can widen what compile reads).
 */
export function DeckFolders() {
  const t = useT();
  const f = t.settings.folders;
  const call = useApi();
  const folders = useLoad(() => call('decks.folders'), [call]);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const bridge = typeof window !== 'undefined' ? window.mnemo : undefined;

  const act = async (fn: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await fn();
    } catch (e) {
      setFailure(e);
    }
  };
  const add = () =>
    act(async () => {
      const reply = await bridge!.addDeckFolder!();
      if (!reply.ok) throw new ApiError(reply.error.type, reply.error.message);
      folders.reload();
    });
  const remove = (path: string) =>
    act(async () => {
      await call('decks.removeFolder', { path });
      folders.reload();
    });
  const compile = () =>
    act(async () => {
      setBusy(true);
      setReport(null);
      try {
        setReport(await call('decks.compile'));
      } finally {
        setBusy(false);
      }
    });

  const list = folders.data?.folders ?? [];
  return (
    <section className="panel" aria-labelledby="folders-heading" data-testid="deck-folders">
      <h2 id="folders-heading">{f.title}</h2>
      <p className="muted">{f.intro}</p>
      {folders.error ? <ErrorMessage error={folders.error} onRetry={folders.reload} /> : null}
      {folders.data && list.length === 0 ? <p>{f.none}</p> : null}
      <ul className="folder-list">
        {list.map((path) => (
          <li key={path}>
            <code>{path}</code>{' '}
            <button
              type="button"
              className="btn btn-small btn-quiet"
              aria-label={f.removeLabel(path)}
              onClick={() => void remove(path)}
            >
              {f.remove}
            </button>
          </li>
        ))}
      </ul>
      {folders.data ? <p className="muted">{f.bundled(folders.data.bundled)}</p> : null}
      {bridge?.addDeckFolder ? null : <p className="muted">{f.addHint}</p>}
      <div className="form-actions">
        {bridge?.addDeckFolder ? (
          <button type="button" className="btn" onClick={() => void add()}>
            {f.add}
          </button>
        ) : null}
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void compile()}>
          {busy ? f.compiling : f.compile}
        </button>
      </div>
      {failure ? <ErrorMessage error={failure} /> : null}
      <CompileResult report={report} />
    </section>
  );
}

function CompileResult({ report }: { report: Report | null }) {
  const f = useT().settings.folders;
  if (!report) return null;
  const { added, updated, edited, retired } = report.totals;
  return (
    <div aria-live="polite" data-testid="compile-result">
      <p className="notice">
        {report.applied ? f.compiled(added, updated + edited, retired) : f.failed(report.errors.length)}
      </p>
      {report.errors.length > 0 ? (
        <ul className="compile-errors">
          {report.errors.slice(0, 20).map((e) => (
            <li key={`${e.file}:${e.line}:${e.column}:${e.message}`}>
              <code>{`${e.file}:${e.line}:${e.column}: ${e.message}`}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
