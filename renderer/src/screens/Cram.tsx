import { useState } from 'react';
import { useApi } from '../app/api.tsx';
import type { Route } from '../app/route.tsx';
import { useLoad } from '../app/useLoad.ts';
import { CramLauncher } from '../components/cram/CramLauncher.tsx';
import { CramSession } from '../components/cram/CramSession.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useT } from '../i18n/index.tsx';

/** Choosing a deck (or all decks) and a kind of cram session, from Home. */
function CramSetup({ deckId }: { deckId?: number }) {
  const t = useT();
  const call = useApi();
  const decks = useLoad(() => call('decks.list'), [call]);
  const [chosen, setChosen] = useState<number | undefined>(deckId);
  const sorted = [...(decks.data?.decks ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="exams">
      <section className="panel" aria-labelledby="cram-setup-heading">
        <h1 id="cram-setup-heading">{t.cram.setupTitle}</h1>
        <p className="muted">{t.cram.setupIntro}</p>
        {decks.error ? <ErrorMessage error={decks.error} onRetry={decks.reload} /> : null}
        <div className="field cram-deck">
          <label htmlFor="cram-deck">{t.cram.deck}</label>
          <select
            id="cram-deck"
            value={chosen ?? ''}
            onChange={(e) => setChosen(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">{t.cram.allDecks}</option>
            {sorted.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name.split('::').join(' › ')}
              </option>
            ))}
          </select>
        </div>
        <CramLauncher key={chosen ?? 'all'} deckId={chosen} />
      </section>
    </div>
  );
}

/** A cram session (`run`), or the choice of one. Lazy-loaded. */
export default function Cram({ route }: { route: Extract<Route, { screen: 'cram' }> }) {
  return route.run ? <CramSession run={route.run} /> : <CramSetup deckId={route.deckId} />;
}
