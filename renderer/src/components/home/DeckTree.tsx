import { type CSSProperties, useMemo, useState } from 'react';
import type { DeckInfo } from '../../api/types.ts';
import { useNavigate } from '../../app/route.tsx';
import { useT } from '../../i18n/index.tsx';
import { CountCell } from '../Counts.tsx';
import { buildTree, visibleRows } from './deckTree.ts';

const KEY = 'mnemo.collapsedDecks';

function loadCollapsed(): Set<number> {
  try {
    const ids = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(ids) ? ids.filter((x): x is number => typeof x === 'number') : []);
  } catch {
    return new Set();
  }
}

/**
 * Decks indented by depth, collapsible, with today's counts, a Study button and an options
 * button (the deck's preset, as Anki's gear) per deck.
 */
export function DeckTree({ decks, onOptions }: { decks: DeckInfo[]; onOptions(deck: DeckInfo): void }) {
  const t = useT();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(loadCollapsed);
  const rows = useMemo(() => visibleRows(buildTree(decks), collapsed), [decks, collapsed]);

  const toggle = (id: number) => {
    const next = new Set(collapsed);
    if (!next.delete(id)) next.add(id);
    localStorage.setItem(KEY, JSON.stringify([...next]));
    setCollapsed(next);
  };

  return (
    <table className="deck-table">
      <thead>
        <tr>
          <th scope="col">{t.home.deck}</th>
          <th scope="col" className="num">
            {t.counts.new}
          </th>
          <th scope="col" className="num">
            {t.counts.learning}
          </th>
          <th scope="col" className="num">
            {t.counts.review}
          </th>
          <th scope="col">
            <span className="visually-hidden">{t.home.actions}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((node) => {
          const { deck, shortName, depth } = node;
          const open = !collapsed.has(deck.id);
          return (
            <tr key={deck.id} data-testid="deck-row" data-deck-name={deck.name}>
              <th scope="row" className="deck-name" style={{ '--depth': depth } as CSSProperties}>
                <span className="deck-label">
                  {node.children.length > 0 ? (
                    <button
                      type="button"
                      className="twisty"
                      aria-expanded={open}
                      aria-label={open ? t.home.collapse(shortName) : t.home.expand(shortName)}
                      onClick={() => toggle(deck.id)}
                    >
                      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                    </button>
                  ) : (
                    <span className="twisty-spacer" aria-hidden="true" />
                  )}
                  <span title={`${deck.name} · ${t.home.totalCards(deck.totalCards)}`}>{shortName}</span>
                </span>
              </th>
              <CountCell kind="new" value={deck.counts.new} />
              <CountCell kind="learning" value={deck.counts.learning} />
              <CountCell kind="review" value={deck.counts.review} />
              <td className="deck-action">
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t.home.studyDeck(shortName)}
                  onClick={() => navigate({ screen: 'review', deckId: deck.id })}
                >
                  {t.home.study}
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-icon"
                  aria-label={t.deckOptions.open(shortName)}
                  title={t.deckOptions.open(deck.name)}
                  data-testid="deck-options-button"
                  onClick={() => onOptions(deck)}
                >
                  <span aria-hidden="true">⚙</span>
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
