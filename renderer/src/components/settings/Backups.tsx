import { useState } from 'react';
import { useApi } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';

/**
 * The collection's backups, newest first: "Back up now", and Restore on each, which first
 * backs up the collection as it is (so a restore can itself be undone) and asks before it
 * replaces anything.
 */
export function Backups() {
  const t = useT();
  const b = t.settings.backups;
  const lang = useLang();
  const call = useApi();
  const list = useLoad(() => call('backups.list'), [call]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const act = async (fn: () => Promise<string>) => {
    setFailure(null);
    setStatus(null);
    setBusy(true);
    try {
      setStatus(await fn());
      list.reload();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    act(async () => b.created(formatDateTime((await call('backups.create')).takenAt, lang)));
  const restore = (name: string, takenAt: number) => {
    if (!window.confirm(b.confirmRestore(formatDateTime(takenAt, lang)))) return;
    void act(async () => {
      await call('backups.restore', { name });
      return b.restored(formatDateTime(takenAt, lang));
    });
  };

  const rows = list.data ?? [];
  return (
    <section className="panel" aria-labelledby="backups-heading" data-testid="backups">
      <h2 id="backups-heading">{b.title}</h2>
      <p className="muted">{b.intro}</p>
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.data && rows.length === 0 ? <p>{b.none}</p> : null}
      <ul className="folder-list">
        {rows.map((r) => (
          <li key={r.name} data-testid="backup-row">
            <span>
              {formatDateTime(r.takenAt, lang)} <span className="muted small">({b.size(r.bytes)})</span>
            </span>{' '}
            <button
              type="button"
              className="btn btn-small btn-quiet"
              disabled={busy}
              aria-label={b.restoreLabel(formatDateTime(r.takenAt, lang))}
              onClick={() => restore(r.name, r.takenAt)}
            >
              {b.restore}
            </button>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void create()}>
          {busy ? b.working : b.create}
        </button>
        <span className="notice" aria-live="polite">
          {status}
        </span>
      </div>
      {failure ? <ErrorMessage error={failure} /> : null}
    </section>
  );
}
