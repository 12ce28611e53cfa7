/**
 * The cards a recompile keeps from the last one (incremental.ts) among the cards it re-reads:
 * numbered together, as neighbours for edit matching, and recorded for the next digest.
 */
import { type FileCards, fileCards, type KeptCard } from './incremental.ts';

/** What these need of a planned card (compile.ts's Planned). */
export interface PlacedCard {
  file: string;
  storedFile: string;
  index: number;
  noteId?: number;
  parsed: { line: number; id: string | null };
  match?: { id: number; source_file: string | null; source_index: number | null };
}

/** A file's cards kept from the last compile, at their places in the new file. */
export interface KeptPlan {
  file: string;
  cards: readonly KeptCard[];
}

/** Each compiled file's cards as stored, for its digest (incremental.ts). */
export function fileCardsOf(plans: {
  cards: readonly PlacedCard[];
  kept: readonly KeptPlan[];
}): (file: string) => FileCards {
  const planned = new Map<string, PlacedCard[]>();
  for (const pl of plans.cards) {
    const list = planned.get(pl.file);
    if (list) list.push(pl);
    else planned.set(pl.file, [pl]);
  }
  const kept = new Map(plans.kept.map((k) => [k.file, k.cards]));
  return (file) => {
    const items = planned.get(file) ?? [];
    const old = kept.get(file) ?? [];
    const rows = new Array<[number, number, string | null]>(items.length + old.length);
    for (const it of items) rows[it.index] = [it.noteId!, it.parsed.line, it.parsed.id];
    for (const k of old) rows[k.index] = [k.id, k.line, k.sourceId];
    return fileCards(rows);
  };
}

/** Numbers the re-read and the kept cards of a file read in part together, in line order. */
export function placeKept(items: readonly PlacedCard[], kept: readonly KeptCard[]): void {
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    while (k < kept.length && kept[k]!.line < items[i]!.parsed.line) k++;
    items[i]!.index = i + k;
  }
  let i = 0;
  for (let c = 0; c < kept.length; c++) {
    while (i < items.length && items[i]!.parsed.line < kept[c]!.line) i++;
    kept[c]!.index = c + i;
  }
}

/**
 * The re-read cards with the kept cards right around them, as matched neighbours for edit
 * matching: what bounds an edit's candidates when the file is read whole.
 */
export function withKeptNeighbours<T extends PlacedCard>(
  items: readonly T[],
  kept: readonly KeptCard[],
  storedFile: string,
): T[] {
  const neighbour = (c: KeptCard) =>
    ({
      storedFile,
      match: { id: c.id, source_file: storedFile, source_index: c.oldIndex },
    }) as unknown as T;
  const out: T[] = [];
  let k = 0;
  for (const it of items) {
    const from = k;
    while (k < kept.length && kept[k]!.line < it.parsed.line) k++;
    if (k > from) {
      const hadBefore = out.length > 0;
      if (hadBefore) out.push(neighbour(kept[from]!)); // right after the previous card
      if (!hadBefore || k - 1 > from) out.push(neighbour(kept[k - 1]!)); // right before this one
    }
    out.push(it);
  }
  if (k < kept.length && out.length > 0) out.push(neighbour(kept[k]!));
  return out;
}
