/**
 * Cards matched to notes by key (deck + normalized front) within their own file (plan.ts).
 * A front written twice in one file (a card edited to ask what another card asks) is one key
 * for two cards: its note goes to the card standing where the note stood, between the same
 * matched neighbours, so that a file read whole matches as one read in part (which keeps the
 * unchanged card and re-reads only the edited one); the other card is left to edit matching.
 */
import { type Candidate, contentHashOf, otherIds, type Planned } from './candidate.ts';

/**
 * Matches a file's unmatched cards to its own live notes by key. A retired one waits for the
 * match on any note (plan.ts): a card moved here from another file keeps that file's live
 * note. `around`: the cards with the neighbours that bound them (for a file read in part, its
 * kept cards around them).
 */
export function matchOwnKeys(
  items: readonly Planned[],
  around: (items: readonly Planned[]) => readonly Planned[],
  byKey: ReadonlyMap<string, Candidate[]>,
  claimed: Set<number>,
): void {
  // Keys counted only where the file has a note to give (none at all on a first compile).
  const count = new Map<string, number>();
  for (const it of items) if (!it.match && byKey.has(it.key)) count.set(it.key, (count.get(it.key) ?? 0) + 1);
  if (count.size === 0) return;
  const own = (it: Planned, where: (c: Candidate) => boolean = () => true) =>
    byKey
      .get(it.key)
      ?.find(
        (c) =>
          c.source_file === it.storedFile &&
          c.retired === 0 &&
          !claimed.has(c.id) &&
          !otherIds(it, c) &&
          where(c),
      );
  const take = (it: Planned, n: Candidate) => {
    it.match = n;
    it.how = 'key';
    claimed.add(n.id);
  };
  const twice: Planned[] = [];
  for (const it of items) {
    if (it.match) continue;
    const times = count.get(it.key);
    if (times === undefined) continue;
    if (times > 1) twice.push(it);
    else {
      const n = own(it);
      if (n) take(it, n);
    }
  }
  if (twice.length === 0) return;
  // Each card's old bounds: the old places of the nearest cards matched before and after it.
  const list = around(items);
  const oldIndex = (it: Planned) =>
    it.match && it.match.source_file === it.storedFile ? (it.match.source_index ?? undefined) : undefined;
  const bounds = new Map<Planned, [number, number]>();
  let lo = -1;
  for (const it of list) {
    const at = oldIndex(it);
    if (at !== undefined) lo = at;
    else bounds.set(it, [lo, Number.POSITIVE_INFINITY]);
  }
  let hi = Number.POSITIVE_INFINITY;
  for (let i = list.length - 1; i >= 0; i--) {
    const at = oldIndex(list[i]!);
    if (at !== undefined) hi = at;
    else bounds.get(list[i]!)![1] = hi;
  }
  const inPlace = (it: Planned, n: Candidate) => {
    const [from, to] = bounds.get(it)!;
    return (n.source_index ?? -1) > from && (n.source_index ?? -1) < to;
  };
  for (const it of twice) {
    const n = own(it, (c) => inPlace(it, c));
    if (n) take(it, n);
  }
  // None in place (both moved): a card that holds exactly what the note holds takes it (a card
  // moved unchanged keeps its history; the rewritten one is left to edit matching), else the
  // first card, as any other key match.
  for (const it of twice) {
    if (it.match) continue;
    const hash = contentHashOf(it.parsed, JSON.stringify(it.parsed.fields));
    const n = own(it, (c) => c.content_hash === hash);
    if (n) take(it, n);
  }
  for (const it of twice) {
    if (it.match) continue;
    const n = own(it);
    if (n) take(it, n);
  }
}
