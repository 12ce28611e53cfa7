/**
 * The outbox: every scheduling change is recorded as an event in the same transaction as
 * the change itself (only once sync is set up). The sync step later appends the outbox to
 * this device's segment file; reviewing never touches the sync folder.
 */
import type { CardRow } from '../model/types.ts';
import { uuidv7 } from '../review/uuid.ts';
import type { Collection } from '../store/collection.ts';
import type { SetField, SyncEvent } from './events.ts';
import { keyOfCard } from './identity.ts';

/** This device's sync id when sync is set up, else null (nothing is recorded). */
export function syncingDevice(col: Collection): string | null {
  const s = col.settings();
  return s.syncFolder ? (s.syncDevice?.id ?? null) : null;
}

const INSERT = `INSERT OR IGNORE INTO sync_events (id, dev, at, n, card, type, rating, ms, field, value, target, outbox, merged)
  VALUES (@id, @dev, @at, @n, @card, @type, @rating, @ms, @field, @value, @target, @outbox, @merged)`;

/** The next of this device's counts (see SyncEvent.n). */
export function nextCount(col: Collection, dev: string): number {
  return (
    ((col.stmt('SELECT max(n) FROM sync_events WHERE dev = ?').pluck().get(dev) as number | null) ?? 0) + 1
  );
}

/** Stores an event (ours, in the outbox; or read from another device's file). Returns whether it was new. */
export function storeEvent(col: Collection, e: SyncEvent, outbox: boolean): boolean {
  return (
    col.stmt(INSERT).run({
      rating: null,
      ms: null,
      field: null,
      value: null,
      target: null,
      n: 0,
      ...e,
      outbox: outbox ? 1 : 0,
      merged: 0,
    }).changes > 0
  );
}

const COLUMNS = [
  'id',
  'dev',
  'at',
  'n',
  'card',
  'type',
  'rating',
  'ms',
  'field',
  'value',
  'target',
  'merged',
] as const;
/** Events a statement stores at once (12 values each, far below SQLite's 32,766 variables). */
const CHUNK = 100;
const insertMany = (rows: number) =>
  `INSERT OR IGNORE INTO sync_events (${COLUMNS.join(', ')}, outbox)
   VALUES ${Array(rows)
     .fill(`(${COLUMNS.map(() => '?').join(', ')}, 0)`)
     .join(', ')}`;

/**
 * Stores other devices' events, many to a statement; `merged` gives each its state (see the
 * table). Returns how many were new.
 */
export function storeEvents(
  col: Collection,
  events: readonly SyncEvent[],
  merged: (e: SyncEvent) => number,
): number {
  let added = 0;
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK);
    const values: unknown[] = [];
    for (const e of chunk)
      values.push(
        e.id,
        e.dev,
        e.at,
        e.n ?? 0,
        e.card,
        e.type,
        e.rating ?? null,
        e.ms ?? null,
        e.field ?? null,
        e.value ?? null,
        e.target ?? null,
        merged(e),
      );
    added += col.stmt(insertMany(chunk.length)).run(...values).changes;
  }
  return added;
}

type Draft = Omit<SyncEvent, 'dev' | 'card'> & { card: string | Pick<CardRow, 'note_id' | 'ord'> };

/** Records this device's events, inside the caller's transaction; nothing when sync is off. */
export function recordEvents(col: Collection, drafts: readonly Draft[]): void {
  const dev = syncingDevice(col);
  if (dev === null) return;
  for (const d of drafts) {
    const card = typeof d.card === 'string' ? d.card : keyOfCard(col, d.card);
    const event = { ...d, card, dev, n: nextCount(col, dev) };
    advanceHead(col, event);
    storeEvent(col, event, true);
  }
}

/** An event's place in replay order. */
type Placed = Pick<SyncEvent, 'id' | 'dev' | 'at' | 'n'>;

/** Replay order: time, then device, then the device's count, then id. */
export function replayOrder(a: Placed, b: Placed): number {
  return a.at - b.at || cmp(a.dev, b.dev) || (a.n ?? 0) - (b.n ?? 0) || cmp(a.id, b.id);
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A change this device just made to a card's row: the row still reflects every event up to
 * the new one when it reflected every earlier one and the new one comes last in replay
 * order. Otherwise (an undo, a clock set back) the next merge replays the card in full.
 */
function advanceHead(col: Collection, e: SyncEvent): void {
  const head = col.stmt('SELECT event AS id, at, dev, n FROM sync_heads WHERE card = ?').get(e.card) as
    | { id: string; at: number | null; dev: string | null; n: number | null }
    | undefined;
  if (head === undefined) return;
  const last = col
    .stmt('SELECT * FROM sync_events WHERE card = ? ORDER BY at DESC, dev DESC, n DESC, id DESC LIMIT 1')
    .get(e.card) as SyncEvent | undefined;
  // The head keeps its place in replay order (a head without one reflects nothing known). It
  // may be an answer stored once, as its log row, which never sorts after its card's head
  // (log-events.ts): the head is the last event when sync_events has none after it.
  const headEvent = head.dev === null ? undefined : (head as Placed);
  const follows =
    headEvent !== undefined &&
    (last === undefined || last.id === headEvent.id || replayOrder(last, headEvent) < 0) &&
    e.type !== 'undo' &&
    replayOrder(headEvent, e) < 0;
  // An answer or reset added one review-log row (just before this event was recorded).
  const logs = e.type === 'answer' || e.type === 'reset' ? 1 : 0;
  if (follows)
    col
      .stmt('UPDATE sync_heads SET event = ?, logs = logs + ?, at = ?, dev = ?, n = ? WHERE card = ?')
      .run(e.id, logs, e.at, e.dev, e.n ?? 0, e.card);
  else col.stmt('DELETE FROM sync_heads WHERE card = ?').run(e.card);
}

/** A `set` event for one field of a card. */
export function setEvent(
  card: Pick<CardRow, 'note_id' | 'ord'>,
  field: SetField,
  value: number,
  at: number,
): Draft {
  return { id: uuidv7(at), at, card, type: 'set', field, value };
}
