import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { CardRow, DeckRow, NoteRow, PresetRow } from '../model/types.ts';
import { type Db, type OpenOptions, openDatabase } from './db.ts';
import { DEFAULT_SETTINGS, type Settings } from './settings.ts';

export type Clock = () => number;

/** Tables whose rows the undo stack can restore; each is keyed by its `id` column. */
export type UndoTable = 'cards' | 'notes' | 'review_log';

export interface UndoImage {
  table: UndoTable;
  key: number | string;
  /** The row before the action; null when the action inserted it. */
  row: Record<string, unknown> | null;
}

const UNDO_DEPTH = 100;
const CHECKPOINT_DELAY_MS = 1000;
const CHECKPOINT_EVERY_COMMITS = 5000;
/** After a failed background checkpoint (disk full, I/O error), try again this much later. */
const CHECKPOINT_RETRY_MS = 30_000;

/** Where background tasks (checkpoints, backups) report a failure they recovered from. */
export type BackgroundErrorHandler = (task: string, error: Error) => void;
const logBackgroundError: BackgroundErrorHandler = (task, error) =>
  console.error(`mnemo: ${task} failed (will retry): ${error.message}`);

/**
 * An open collection: the database, the clock, cached prepared statements and the row
 * readers every domain shares. Domain logic (queue, review, decks) lives in its own modules.
 */
export class Collection {
  readonly db: Db;
  readonly now: Clock;
  private presetCache = new Map<number, PresetRow>();
  private settingsCache: Settings | null = null;
  private lastNewPosition: number | null = null;
  private commitsSinceCheckpoint = 0;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private statementCache = new Map<string, Statement>();
  /** SQLite's `data_version` when the caches were last known fresh (see `syncWithOtherWriters`). */
  private seenDataVersion = -1;
  private readonly dataVersionStmt: Statement;
  onBackgroundError: BackgroundErrorHandler = logBackgroundError;
  /**
   * Set when the file failed its integrity check: the app then refuses every call with this
   * message (it names the backup to restore) instead of failing each one with "malformed".
   */
  damage: string | null = null;

  constructor(
    readonly path: string,
    options: OpenOptions & { clock?: Clock } = {},
  ) {
    this.db = openDatabase(path, options);
    this.now = options.clock ?? Date.now;
    this.dataVersionStmt = this.db.prepare('PRAGMA data_version').pluck();
    if (!options.readonly) this.seedDefaults();
  }

  /**
   * Another process (the CLI compiling while the app is open) may have committed since we
   * last looked: SQLite's `data_version` changes exactly then, and our cached presets,
   * settings and new-card position are dropped so nothing stale is served or written.
   */
  syncWithOtherWriters(): void {
    const version = this.dataVersionStmt.get() as number;
    if (version === this.seenDataVersion) return;
    this.seenDataVersion = version;
    this.presetCache.clear();
    this.settingsCache = null;
    this.lastNewPosition = null;
  }

  close(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    try {
      this.db.close(); // the last connection to close checkpoints and removes the WAL
    } catch (e) {
      // A full disk can fail that last checkpoint; the WAL stays and is read at the next open.
      this.onBackgroundError('closing the collection', e as Error);
    }
  }

