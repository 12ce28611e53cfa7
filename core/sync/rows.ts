/**
 * The rows a re-derivation writes: a card's log rows, its head and its row. Written at once
 * for a card re-derived alone; for a large merge's fast path the log rows, heads and card rows
 * are held: the log rows stored in time order, a lot at a time; the heads and card rows
 * written together at the end (`flush`), each table in its key order, the card rows with
 * their indexes built again after when they are many (Browse's left to build later:
 * store/pending-indexes.ts).
 */
import type { Statement } from 'better-sqlite3';
import { BROWSE_INDEXES } from '../cards/sort-indexes.ts';
import { FSRS_COLUMNS } from '../import/replay/steps.ts';
import type { CardRow, FsrsColumns } from '../model/types.ts';
import { withIndexesDropped } from '../store/bulk-indexes.ts';
import type { Collection } from '../store/collection.ts';
import type { MergeNotes } from '../store/summaries.ts';
import { phase } from '../util/phases.ts';
import type { SetField } from './events.ts';

export type Fields = Record<SetField, number>;
/** A card's new row: its FSRS state, the fields events set, and whether it became a leech. */
export type NextRow = FsrsColumns & Fields & { leech: number };

/** One review-log row, in LOG_COLUMNS order. */
type LogRow = [
  id: string,
  card_id: number,
  deck_id: number,
  rating: number,
  kind: string,
  state_before: number,
  reviewed_at: number,
  duration_ms: number,
  before: string,
  after: string,
  // Set for another device's answer stored once (log-events.ts), else null.
  sync_dev: string | null,
  sync_n: number | null,
  sync_card: string | null,
];

const LOG_COLUMNS =
  'id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after, sync_dev, sync_n, sync_card';
const LOG_VALUES = `(${LOG_COLUMNS.split(', ')
  .map(() => '?')
  .join(', ')})`;
/**
 * Held log rows are stored this many at a time, each lot in time order: as cheap as one lot
 * of 100,000 (1.75 s of CPU against 1.85 s in a side test), and a large merge's rows are then
 * stored while the replay worker steps the cards after them.
 */
const SORTED_LOGS = 20_000;
/** While waiting for the replay worker, held log rows are stored from this many on. */
const IDLE_LOGS = 2_000;
/**
 * One row to a statement. A statement of many rows may fail half way (a NOT NULL, CHECK or
 * foreign key), so SQLite keeps a statement journal of the pages it changes: the first time
 * each page is written, a copy, spilled to a temporary file past 64 KiB. For the benchmark's
 * 100,000 rows a hundred to a statement, that was 710 MB written in 343,000 calls to a file
 * in /var/tmp; one row to a statement needs none (its triggers are deferred during a large
 * merge), and took the merge's thread 0.4–0.7 s less CPU in three alternate runs.
 */
const LOG_INSERT = `INSERT INTO review_log (${LOG_COLUMNS}) VALUES ${LOG_VALUES} ON CONFLICT(id) DO NOTHING`;
// A row already there (a log row from before this merge) is updated only where it differs; an
// event it carries stays (stored once: log-events.ts), one it is given is added.
const LOG_UPSERT = `INSERT INTO review_log (${LOG_COLUMNS}) VALUES ${LOG_VALUES}
  ON CONFLICT(id) DO UPDATE SET rating = excluded.rating, kind = excluded.kind, state_before = excluded.state_before,
    reviewed_at = excluded.reviewed_at, duration_ms = excluded.duration_ms, before = excluded.before, after = excluded.after,
    sync_dev = coalesce(review_log.sync_dev, excluded.sync_dev), sync_n = coalesce(review_log.sync_n, excluded.sync_n),
    sync_card = coalesce(review_log.sync_card, excluded.sync_card)
  WHERE review_log.before IS NOT excluded.before OR review_log.after IS NOT excluded.after
    OR review_log.reviewed_at IS NOT excluded.reviewed_at OR review_log.rating IS NOT excluded.rating
    OR review_log.duration_ms IS NOT excluded.duration_ms
    OR (review_log.sync_dev IS NULL AND excluded.sync_dev IS NOT NULL)`;
const HEAD_UPSERT = `INSERT INTO sync_heads (card, event, logs, at, dev, n) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT(card) DO UPDATE SET event = excluded.event, logs = excluded.logs, at = excluded.at,
    dev = excluded.dev, n = excluded.n`;

