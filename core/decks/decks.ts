import { invalidArgument, notFound } from '../errors.ts';
import type { DeckRow } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';

export const DECK_SEPARATOR = '::';

/** 'Docker :: 网络模式' -> ['Docker', '网络模式']; rejects empty parts. */
export function deckPath(name: string): string[] {
  const parts = name.split(DECK_SEPARATOR).map((p) => p.trim());
  if (parts.some((p) => p === '')) {
    throw invalidArgument(`deck name "${name}" has an empty part (use "Parent::Child")`);
  }
  return parts;
}

export function allDecks(col: Collection): DeckRow[] {
  return col.db.prepare('SELECT * FROM decks ORDER BY name').all() as DeckRow[];
}

/**
 * A compile's deck ids by full name: each name looked up (or created, with its parents) once,
 * the names created added to `created` for the compile's report.
 */
export function deckIdsOf(col: Collection, created: string[]): (name: string) => number {
  const ids = new Map<string, number>();
  return (name) => {
    let id = ids.get(name);
    if (id === undefined) {
      const made = ensureDeck(col, name);
      created.push(...made.created);
      id = made.deck.id;
      ids.set(name, id);
    }
    return id;
  };
}

/** Returns the deck with this full name, creating it and any missing parents (with the parent's preset). */
export function ensureDeck(
  col: Collection,
  name: string,
  presetId?: number,
): { deck: DeckRow; created: string[] } {
  const parts = deckPath(name);
  const created: string[] = [];
  let parent: DeckRow | undefined;
  const insert = col.db.prepare(
    'INSERT INTO decks (name, parent_id, preset_id, created_at) VALUES (?, ?, ?, ?) RETURNING *',
  );
  for (let i = 1; i <= parts.length; i++) {
    const full = parts.slice(0, i).join(DECK_SEPARATOR);
    let deck = col.db.prepare('SELECT * FROM decks WHERE name = ?').get(full) as DeckRow | undefined;
    if (!deck) {
      const preset = presetId ?? parent?.preset_id ?? 1;
      if (!col.preset(preset)) throw notFound(`preset ${preset} does not exist`);
      deck = insert.get(full, parent?.id ?? null, preset, col.now()) as DeckRow;
      created.push(full);
    }
    parent = deck;
  }
  return { deck: parent!, created };
}

/** The deck and all its descendants' ids. */
export function subtreeIds(decks: readonly DeckRow[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of decks) {
    if (d.parent_id !== null) children.set(d.parent_id, [...(children.get(d.parent_id) ?? []), d.id]);
  }
  const out: number[] = [];
  const walk = (id: number) => {
    out.push(id);
    for (const c of children.get(id) ?? []) walk(c);
  };
  walk(rootId);
  return out;
}