  /** A prepared statement for `sql`, prepared once per collection. */
  stmt(sql: string): Statement {
    let s = this.statementCache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statementCache.set(sql, s);
    }
    return s;
  }

  /**
   * Runs `fn` in one transaction: all of it is stored, or none of it. The transaction begins
   * IMMEDIATE, taking the write lock up front: a second process holding it makes us wait
   * (busy_timeout) instead of failing midway with "database is locked"; the caches are
   * refreshed once the lock is ours, so what `fn` reads is what it writes over.
   */
  tx<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    let result: T;
    try {
      result = this.db
        .transaction(() => {
          this.syncWithOtherWriters();
          return fn();
        })
        .immediate();
    } catch (e) {
      // Rolled back: the caches may be ahead of the rows (new-card positions handed out).
      this.seenDataVersion = -1;
      throw e;
    }
    // Our own commit bumps no data_version of ours; nothing to refresh.
    this.afterCommit();
    return result;
  }

  /**
   * WAL checkpoints copy committed pages into the main file. SQLite's automatic one runs
   * inside whichever commit crosses the threshold, which made every ~150th answer slow; so it
   * is off, and a passive checkpoint runs a moment after the last write instead (or inline,
   * as a safety valve, after very many commits without a pause). Durability does not depend
   * on it: a commit is on disk once the WAL is synced.
   */
  private afterCommit(): void {
    if (this.db.readonly) return;
    if (++this.commitsSinceCheckpoint >= CHECKPOINT_EVERY_COMMITS) {
      this.checkpoint();
      return;
    }
    if (!this.checkpointTimer) {
      this.checkpointTimer = setTimeout(() => this.checkpoint(), CHECKPOINT_DELAY_MS);
      this.checkpointTimer.unref();
    }
  }

  /**
   * A passive checkpoint. It runs from a timer, so it must never throw: on a full disk or
   * an I/O error it reports the failure and tries again later. Nothing is lost meanwhile:
   * committed answers stay in the WAL, which SQLite reads as part of the database.
   */
  checkpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
    this.commitsSinceCheckpoint = 0;
    if (!this.db.open) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch (e) {
      this.onBackgroundError('checkpoint', e as Error);
      this.checkpointTimer = setTimeout(() => this.checkpoint(), CHECKPOINT_RETRY_MS);
      this.checkpointTimer.unref();
    }
  }

  card(id: number): CardRow | undefined {
    return this.stmt('SELECT * FROM cards WHERE id = ?').get(id) as CardRow | undefined;
  }

  note(id: number): NoteRow | undefined {
    return this.stmt('SELECT * FROM notes WHERE id = ?').get(id) as NoteRow | undefined;
  }

  deck(id: number): DeckRow | undefined {
    return this.stmt('SELECT * FROM decks WHERE id = ?').get(id) as DeckRow | undefined;
  }

  preset(id: number): PresetRow | undefined {
    if (!this.db.inTransaction) this.syncWithOtherWriters();
    let p = this.presetCache.get(id);
    if (!p) {
      p = this.stmt('SELECT * FROM presets WHERE id = ?').get(id) as PresetRow | undefined;
      if (p) this.presetCache.set(id, p);
    }
    return p;
  }

  presetOfDeck(deckId: number): PresetRow {
    const deck = this.deck(deckId);
    if (!deck) throw new Error(`deck ${deckId} vanished`);
    return this.preset(deck.preset_id)!;
  }

  /** Presets are cached; call after any write to the presets table. */
  invalidatePresets(): void {
    this.presetCache.clear();
  }

  settings(): Settings {
    if (!this.db.inTransaction) this.syncWithOtherWriters();
    if (!this.settingsCache) {
      const stored = Object.fromEntries(
        (this.stmt('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map((r) => [
          r.key,
          JSON.parse(r.value),
        ]),
      );
      this.settingsCache = { ...DEFAULT_SETTINGS, ...stored } as Settings;
    }
    return this.settingsCache;
  }

  writeSettings(patch: Partial<Settings>): void {
    const put = this.stmt(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    for (const [k, v] of Object.entries(patch)) put.run(k, JSON.stringify(v));
    this.settingsCache = null;
  }

  /** The next position in the new-card order (one per note, so siblings stay together). */
  nextNewPosition(): number {
    if (this.lastNewPosition === null) {
      const row = this.db.prepare('SELECT max(new_position) AS m FROM cards').get() as { m: number | null };
      this.lastNewPosition = row.m ?? 0;
    }
    this.lastNewPosition += 1;
    return this.lastNewPosition;
  }

  /**
   * Forgets the cached last new-card position: an import that stored its own positions, or a
   * rolled-back transaction that took some, makes the cached value wrong.
   */
  forgetNewPosition(): void {
    this.lastNewPosition = null;
  }

  /** Records the before-images of an action so `popUndo` can restore them exactly. */
  pushUndo(action: string, reviewId: string | null, images: UndoImage[]): void {
    this.stmt('INSERT INTO undo_stack (action, review_id, rows, created_at) VALUES (?, ?, ?, ?)').run(
      action,
      reviewId,
      JSON.stringify(images),
      this.now(),
    );
    this.stmt('DELETE FROM undo_stack WHERE id <= (SELECT max(id) FROM undo_stack) - ?').run(UNDO_DEPTH);
  }

  /** Restores one row image: deletes a row the action inserted, or rewrites every column. */
  restore(image: UndoImage): void {
    if (image.row === null) {
      this.stmt(`DELETE FROM ${image.table} WHERE id = ?`).run(image.key);
      return;
    }
    const set = Object.keys(image.row)
      .map((c) => `${c} = @${c}`)
      .join(', ');
    this.stmt(`UPDATE ${image.table} SET ${set} WHERE id = @__key`).run({ ...image.row, __key: image.key });
  }

  /** Inserts the default preset and settings the first time a collection is opened. */
  private seedDefaults(): void {
    const has = this.db.prepare('SELECT count(*) AS n FROM presets').get() as { n: number };
    if (has.n > 0) return;
    this.tx(() => {
      this.db.prepare("INSERT INTO presets (id, name, modified_at) VALUES (1, 'Default', ?)").run(this.now());
      this.writeSettings({ deviceId: randomBytes(8).toString('hex') });
    });
  }
}
