/** In-place edits: a changed front matched to the old card it replaced (compile.ts). */
import type { Collection } from '../store/collection.ts';
import { type Candidate, frontOf, otherIds, type Planned } from './candidate.ts';
import { similarity } from './similarity.ts';

/**
 * A card whose front was edited in place: unmatched, between the same matched neighbours as
 * an unmatched old card of the same file, with a similar front (or the only one in that gap).
 */
export function matchEdits(
  col: Collection,
  items: readonly Planned[],
  old: Candidate[],
  claimed: Set<number>,
): void {
  // Old position of an item's match when it is an old card of this same file.
  const oldIndex = (it: Planned) =>
    it.match && it.match.source_file === it.storedFile ? (it.match.source_index ?? undefined) : undefined;
  if (!old.some((n) => !claimed.has(n.id)) || items.every((it) => it.match)) return;
  // Nearest matched neighbours (same file) before and after each position, in one pass each way.
  const prevOf: number[] = [];
  const nextOf: number[] = [];
  for (let i = 0, last = -1; i < items.length; i++) {
    prevOf.push(last);
    if (oldIndex(items[i]!) !== undefined) last = i;
  }
  for (let i = items.length - 1, last = items.length; i >= 0; i--) {
    nextOf[i] = last;
    if (oldIndex(items[i]!) !== undefined) last = i;
  }
  // An old card's front is read once, however many new cards it is compared with.
  const fronts = new Map<number, string>();
  const oldFront = (n: Candidate) => {
    let f = fronts.get(n.id);
    if (f === undefined) {
      f = frontOf(col, n);
      fronts.set(n.id, f);
    }
    return f;
  };
  let lastEdit = -1; // an edit matched just above is a neighbour too
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.match) continue;
    const prev = Math.max(prevOf[i]!, lastEdit);
    const next = nextOf[i]!;
    const lo = prev >= 0 ? oldIndex(items[prev]!)! : -1;
    const hi = next < items.length ? oldIndex(items[next]!)! : Number.POSITIVE_INFINITY;
    const gap = old.filter(
      (n) =>
        !claimed.has(n.id) && (n.source_index ?? -1) > lo && (n.source_index ?? -1) < hi && !otherIds(it, n),
    );
    const newInGap = items.slice(prev + 1, next).filter((x) => !x.match).length;
    let best: Candidate | undefined;
    let bestScore = 0;
    for (const n of gap) {
      const score = similarity(oldFront(n), it.parsed.front);
      if (score > bestScore) {
        best = n;
        bestScore = score;
      }
    }
    // One old and one new card between the same neighbours: an edit even if much was rewritten.
    const alone = gap.length === 1 && newInGap === 1 && best?.kind === it.parsed.kind;
    if (best && (bestScore >= 0.5 || (alone && bestScore >= 0.2))) {
      it.match = best;
      it.how = 'edit';
      claimed.add(best.id);
      lastEdit = i;
    }
  }
}
