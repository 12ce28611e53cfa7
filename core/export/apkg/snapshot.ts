/**
 * What an export reads, through its own read-only connection held in one read transaction:
 * a consistent snapshot of the collection while the app goes on answering cards on its main
 * connection (WAL lets both run at once). Reads are paged by id, so the export can yield to
 * the event loop between pages without holding a statement open across the pause.
 */
import Database from 'better-sqlite3';
import { notFound } from '../../errors.ts';
import type { CardRow, DeckRow, NoteRow, PresetRow } from '../../model/types.ts';

/** A review-log row as the export reads it: seq, card id, rating, kind, time, duration, after-state JSON. */
export type ReviewRow = [number, number, number, string, number, number, string];

/** The note and card columns an export uses (fewer columns: fewer values made per row). */
export type ExportNote = Pick<
  NoteRow,
  'id' | 'guid' | 'kind' | 'fields' | 'tags' | 'context' | 'created_at' | 'modified_at'
>;
export type ExportCard = Omit<CardRow, 'leech' | 'retired'>;

// Rows are read as arrays and made into objects here: better-sqlite3's own row objects, with
// twenty properties, cost about twice as much per card as an array and an object literal.
const NOTE_COLUMNS = 'id, guid, kind, fields, tags, context, created_at, modified_at';
type NoteArray = [number, string, ExportNote['kind'], string, string, string, number, number];
const noteOf = (r: NoteArray): ExportNote => ({
  id: r[0],
  guid: r[1],
  kind: r[2],
  fields: r[3],
  tags: r[4],
  context: r[5],
  created_at: r[6],
  modified_at: r[7],
});
const CARD_COLUMNS = `id, note_id, deck_id, ord, due, stability, difficulty, elapsed_days, scheduled_days,
  learning_steps, reps, lapses, state, last_review, new_position, suspended, buried_until, flag, created_at, modified_at`;
const cardOf = (r: number[]): ExportCard => ({
  id: r[0]!,
  note_id: r[1]!,
  deck_id: r[2]!,
  ord: r[3]!,
  due: r[4]!,
  stability: r[5]!,
  difficulty: r[6]!,
  elapsed_days: r[7]!,
  scheduled_days: r[8]!,
  learning_steps: r[9]!,
  reps: r[10]!,
  lapses: r[11]!,
  state: r[12]!,
  last_review: r[13] ?? null,
  new_position: r[14]!,
  suspended: r[15]!,
  buried_until: r[16]!,
  flag: r[17]!,
  created_at: r[18]!,
  modified_at: r[19]!,
});

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

  /** How many notes the export will write (a bound, for progress), and at most how many reviews. */
  counts(withHistory: boolean): { notes: number; reviews: number } {
    const notes = (
      this.deckFilter === null
        ? this.db.prepare('SELECT count(*) FROM notes WHERE retired = 0').pluck().get()
        : this.db
            .prepare(
              `SELECT count(*) FROM notes n WHERE n.retired = 0 AND EXISTS
               (SELECT 1 FROM cards c WHERE c.note_id = n.id AND c.retired = 0 AND ${this.inDecks('c.deck_id')})`,
            )
            .pluck()
            .get(this.params({}))
    ) as number;
    // Every row of the log (a bound: rows of retired cards or other decks are skipped).
    const reviews = withHistory
      ? (this.db.prepare('SELECT count(*) FROM review_log').pluck().get() as number)
      : 0;
    return { notes, reviews };
  }

  /**
   * The next page of live notes after `afterId` and their exported cards; a note with none
   * of its cards exported (all retired, or in other decks) is left out of the page. Two
   * range scans, no per-note subquery.
   */
  notePage(
    afterId: number,
    limit: number,
  ): { notes: ExportNote[]; cards: ExportCard[]; last: number | null } {
    const page = (
      this.db
        .prepare(`SELECT ${NOTE_COLUMNS} FROM notes WHERE id > ? AND retired = 0 ORDER BY id LIMIT ?`)
        .raw()
        .all(afterId, limit) as NoteArray[]
    ).map(noteOf);
    if (page.length === 0) return { notes: page, cards: [], last: null };
    const cards = (
      this.db
        .prepare(
          `SELECT ${CARD_COLUMNS} FROM cards
           WHERE note_id BETWEEN @first AND @last AND retired = 0 AND ${this.inDecks('deck_id')}
           ORDER BY note_id, ord`,
        )
        .raw()
        .all(this.params({ first: page[0]!.id, last: page.at(-1)!.id })) as number[][]
    ).map(cardOf);
    const withCards = new Set(cards.map((c) => c.note_id));
    return { notes: page.filter((n) => withCards.has(n.id)), cards, last: page.at(-1)!.id };
  }

  /** The next review-log rows after `afterSeq`, in the order they were written (as arrays: no per-row objects). */
  reviewPage(afterSeq: number, limit: number): ReviewRow[] {
    return this.db
      .prepare(
        `SELECT seq, card_id, rating, kind, reviewed_at, duration_ms, after
         FROM review_log WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
      .raw()
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
