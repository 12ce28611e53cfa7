import { useEffect, useState } from 'react';
import type { BundledNotice } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { useT } from '../../i18n/index.tsx';

/** How often, and how many times, Home asks again while this start's update has yet to run. */
const POLL_MS = 2000;
const MAX_POLLS = 60;

/**
 * "Docker decks updated: 12 edited, 3 added, 2 retired": said on Home after a new version of
 * the app applied its changed bundled decks, until dismissed. The update runs a moment after
 * start, so while it is pending Home asks again; once it has run, `onUpdated` reloads the
 * deck list, whose counts it changed.
 */
export function BundledUpdateNotice({ onUpdated }: { onUpdated: () => void }) {
  const t = useT();
  const call = useApi();
  const [notice, setNotice] = useState<BundledNotice | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked once per mount; onUpdated may change identity
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waited = false;
    const ask = (polls: number) => {
      call('decks.bundledUpdate').then(
        (r) => {
          if (!live) return;
          if (r.pending && polls < MAX_POLLS) {
            waited = true;
            timer = setTimeout(() => ask(polls + 1), POLL_MS);
            return;
          }
          setNotice(r.notice);
          if (waited && r.notice) onUpdated();
        },
        () => {}, // a notice is a courtesy: Home works without it
      );
    };
    ask(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [call]);

  if (!notice) return null;
  const dismiss = () => {
    setNotice(null);
    call('decks.dismissBundledUpdate').catch(() => {});
  };
  return (
    <p className="notice bundled-update" role="status" data-testid="bundled-update">
      <span>
        {t.home.bundledUpdated(notice.decks.join(', '), notice.edited, notice.added, notice.retired)}
      </span>{' '}
      <button type="button" className="btn btn-small" onClick={dismiss}>
        {t.home.dismiss}
      </button>
    </p>
  );
}
