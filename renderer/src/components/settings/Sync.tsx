import { useState } from 'react';
import { useApi } from '../../app/api.tsx';
import { usePrefs } from '../../app/prefs.tsx';
import { useLoad } from '../../app/useLoad.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { SyncSettingsMerged } from './SyncSettingsMerged.tsx';

/**
 * Settings → Sync: the sync folder, the devices seen and when each last wrote, the last
 * sync and what it merged (settings too: SyncSettingsMerged), lines it could not read, and "Sync now". The folder is chosen
 * with `mnemo sync init DIR` (the API never takes a path).
 */
export function Sync() {
  const t = useT().sync;
  const lang = useLang();
  const call = useApi();
  const { setSettings } = usePrefs();
  const status = useLoad(() => call('sync.status'), [call]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const syncNow = async () => {
    setFailure(null);
    setBusy(true);
    try {
      await call('sync.run');
      status.reload();
      // The day start and learn-ahead travel by sync: the General form shows what arrived.
      setSettings(await call('settings.get'));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const s = status.data;
  const last = s?.last ?? null;
  const when = (ms: number) => formatDateTime(ms, lang);
  return (
    <section className="panel" aria-labelledby="sync-heading" data-testid="sync">
      <h2 id="sync-heading">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      {status.error ? <ErrorMessage error={status.error} onRetry={status.reload} /> : null}
      {s && !s.folder ? (
        <p>
          {t.notSetUp} <code>mnemo sync init FOLDER</code>
        </p>
      ) : null}
      {s?.folder ? (
        <>
          <dl className="sync-facts">
            <dt>{t.folder}</dt>
            <dd>
              <code>{s.folder}</code>
            </dd>
            <dt>{t.thisDevice}</dt>
            <dd>
              <code>{s.device}</code> <span className="muted small">{t.outbox(s.outbox)}</span>
            </dd>
          </dl>
          <h3>{t.devices}</h3>
          <ul className="folder-list" data-testid="sync-devices">
            {s.devices.map((d) => (
              <li key={d.id}>
                <code>{d.id}</code>
                {d.name ? ` ${d.name}` : ''}
                {d.self ? <span className="muted small"> ({t.self})</span> : null}
                {' — '}
                {d.lastAt === null ? t.nothingYet : t.lastWrote(when(d.lastAt))}
                {d.future ? (
                  <span className="error" role="alert">
                    {t.future}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <p data-testid="sync-last" aria-live="polite">
            {t.lastSync(last ? when(last.at) : t.never)}
            {last && !last.error ? (
              <>
                {': '}
                <span data-testid="sync-counts">{t.counts(last.in, last.out, last.rederived)}</span>
              </>
            ) : null}
          </p>
          {last?.error ? (
            <p className="error" role="alert">
              {t.failed(last.error)}
            </p>
          ) : null}
          {last?.waiting ? <p className="muted">{t.waiting(last.waiting)}</p> : null}
          <SyncSettingsMerged
            counts={last?.settings && !last.error ? last.settings : null}
            lastFromOthers={last?.settings?.lastFromOthers ?? null}
          />
          {last?.newDeviceId ? <p className="notice">{t.newDevice}</p> : null}
          {s.problems.length > 0 ? (
            <>
              <h3>{t.problems}</h3>
              <ul className="compile-errors" data-testid="sync-problems">
                {s.problems.map((p) => (
                  <li key={`${p.file}:${p.line ?? ''}`}>
                    <code>
                      {p.file}
                      {p.line ? `:${p.line}` : ''}
                    </code>{' '}
                    {p.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="form-actions">
            <button type="button" className="btn" disabled={busy} onClick={() => void syncNow()}>
              {busy ? t.syncing : t.syncNow}
            </button>
          </div>
        </>
      ) : null}
      {failure ? <ErrorMessage error={failure} /> : null}
    </section>
  );
}