/** The card columns a re-derivation may change, in a fixed order (statements are cached by the set). */
const CARD_COLUMNS = [
  ...FSRS_COLUMNS,
  'suspended',
  'flag',
  'buried_until',
  'new_position',
  'leech',
] as const satisfies readonly (keyof NextRow)[];

/** The CARD_COLUMNS whose bits `mask` has, in their order. */
const columnsOf = (mask: number) => CARD_COLUMNS.filter((_, i) => mask & (1 << i));

/** A card's head: its last event and that event's place in replay order. */
export interface HeadAt {
  id: string;
  at: number;
  dev: string;
  n: number;
}

interface Head {
  key: string;
  event: HeadAt;
  /** The card's log rows before, when known; else counted after its rows are written. */
  base: number | undefined;
  cardId: number;
  /** Its log rows written now (some may have been there already: see `existed`). */
  logs: number;
  dropped: number;
}

/**
 * From this many changed cards and this share of the collection's, their indexes are dropped
 * and built again (see bulk-indexes.ts): 63,000 of 100,000 cards took 0.7 s of CPU that way
 * (0.4 s of it the rebuild) against 2.8 s in place, and the rebuild costs about as much as
 * updating a tenth of the cards in place.
 */
const REBUILD_FROM = 2_000;
const REBUILD_SHARE = 1 / 8;

export class RowWriter {
  /** Log rows not stored yet: stored in time order (their `seq`). */
  private logs: LogRow[] = [];
  private heads: Head[] = [];
  /** Per card, the columns that changed (bit i: CARD_COLUMNS[i]) and their values, then modified_at and the id. */
  private cards: { id: number; mask: number; values: unknown[] }[] = [];
  /** The UPDATE for each set of changed columns, by mask (not rebuilt and looked up by its text per card). */
  private readonly updates = new Map<number, Statement>();
  /** Per card, its log rows that were there already (updated, not added): normally none. */
  private existed = new Map<number, number>();

  /**
   * `notes`: where each new log row and each card row rewritten is noted (and each log row
   * changed or removed), when the merge counts their summaries itself. `hold`: keep heads and
   * card rows until `flush` (nothing may read a card's rows before), and store log rows many
   * at a time.
   */
  constructor(
    private readonly col: Collection,
    private readonly notes: MergeNotes | undefined,
    private hold: boolean,
  ) {}

  /**
   * Stores the card's log rows, removes the undone ones', sets its head to `last` and its
   * row to `next` (only the columns that differ). Returns whether the row changed. `now`:
   * written at once even when holding (a card re-derived from what is stored, which another
   * identity of the same card may read next).
   */
  write(
    card: CardRow,
    key: string,
    last: HeadAt | undefined,
    next: NextRow,
    logs: readonly LogRow[],
    undone: readonly string[],
    base: number | undefined,
    now = false,
  ): boolean {
    if (now && this.hold) return this.writeNow(card, key, last, next, logs, undone, base);
    const hold = this.hold && !now;
    // What is held goes first: a card's rows are stored after those held before it.
    if (!hold) this.flush();
    const drop = this.col.stmt('DELETE FROM review_log WHERE id = ? AND card_id = ?');
    let dropped = 0;
    for (const id of undone) dropped += drop.run(id, card.id).changes;
    if (dropped > 0 && this.notes) this.notes.disturbed = true;
    // Held: stored in time order, SORTED_LOGS at a time (and the rest at `flush`). Else by
    // the `flush` below.
    for (const r of logs) {
      this.logs.push(r);
      if (hold && this.logs.length === SORTED_LOGS) this.storeLogs();
    }
    if (last !== undefined)
      this.heads.push({ key, event: last, base, cardId: card.id, logs: logs.length, dropped });
    let mask = 0;
    const values: unknown[] = [];
    for (let i = 0; i < CARD_COLUMNS.length; i++) {
      const c = CARD_COLUMNS[i]!;
      if (next[c] === card[c]) continue;
      mask |= 1 << i;
      values.push(next[c]);
    }
    if (mask === 0) {
      if (!hold) this.flush();
      return false;
    }
    // modified_at last: the positional values follow the columns, then the id.
    values.push(this.col.now(), card.id);
    this.notes?.cardMoved(card, {
      due: next.due,
      state: next.state,
      suspended: next.suspended,
      retired: card.retired,
    });
    this.cards.push({ id: card.id, mask, values });
    if (!hold) this.flush();
    return true;
  }

