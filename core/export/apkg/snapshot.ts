/**
 * What an export reads, through its own read-only connection held in one read transaction:
 * a consistent snapshot of the collection while the app goes on answering cards on its main
 * connection (WAL lets both run at once). Reads are paged by id, so the export can yield to
 * the event loop between pages without holding a statement open across the pause.
 */
import Database from 'better-sqlite3';
import { notFound } from '../../errors.ts';
import type { CardRow, DeckRow, NoteRow, PresetRow } from '../../model/types.ts';

/** A review-log row with the before/after values a revlog row needs, taken out by SQLite. */
export interface ReviewRow {
  seq: number;
  card_id: number;
  rating: number;
  kind: string;
  reviewed_at: number;
  duration_ms: number;
  b_state: number | null;
  b_sched: number | null;
  b_due: number | null;
  b_last: number | null;
  a_state: number | null;
  a_sched: number | null;
  a_due: number | null;
  a_diff: number | null;
}

export class Snapshot {
  private readonly db: Database.Database;
  /** The exported decks' ids as JSON for `json_each`, or null for every deck. */
  private deckFilter: string | null = null;

  constructor(path: string) {
    this.db = new Database(path, {
      readonly: true,
      fileMustExist: true,
      nativeBinding: process.env.MNEMO_SQLITE_BINDING || undefined,
    });
    this.db.pragma('busy_timeout = 10000');
    // The snapshot starts at the first read below and holds until close().
    this.db.exec('BEGIN');
  }

  decks(): DeckRow[] {
    return this.db.prepare('SELECT * FROM decks ORDER BY name').all() as DeckRow[];
  }

  presets(): PresetRow[] {
    return this.db.prepare('SELECT * FROM presets ORDER BY id').all() as PresetRow[];
  }

  dayStartHour(): number {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'dayStartHour'").get() as
      | { value: string }
      | undefined;
    const h = row ? Number(JSON.parse(row.value)) : 4;
    return Number.isInteger(h) && h >= 0 && h < 24 ? h : 4;
  }

  /** Limits every later read to these decks; throws NotFound for an id that is no deck. */
  selectDecks(all: readonly DeckRow[], ids: readonly number[] | undefined): Set<number> {
    if (ids === undefined) return new Set(all.map((d) => d.id));
    const children = new Map<number, number[]>();
    for (const d of all) {
      if (d.parent_id !== null) children.set(d.parent_id, [...(children.get(d.parent_id) ?? []), d.id]);
    }
    const known = new Set(all.map((d) => d.id));
    const out = new Set<number>();
    const walk = (id: number) => {
      if (out.has(id)) return;
      out.add(id);
      for (const c of children.get(id) ?? []) walk(c);
    };
    for (const id of ids) {
      if (!known.has(id)) throw notFound(`deck ${id} does not exist`);
      walk(id);
    }
    this.deckFilter = JSON.stringify([...out]);
    return out;
  }

  private inDecks(column: string): string {
    return this.deckFilter === null ? '1' : `${column} IN (SELECT value FROM json_each(@decks))`;
  }

  private params(extra: Record<string, unknown>): Record<string, unknown> {
    return this.deckFilter === null ? extra : { ...extra, decks: this.deckFilter };
  }

  /** How many notes and review-log rows the export will write (for progress). */
  counts(withHistory: boolean): { notes: number; reviews: number } {
    const notes = this.db
      .prepare(
        `SELECT count(*) FROM notes n WHERE n.retired = 0 AND EXISTS
           (SELECT 1 FROM cards c WHERE c.note_id = n.id AND c.retired = 0 AND ${this.inDecks('c.deck_id')})`,
      )
      .pluck()
      .get(this.params({})) as number;
    const reviews = withHistory
      ? (this.db
          .prepare(
            `SELECT count(*) FROM review_log r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id
             WHERE c.retired = 0 AND n.retired = 0 AND ${this.inDecks('c.deck_id')}`,
          )
          .pluck()
          .get(this.params({})) as number)
      : 0;
    return { notes, reviews };
  }

  /** The next notes after `afterId` that have an exported card, with those cards. */
  notePage(afterId: number, limit: number): { notes: NoteRow[]; cards: CardRow[] } {
    const notes = this.db
      .prepare(
        `SELECT * FROM notes n WHERE n.id > @after AND n.retired = 0 AND EXISTS
           (SELECT 1 FROM cards c WHERE c.note_id = n.id AND c.retired = 0 AND ${this.inDecks('c.deck_id')})
         ORDER BY n.id LIMIT @limit`,
      )
      .all(this.params({ after: afterId, limit })) as NoteRow[];
    if (notes.length === 0) return { notes, cards: [] };
    const cards = this.db
      .prepare(
        `SELECT * FROM cards WHERE note_id BETWEEN @first AND @last AND retired = 0 AND ${this.inDecks('deck_id')}
         ORDER BY note_id, ord`,
      )
      .all(this.params({ first: notes[0]!.id, last: notes.at(-1)!.id })) as CardRow[];
    return { notes, cards };
  }

  /** The next review-log rows after `afterSeq`, in the order they were written. */
  reviewPage(afterSeq: number, limit: number): ReviewRow[] {
    return this.db
      .prepare(
        `SELECT seq, card_id, rating, kind, reviewed_at, duration_ms,
           json_extract(before, '$.state') AS b_state, json_extract(before, '$.scheduled_days') AS b_sched,
           json_extract(before, '$.due') AS b_due, json_extract(before, '$.last_review') AS b_last,
           json_extract(after, '$.state') AS a_state, json_extract(after, '$.scheduled_days') AS a_sched,
           json_extract(after, '$.due') AS a_due, json_extract(after, '$.difficulty') AS a_diff
         FROM review_log WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
      .all(afterSeq, limit) as ReviewRow[];
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.db.exec('COMMIT');
    } finally {
      this.db.close();
    }
  }
}
