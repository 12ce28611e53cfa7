/**
 * The review rows an import stores, written several to a statement. A package can bring a
 * million of them, and one INSERT per row spends a quarter of their cost on the statement
 * itself (binding, stepping and resetting through better-sqlite3 for each row); 50 rows to an
 * INSERT cut storing a million rows by about that much. Rows keep the order they were added
 * in, so they get the sequence numbers one insert each would give them; what is still held
 * is written by `flush`, which must run before anything reads the log or the import ends.
 */
import type { Collection } from '../store/collection.ts';
import type { ReviewTally } from '../store/review-tally.ts';

const COLUMNS = `INSERT INTO review_log (id, card_id, deck_id, rating, kind, state_before, reviewed_at,
  duration_ms, before, after) VALUES `;
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const WIDTH = 10;
/** Rows per statement: past a few dozen the statement's own cost no longer shows. */
export const ROWS_PER_INSERT = 50;

const INSERT_ONE = COLUMNS + ROW;
const INSERT_MANY = COLUMNS + Array(ROWS_PER_INSERT).fill(ROW).join(', ');

export class ReviewRows {
  private readonly values: unknown[] = [];

  constructor(
    private readonly col: Collection,
    /** A bulk load's: counts each row for the review summaries (core/store/review-tally.ts). */
    private readonly tally?: ReviewTally,
  ) {}

  add(
    id: string,
    cardId: number,
    deckId: number,
    rating: number,
    kind: string,
    stateBefore: number,
    reviewedAt: number,
    durationMs: number,
    before: string,
    after: string,
  ): void {
    const v = this.values;
    v.push(id, cardId, deckId, rating, kind, stateBefore, reviewedAt, durationMs, before, after);
    this.tally?.add(deckId, reviewedAt, durationMs, stateBefore, kind);
    if (v.length === ROWS_PER_INSERT * WIDTH) {
      this.col.stmt(INSERT_MANY).run(v);
      v.length = 0;
    }
  }

  /** Writes the rows still held (fewer than a full statement), one statement each. */
  flush(): void {
    const v = this.values;
    if (v.length === 0) return;
    const one = this.col.stmt(INSERT_ONE);
    for (let i = 0; i < v.length; i += WIDTH) one.run(v.slice(i, i + WIDTH));
    v.length = 0;
  }
}
