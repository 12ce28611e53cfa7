/**
 * The package's `revlog` (rslib/src/revlog/mod.rs): one row per Mnemo review, gathered in
 * typed arrays (a million reviews are about 30 MB, not a million objects), then written in
 * time order. Writing in id order appends to the table's B-tree instead of inserting all
 * over it; it also gives each row its `lastIvl` (the interval the card's previous review
 * set, which is what the review started from) and moves an id taken by another review in
 * the same millisecond one millisecond on, as ids must be unique.
 */

const REVLOG_TYPE: Record<string, number> = { learning: 0, review: 1, relearning: 2, cram: 3, manual: 4 };
const I32 = 2_147_483_647;

/** The parts of a review's after-state a revlog row needs (from the review log's JSON). */
export interface AfterState {
  state?: number;
  scheduled_days?: number;
  due?: number;
  difficulty?: number;
}

/** An interval as Anki logs it: days when positive, seconds (negative) for learning steps. */
export function revlogInterval(after: AfterState, reviewedAt: number): number {
  if (after.state === 2 && typeof after.scheduled_days === 'number') {
    return Math.min(I32, Math.max(1, Math.round(after.scheduled_days)));
  }
  if (!after.state || typeof after.due !== 'number') return 0;
  return -Math.min(I32, Math.max(1, Math.round((after.due - reviewedAt) / 1000)));
}

export class RevlogBuffer {
  private size = 0;
  private ids: Float64Array;
  private cids: Float64Array;
  /** A dense number per card (0, 1, 2, ...), so the last interval per card is an array lookup. */
  private slots: Int32Array;
  private maxSlot = -1;
  private ease: Int8Array;
  private ivl: Int32Array;
  private factor: Int16Array;
  private time: Int32Array;
  private type: Int8Array;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.ids = new Float64Array(n);
    this.cids = new Float64Array(n);
    this.slots = new Int32Array(n);
    this.ease = new Int8Array(n);
    this.ivl = new Int32Array(n);
    this.factor = new Int16Array(n);
    this.time = new Int32Array(n);
    this.type = new Int8Array(n);
  }

  get length(): number {
    return this.size;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const copy = <T extends Float64Array | Int32Array | Int16Array | Int8Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.ids = copy(this.ids, (k) => new Float64Array(k));
    this.cids = copy(this.cids, (k) => new Float64Array(k));
    this.slots = copy(this.slots, (k) => new Int32Array(k));
    this.ease = copy(this.ease, (k) => new Int8Array(k));
    this.ivl = copy(this.ivl, (k) => new Int32Array(k));
    this.factor = copy(this.factor, (k) => new Int16Array(k));
    this.time = copy(this.time, (k) => new Int32Array(k));
    this.type = copy(this.type, (k) => new Int8Array(k));
  }

  /** One review of card `cid` (dense number `slot`): rating (0 = a manual reset), kind, time, duration, after-state. */
  add(
    cid: number,
    slot: number,
    rating: number,
    kind: string,
    reviewedAt: number,
    durationMs: number,
    after: AfterState,
  ): void {
    if (this.size === this.ids.length) this.grow();
    const i = this.size++;
    this.slots[i] = slot;
    if (slot > this.maxSlot) this.maxSlot = slot;
    const manual = rating === 0;
    const type = manual ? 4 : (REVLOG_TYPE[kind] ?? 1);
    this.ids[i] = Math.floor(reviewedAt);
    this.cids[i] = cid;
    this.ease[i] = manual ? 0 : rating;
    this.ivl[i] = manual ? 0 : revlogInterval(after, reviewedAt);
    // With FSRS, Anki logs difficulty shifted to 0.1–1.1 in thousandths (card/mod.rs); 0 marks a
    // reset (manual) or a cram answer (filtered, not rescheduling), as Anki's own rows do.
    const d = after.difficulty;
    this.factor[i] =
      manual || type === 3 || !d ? 0 : Math.min(32_767, Math.max(0, Math.round(((d - 1) / 9 + 0.1) * 1000)));
    this.time[i] = Math.max(0, Math.min(Math.round(durationMs), I32));
    this.type[i] = type;
  }

  /** Row positions in time order, ties in the order added. */
  private order(): Uint32Array {
    const n = this.size;
    // Up to 4M rows: one 64-bit key per row (time in the high bits, position in the low 22),
    // sorted natively, several times faster than a comparator. Beyond that, the comparator.
    if (n < 1 << 22) {
      const keys = new BigInt64Array(n);
      for (let i = 0; i < n; i++) keys[i] = (BigInt(this.ids[i]!) << 22n) | BigInt(i);
      keys.sort();
      const out = new Uint32Array(n);
      for (let k = 0; k < n; k++) out[k] = Number(keys[k]! & 0x3fffffn);
      return out;
    }
    const ids = this.ids;
    return new Uint32Array(n).map((_v, i) => i).sort((a, b) => ids[a]! - ids[b]! || a - b);
  }

  private sortedOrder: Uint32Array | null = null;
  private lastIvl: Int32Array | null = null;
  private previousId = -1;

  /**
   * Writes rows `from`..`to` (in time order) with unique ids and each row's `lastIvl`, in
   * blocks: `insert` gets the values of up to `block` rows, eight per row, in revlog column
   * order but `usn` (id, cid, ease, ivl, lastIvl, factor, time, type). Call with consecutive ranges.
   */
  write(from: number, to: number, block: number, insert: (values: number[], rows: number) => void): void {
    this.sortedOrder ??= this.order();
    this.lastIvl ??= new Int32Array(this.maxSlot + 1);
    const order = this.sortedOrder;
    const lastIvl = this.lastIvl;
    const values: number[] = new Array(block * 8);
    let rows = 0;
    for (let k = from; k < Math.min(to, this.size); k++) {
      const i = order[k]!;
      const id = Math.max(this.ids[i]!, this.previousId + 1);
      this.previousId = id;
      const slot = this.slots[i]!;
      const ivl = this.ivl[i]!;
      const at = rows * 8;
      values[at] = id;
      values[at + 1] = this.cids[i]!;
      values[at + 2] = this.ease[i]!;
      values[at + 3] = ivl;
      values[at + 4] = lastIvl[slot]!;
      values[at + 5] = this.factor[i]!;
      values[at + 6] = this.time[i]!;
      values[at + 7] = this.type[i]!;
      lastIvl[slot] = ivl;
      if (++rows === block) {
        insert(values, rows);
        rows = 0;
      }
    }
    if (rows > 0) insert(values.slice(0, rows * 8), rows);
  }
}
