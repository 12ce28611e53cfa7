/**
 * Browse sorted by retrievability with very many matches, without computing every card's.
 * A card's retrievability (ts-fsrs's forgetting curve of its preset) grows with its stability
 * and falls with the whole study days since its last review, so migration 14's cards_recall
 * keeps the cards in play by state (so a state filter reads only its own), then in bands of
 * stability (a quarter of a doubling each) and, within a band, by last review. Each band is read in the order that yields its lowest (ascending) or
 * highest (descending) values first, and after each read its remaining cards are bounded by
 * the curve at the band's edge and the last review read, for every preset in use. The band
 * with the best bound is read next, and the walk stops once no band's bound can beat the
 * page's last card: every card left unread is then after the page, so the page is exact.
 *
 * Cards reviewed less than a study day ago all have retrievability 1 (tens of thousands in a
 * large collection): as ties they are ordered by due date, so they are read as one group in
 * that order instead of by band. New cards (no retrievability) come last, by due date.
 */
import type { FSRS } from 'ts-fsrs';
import { daysSinceAt } from '../scheduler/days-since.ts';
import { schedulerFor } from '../scheduler/fsrs.ts';
import type { Collection } from '../store/collection.ts';
import type { SearchState } from './search.ts';

/** Migration 14's band, word for word. */
const BAND = 'floor(log2(c.stability) * 4)';
/** Cards read from a band at a time once its first card is read. */
const CHUNK = 32;

interface Row {
  id: number;
  deck_id: number;
  due: number;
  stability: number;
  last_review: number;
}
interface Scored {
  id: number;
  due: number;
  r: number;
}

interface Band {
  rows: IterableIterator<Row>;
  /** The bound of every card not yet read from this band (±Infinity before the first read). */
  bound: number;
  edge: number;
}

/**
 * The ids of the page (`params.offset`, `params.limit`) sorted by retrievability, exactly as
 * sorting every match by it (then due date, then id) gives it, or null when the walk cannot
 * tell (a stability it cannot band): the caller sorts every match. `where`: the filters, on
 * `c` alone; `state`: the state filter when it is new, learning or review.
 */