  /**
   * A card written at once while others are held (one re-derived from what is stored): its
   * own rows only, what is held set aside for `flush`. None of what is held is this card's: a
   * card held was read in bulk, named by one identity only (batch.ts knownKeys). Flushing all
   * that was held instead wrote the held card rows in place a few at a time, with every index:
   * 71 such cards among the benchmark's 63,223 made its merge 9.9 s instead of 6.8 s.
   */
  private writeNow(...args: Parameters<RowWriter['write']>): boolean {
    const held = {
      logs: this.logs,
      heads: this.heads,
      cards: this.cards,
      existed: this.existed,
    };
    this.logs = [];
    this.heads = [];
    this.cards = [];
    this.existed = new Map();
    const hold = this.hold;
    this.hold = false;
    try {
      return this.write(...args);
    } finally {
      this.hold = hold;
      Object.assign(this, held);
    }
  }

  /**
   * Stores the held log rows now, if there are enough of them to be worth a lot of their own:
   * for time the merge would otherwise spend waiting for the replay worker. Returns whether it did.
   */
  storeHeldLogs(): boolean {
    if (!this.hold || this.logs.length < IDLE_LOGS) return false;
    this.storeLogs();
    return true;
  }

  /** Writes what is held: the log rows, then heads by identity, then cards by id. */
  flush(): void {
    this.storeLogs();
    const heads = this.heads.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.heads = [];
    phase('heads', () => {
      for (const h of heads) this.storeHead(h);
    });
    this.existed.clear();
    const cards = this.cards.sort((a, b) => a.id - b.id);
    this.cards = [];
    const store = () => {
      for (const c of cards) this.update(c.mask).run(c.values);
    };
    const many =
      cards.length >= REBUILD_FROM &&
      cards.length >= (this.col.stmt('SELECT count(*) FROM cards').pluck().get() as number) * REBUILD_SHARE;
    if (!many) store();
    else
      phase('cards (indexes rebuilt)', () =>
        withIndexesDropped(
          this.col.db,
          {
            tables: ['cards'],
            columns: [...columnsOf(cards.reduce((all, c) => all | c.mask, 0)), 'modified_at'],
            // Browse's (7 of the 11 dropped) are built when Browse or idle time asks, as after an
            // import: 0.68 s → 0.30 s of CPU for this step in the 100,000-event merge.
            later: BROWSE_INDEXES,
          },
          store,
        ),
      );
  }

  /**
   * Inserts the log rows not stored yet (when holding, in time order, then id); a row already
   * there is updated. New answers are the newest rows of the time, id and statistics indexes,
   * so in time order they go in at those indexes' ends instead of at random places among
   * them: 100,000 rows into the benchmark's log took 1.7–1.9 s of CPU that way against 2.7 s
   * in card order (which only the card index prefers).
   */
  private storeLogs(): void {
    const all = this.logs;
    if (all.length === 0) return;
    this.logs = [];
    if (this.hold) all.sort((a, b) => a[6] - b[6] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    phase('log rows', () => {
      const insert = this.col.stmt(LOG_INSERT);
      for (const r of all) {
        if (insert.run(...r).changes === 1) this.notes?.inserted(r[2], r[6], r[7], r[5], r[4]);
        else {
          if (this.col.stmt(LOG_UPSERT).run(...r).changes > 0 && this.notes) this.notes.disturbed = true;
          this.existed.set(r[1], (this.existed.get(r[1]) ?? 0) + 1);
        }
      }
    });
  }

  private storeHead(h: Head): void {
    const logs =
      h.base === undefined
        ? (this.col.stmt('SELECT count(*) FROM review_log WHERE card_id = ?').pluck().get(h.cardId) as number)
        : h.base + h.logs - (this.existed.get(h.cardId) ?? 0) - h.dropped;
    const { id, at, dev, n } = h.event;
    this.col.stmt(HEAD_UPSERT).run(h.key, id, logs, at, dev, n);
  }

  private update(mask: number): Statement {
    let stmt = this.updates.get(mask);
    if (!stmt) {
      const set = columnsOf(mask).map((c) => `${c} = ?`);
      stmt = this.col.stmt(`UPDATE cards SET ${set.join(', ')}, modified_at = ? WHERE id = ?`);
      this.updates.set(mask, stmt);
    }
    return stmt;
  }
}

export type { LogRow };
