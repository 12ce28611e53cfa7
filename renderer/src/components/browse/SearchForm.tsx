import type { DeckInfo } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { type Filters, SEARCH_STATES } from './filters.ts';

interface Props {
  filters: Filters;
  decks: DeckInfo[];
  onChange(filters: Filters): void;
}

/** Text, deck, tag, state and due-range filters; results follow as you type. */
export function SearchForm({ filters, decks, onChange }: Props) {
  const t = useT();
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  return (
    <search>
      <form className="search-form" onSubmit={(e) => e.preventDefault()}>
        <label className="field field-wide">
          <span>{t.browse.search}</span>
          <input
            type="search"
            data-testid="browse-search"
            placeholder={t.browse.searchPlaceholder}
            value={filters.text}
            onChange={(e) => set('text', e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t.browse.deck}</span>
          <select value={filters.deckId} onChange={(e) => set('deckId', e.target.value)}>
            <option value="">{t.browse.allDecks}</option>
            {decks.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.browse.tag}</span>
          <input type="text" value={filters.tag} onChange={(e) => set('tag', e.target.value)} />
        </label>
        <label className="field">
          <span>{t.browse.state}</span>
          <select value={filters.state} onChange={(e) => set('state', e.target.value as Filters['state'])}>
            <option value="">{t.browse.anyState}</option>
            {SEARCH_STATES.map((s) => (
              <option key={s} value={s}>
                {t.browse.states[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.browse.dueFrom}</span>
          <input type="date" value={filters.dueFrom} onChange={(e) => set('dueFrom', e.target.value)} />
        </label>
        <label className="field">
          <span>{t.browse.dueTo}</span>
          <input type="date" value={filters.dueTo} onChange={(e) => set('dueTo', e.target.value)} />
        </label>
      </form>
    </search>
  );
}
