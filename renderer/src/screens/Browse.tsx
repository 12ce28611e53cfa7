import { useState } from 'react';
import { useApi } from '../app/api.tsx';
import { useDebounced } from '../app/useDebounced.ts';
import { useLoad } from '../app/useLoad.ts';
import { type BulkAction, BulkActions } from '../components/browse/BulkActions.tsx';
import { CardDetails } from '../components/browse/CardDetails.tsx';
import { EMPTY_FILTERS, type Filters, searchArgs } from '../components/browse/filters.ts';
import { ResultsTable, type Sort } from '../components/browse/ResultsTable.tsx';
import { SearchForm } from '../components/browse/SearchForm.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { AddCardDialog } from '../components/edit/AddCardDialog.tsx';
import { useT } from '../i18n/index.tsx';

const PAGE = 50;

/** Find cards, look at one in full, and change many at once. Lazy-loaded. */
export default function Browse() {
  const t = useT();
  const call = useApi();
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<Sort | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [openId, setOpenId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  // Short text reads only the oldest cards until the user asks for all of them.
  const [scanAll, setScanAll] = useState(false);
  const query = useDebounced(filters, 200);

  const decks = useLoad(() => call('decks.list'), [call]);
  const results = useLoad(
    () => call('cards.search', { ...searchArgs(query, PAGE, offset, sort), ...(scanAll ? { scanAll } : {}) }),
    [call, query, offset, sort, version, scanAll],
  );

  const changeFilters = (f: Filters) => {
    setFilters(f);
    setOffset(0);
    setScanAll(false);
    setSelected(new Set());
    setStatus(null);
  };

  const toggle = (id: number) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  const toggleAll = (select: boolean) => {
    const next = new Set(selected);
    for (const r of results.data?.cards ?? []) {
      if (select) next.add(r.id);
      else next.delete(r.id);
    }
    setSelected(next);
  };

  const runBulk = async (action: BulkAction) => {
    const cardIds = [...selected];
    setBusy(true);
    setActionError(null);
    try {
      const r =
        action.kind === 'cards.reposition'
          ? await call('cards.reposition', { cardIds, start: action.start })
          : await call(action.kind, { cardIds });
      setStatus(t.browse.changed(r.changed));
      setVersion((v) => v + 1);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const data = results.data;
  const total = data?.total ?? 0;
  const shown = data?.cards.length ?? 0;

  return (
    <div className={`browse${openId !== null ? ' with-details' : ''}`}>
      <section className="panel browse-main" aria-labelledby="browse-heading">
        <div className="section-head">
          <h1 id="browse-heading">{t.browse.title}</h1>
          <button type="button" className="btn" onClick={() => setAdding(true)}>
            {t.edit.addCard}
          </button>
        </div>
        {adding && (
          <AddCardDialog
            onClose={() => setAdding(false)}
            onAdded={(message) => {
              setAdding(false);
              setStatus(message);
              setVersion((v) => v + 1);
            }}
          />
        )}
        <SearchForm filters={filters} decks={decks.data?.decks ?? []} onChange={changeFilters} />
        <BulkActions count={selected.size} busy={busy} onAction={(a) => void runBulk(a)} />
        <p className="notice" aria-live="polite">
          {status}
        </p>
        {actionError ? <ErrorMessage error={actionError} /> : null}
        {results.error ? <ErrorMessage error={results.error} onRetry={results.reload} /> : null}
        <div className="pager">
          <span aria-live="polite">
            {data
              ? data.count === 'exact'
                ? t.browse.total(offset + 1, offset + shown, total)
                : t.searchCount[data.count](offset + 1, offset + shown, total)
              : t.common.loading}
            {data?.searched ? ` ${t.searchCount.partial(data.searched.cards, data.searched.of)}` : null}
          </span>
          {data?.searched ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setScanAll(true);
                setOffset(0);
              }}
            >
              {t.searchCount.searchAll(data.searched.of)}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t.browse.prev}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t.browse.next}
          </button>
        </div>
        {data && (
          <ResultsTable
            rows={data.cards}
            selected={selected}
            openId={openId}
            onToggle={toggle}
            onToggleAll={toggleAll}
            onOpen={(id) => setOpenId(id === openId ? null : id)}
            sort={sort}
            onSort={(next) => {
              setSort(next);
              setOffset(0);
            }}
          />
        )}
      </section>
      {openId !== null && (
        <CardDetails
          cardId={openId}
          version={version}
          onClose={() => setOpenId(null)}
          onChanged={() => setVersion((v) => v + 1)}
        />
      )}
    </div>
  );
}