export function recallPage(
  col: Collection,
  descending: boolean,
  where: string[],
  params: Record<string, unknown>,
  state?: SearchState,
): number[] | null {
  const want = (params.offset as number) + (params.limit as number);
  const dir = descending ? 'DESC' : 'ASC';
  const filter = where.map((w) => ` AND ${w}`).join('');
  const newCards = (need: number) =>
    need <= 0 || state === 'learning' || state === 'review'
      ? []
      : (col
          .stmt(
            `SELECT c.id FROM cards c INDEXED BY cards_due WHERE c.state = 0 ${filter}
             ORDER BY c.due ${dir}, c.id ${dir} LIMIT @walkNeed`,
          )
          .pluck()
          .all({ ...params, walkNeed: need }) as number[]);
  if (state === 'new') return newCards(want).slice(params.offset as number);
  // The states the index is read by (the filter's, else every one in play), then each
  // state's bands: a state's cards are one run of the index, so a filter reads only its own.
  const states = state === 'learning' ? [1, 3] : state === 'review' ? [2] : [1, 2, 3];
  const unbanded = col
    .stmt(
      `SELECT 1 FROM cards c INDEXED BY cards_recall WHERE c.state <> 0 AND c.state IN (${states}) AND ${BAND} IS NULL LIMIT 1`,
    )
    .get();
  if (unbanded) return null;
  const segments: { state: number; band: number }[] = [];
  const nextBand = col
    .stmt(
      `SELECT ${BAND} FROM cards c INDEXED BY cards_recall WHERE c.state <> 0 AND c.state = ? AND ${BAND} > ? ORDER BY ${BAND} LIMIT 1`,
    )
    .pluck();
  for (const s of states) {
    for (
      let b = nextBand.get(s, -1e308) as number | undefined;
      b !== undefined;
      b = nextBand.get(s, b) as number
    ) {
      segments.push({ state: s, band: b });
    }
  }
  const bands = [...new Set(segments.map((g) => g.band))];
  const now = col.now();
  const { dayStartHour } = col.settings();
  const daysSince = daysSinceAt(now, dayStartHour);
  const recent = daysSince.today;
  // Each deck's scheduler (its preset's curve), and every one in use for the bounds.
  const curveOf = new Map<number, FSRS>();
  for (const d of col.stmt('SELECT id FROM decks').all() as { id: number }[]) {
    curveOf.set(d.id, schedulerFor(col.presetOfDeck(d.id)));
  }
  const curves = [...new Set(curveOf.values())];
  const group = (need: number) =>
    need <= 0 || !bands.length
      ? []
      : (col
          .stmt(
            `SELECT c.id FROM cards c INDEXED BY cards_recall WHERE c.state <> 0 AND c.state IN (${states})
             AND ${BAND} IN (${bands.join(',')}) AND c.last_review >= @walkRecent ${filter}
             ORDER BY c.due ${dir}, c.id ${dir} LIMIT @walkNeed`,
          )
          .pluck()
          .all({ ...params, walkRecent: recent, walkNeed: need }) as number[]);

  /** The best `need` cards reviewed a study day ago or more, in order (null: see recallPage). */
  const walk = (need: number): number[] | null => {
    if (need <= 0) return [];
    const sign = descending ? -1 : 1;
    const cmp = (a: Scored, b: Scored) => (a.r - b.r || a.due - b.due || a.id - b.id) * sign;
    const best: Scored[] = [];
    // The index's columns alone (no read of the table).
    const sql = `SELECT c.id, c.deck_id, c.due, c.stability, c.last_review
      FROM cards c INDEXED BY cards_recall WHERE c.state <> 0 AND c.state = @walkState AND ${BAND} = @walkBand
        AND c.last_review < @walkRecent ${filter}
      ORDER BY c.last_review ${descending ? 'DESC' : 'ASC'}`;
    // Every state's bands are read side by side: a statement of its own for each.
    const open: Band[] = segments.map(({ state: s, band: b }) => ({
      rows: col.db
        .prepare(sql)
        .iterate({ ...params, walkState: s, walkBand: b, walkRecent: recent }) as IterableIterator<Row>,
      bound: -sign * Number.POSITIVE_INFINITY,
      // Ascending, the band's least stability bounds its cards from below; descending, its
      // greatest from above (each widened a little: log2 rounds near an edge).
      edge: 2 ** ((descending ? b + 1.1 : b - 0.1) / 4),
    }));
    let exact = true;
    try {
      while (open.length) {
        let at = 0;
        for (let i = 1; i < open.length; i++) if ((open[i]!.bound - open[at]!.bound) * sign < 0) at = i;
        const band = open[at]!;
        const last = best[need - 1];
        if (last && (band.bound - last.r) * sign > 0) break;
        let read = 0;
        let days = -1;
        for (let n = Number.isFinite(band.bound) ? CHUNK : 1; read < n; read++) {
          const next = band.rows.next();
          if (next.done) break;
          const row = next.value;
          // What ts-fsrs's get_retrievability computes (fsrs.ts's retrievability), from the index alone.
          days = daysSince(row.last_review!);
          const r = curveOf.get(row.deck_id)!.forgetting_curve(days, +row.stability.toFixed(8));
          // Exactly 1 would tie with the group read by due date: not expected a day on.
          if (r === 1) exact = false;
          const s = { id: row.id, due: row.due, r };
          if (best.length < need || cmp(s, best[need - 1]!) < 0) {
            let lo = 0;
            let hi = best.length;
            while (lo < hi) {
              const mid = (lo + hi) >> 1;
              if (cmp(best[mid]!, s) < 0) lo = mid + 1;
              else hi = mid;
            }
            best.splice(lo, 0, s);
            if (best.length > need) best.pop();
          }
        }
        if (read < (Number.isFinite(band.bound) ? CHUNK : 1)) {
          open.splice(at, 1);
          continue;
        }
        const values = curves.map((c) => c.forgetting_curve(days, band.edge));
        band.bound = descending ? Math.max(...values) : Math.min(...values);
      }
    } finally {
      for (const b of open) b.rows.return?.();
    }
    return exact ? best.map((s) => s.id) : null;
  };

  let ids: number[] | null;
  if (descending) {
    const first = group(want);
    const walked = walk(want - first.length);
    ids = walked && [...first, ...walked];
  } else {
    const walked = walk(want);
    ids = walked && [...walked, ...group(want - walked.length)];
  }
  if (!ids) return null;
  ids.push(...newCards(want - ids.length));
  return ids.slice(params.offset as number, want);
}
