import type { MethodResult } from '../../client/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { type Dict, useLang, useT } from '../../i18n/index.tsx';

type SettingsMerged = NonNullable<NonNullable<MethodResult<'sync.status'>['last']>['settings']>;
type Counts = SettingsMerged['in'];
/** The newest settings change from another device, as the sync report gives it. */
type ChangeSeen = NonNullable<SettingsMerged['lastFromOthers']>;

/** What the change did, in the UI's language (names come from other devices: React escapes them). */
function describe(c: ChangeSeen, t: Dict): string {
  const s = t.sync;
  const n = c.fields === null ? 0 : Object.keys(c.fields).length;
  if (c.kind === 'settings') {
    const f = c.fields ?? {};
    const parts: string[] = [];
    if (typeof f.dayStartHour === 'number') parts.push(s.dayStart(f.dayStartHour));
    if (typeof f.learnAheadMinutes === 'number') parts.push(s.learnAhead(f.learnAheadMinutes));
    return parts.join(s.listSeparator);
  }
  if (c.kind === 'deck') return s.deckPreset(c.name ?? c.object);
  if (c.kind === 'preset') {
    const name = c.object === 'default' && c.name === 'Default' ? t.presets.defaultName : c.name;
    if (name === null) return c.fields === null ? s.presetDeleted(s.aPreset) : s.presetChanged(s.aPreset, n);
    return c.fields === null ? s.presetDeleted(name) : s.presetChanged(name, n);
  }
  const name = c.name ?? s.anExam;
  return c.fields === null ? s.examDeleted(name) : s.examChanged(name, n);
}

/** A sentence's first letter (English; Chinese has none to change). */
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Settings → Sync, what merged of settings: how many preset, deck, exam and scheduling-setting
 * changes the last sync received and sent, and the newest change made on another device
 * (what, from which device, when).
 */
export function SyncSettingsMerged({
  counts,
  lastFromOthers,
}: {
  counts: { in: Counts; out: Counts } | null;
  lastFromOthers: ChangeSeen | null;
}) {
  const t = useT();
  const lang = useLang();
  const s = t.sync;
  return (
    <div data-testid="sync-settings">
      <h3>{s.settingsTitle}</h3>
      <p className="muted small">{s.settingsIntro}</p>
      <dl className="sync-settings-facts">
        {counts ? (
          <>
            <dt>{s.settingsIn}</dt>
            <dd data-testid="sync-settings-in">{s.settingsCounts(counts.in)}</dd>
            <dt>{s.settingsOut}</dt>
            <dd data-testid="sync-settings-out">{s.settingsCounts(counts.out)}</dd>
          </>
        ) : null}
        <dt>{s.lastChange}</dt>
        <dd data-testid="sync-settings-last">
          {lastFromOthers ? (
            <>
              {capitalized(describe(lastFromOthers, t))}
              {' — '}
              {s.fromDevice} <code>{lastFromOthers.device}</code>
              {lastFromOthers.deviceName ? ` (${lastFromOthers.deviceName})` : ''}{' '}
              {s.at(formatDateTime(lastFromOthers.at, lang))}
            </>
          ) : (
            s.noChange
          )}
        </dd>
      </dl>
    </div>
  );
}
