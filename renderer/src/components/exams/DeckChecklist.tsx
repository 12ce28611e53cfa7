import { useMemo } from 'react';
import type { DeckInfo } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { buildTree, type DeckNode, visibleRows } from '../home/deckTree.ts';

interface Props {
  decks: DeckInfo[];
  selected: readonly number[];
  onChange(deckIds: number[]): void;
  /** ids of the hint and error the list is described by. */
  describedBy?: string;
  invalid: boolean;
}

/** The ids of every deck below `node`. */
function descendants(node: DeckNode): number[] {
  return node.children.flatMap((c) => [c.deck.id, ...descendants(c)]);
}

/**
 * The deck tree as checkboxes. An exam on a deck covers its subdecks, so a checked deck shows
 * its subdecks checked and locked (and checking it drops their own ticks, which add nothing).
 */
export function DeckChecklist({ decks, selected, onChange, describedBy, invalid }: Props) {
  const t = useT();
  const rows = useMemo(() => visibleRows(buildTree(decks), new Set()), [decks]);
  const chosen = new Set(selected);
  const byParent = new Set(rows.filter((n) => chosen.has(n.deck.id)).flatMap((n) => descendants(n)));

  const toggle = (node: DeckNode, on: boolean) => {
    const below = new Set(descendants(node));
    const next = selected.filter((id) => id !== node.deck.id && !(on && below.has(id)));
    onChange(on ? [...next, node.deck.id] : next);
  };

  return (
    <ul className="deck-checklist" aria-describedby={describedBy} data-invalid={invalid || undefined}>
      {rows.map((node) => {
        const inherited = byParent.has(node.deck.id);
        return (
          <li key={node.deck.id} style={{ paddingInlineStart: `${node.depth * 1.25}rem` }}>
            <label className="check">
              <input
                type="checkbox"
                data-testid="exam-deck"
                data-deck-name={node.deck.name}
                checked={inherited || chosen.has(node.deck.id)}
                disabled={inherited}
                onChange={(e) => toggle(node, e.target.checked)}
              />
              <span>
                {node.shortName}{' '}
                <span className="muted small">
                  {inherited ? t.exams.includedByParent : t.home.totalCards(node.deck.totalCards)}
                </span>
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
