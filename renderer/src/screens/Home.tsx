import { lazy, Suspense, useState } from 'react';
import type { DeckInfo } from '../api/types.ts';
import { useApi } from '../app/api.tsx';
import { useNavigate } from '../app/route.tsx';
import { useLoad } from '../app/useLoad.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { BundledUpdateNotice } from '../components/home/BundledUpdateNotice.tsx';
import { DeckTree } from '../components/home/DeckTree.tsx';
import { ExamCountdowns } from '../components/home/ExamCountdowns.tsx';
import { TodaySummary } from '../components/home/TodaySummary.tsx';
import { useT } from '../i18n/index.tsx';

// Charts are not on the review path: their chunk and their two calls come after the deck
// list (someone who goes straight to "Study all" never waits behind them).
const HomeCharts = lazy(() => import('../components/charts/HomeCharts.tsx'));
// Export and import are loaded when opened.
const ExportDialog = lazy(() => import('../components/transfer/ExportDialog.tsx'));
const ImportDialog = lazy(() => import('../components/transfer/ImportDialog.tsx'));
const DeckOptionsDialog = lazy(() => import('../components/presets/DeckOptionsDialog.tsx'));

export function Home() {
  const t = useT();
  const call = useApi();
  const navigate = useNavigate();
  const decks = useLoad(() => call('decks.list'), [call]);
  const [dialog, setDialog] = useState<'export' | 'import' | null>(null);
  const [optionsFor, setOptionsFor] = useState<DeckInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="home">
      <section className="panel" aria-labelledby="decks-heading">
        <div className="section-head">
          <h1 id="decks-heading">{t.home.title}</h1>
          <div className="home-actions">
            <button type="button" className="btn" onClick={() => setDialog('import')}>
              {t.transfer.importButton}
            </button>
            <button type="button" className="btn" onClick={() => setDialog('export')}>
              {t.transfer.exportButton}
            </button>
            <button type="button" className="btn" onClick={() => navigate({ screen: 'cram' })}>
              {t.cram.open}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => navigate({ screen: 'review' })}>
              {t.home.studyAll}
            </button>
          </div>
        </div>
        <p className="notice home-notice" aria-live="polite">
          {notice}
        </p>
        <BundledUpdateNotice onUpdated={decks.reload} />
        {decks.error ? <ErrorMessage error={decks.error} onRetry={decks.reload} /> : null}
        {!decks.data && decks.loading && <p className="muted">{t.common.loading}</p>}
        {decks.data &&
          (decks.data.decks.length > 0 ? (
            <DeckTree decks={decks.data.decks} onOptions={setOptionsFor} />
          ) : (
            <p className="muted">{t.home.noDecks}</p>
          ))}
      </section>
      <Suspense fallback={null}>
        {dialog === 'export' && <ExportDialog onClose={() => setDialog(null)} />}
        {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} onImported={decks.reload} />}
        {optionsFor && decks.data && (
          <DeckOptionsDialog
            deck={optionsFor}
            decks={decks.data.decks}
            onClose={() => setOptionsFor(null)}
            onSaved={(message) => {
              setOptionsFor(null);
              setNotice(message);
              decks.reload();
            }}
          />
        )}
      </Suspense>
      <div className="home-side">
        <TodaySummary today={decks.data?.today} />
        {/* Predicted recall (a forecast per exam) after the deck list: "Study all" comes first. */}
        <ExamCountdowns predict={Boolean(decks.data || decks.error)} />
        <Suspense fallback={null}>{decks.data || decks.error ? <HomeCharts /> : null}</Suspense>
      </div>
    </div>
  );
}
