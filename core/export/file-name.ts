/**
 * The name an export gets when nobody chose one: `Mnemo-<deck>-YYYYMMDD-HHMM`, the deck
 * being the one exported (or All / Decks), in local time. Letters and digits of any script
 * are kept; everything else becomes `-`, so the name is never a path or a hidden file.
 */
import type { Collection } from '../store/collection.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export function exportBaseName(col: Collection, deckIds: readonly number[] | undefined): string {
  const deck = deckIds?.length === 1 ? col.deck(deckIds[0]!)?.name : undefined;
  const label =
    (deck ?? (deckIds ? 'Decks' : 'All'))
      .replace(/[^\p{L}\p{N}_]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'Deck';
  const d = new Date(col.now());
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  return `Mnemo-${label}-${stamp}`;
}
