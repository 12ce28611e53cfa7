/** An object's settings events folded in order (see settings-merge.ts). */
import type { Collection } from '../store/collection.ts';
import type { SettingKind } from './settings-events.ts';

export interface EventOrder {
  id: string;
  dev: string;
  at: number;
  n: number;
}

export const ORDER_BY = 'ORDER BY at, dev, n, id';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const eventOrder = (a: EventOrder, b: EventOrder) =>
  a.at - b.at || cmp(a.dev, b.dev) || a.n - b.n || cmp(a.id, b.id);

export interface Folded {
  deleted: boolean;
  fields: Record<string, unknown>;
  /** The event that set each field's value. */
  setBy: Record<string, EventOrder>;
  first: EventOrder;
  last: EventOrder;
}

/** An object's events (up to a time) folded in order, or null when it has none. */
export function fold(
  col: Collection,
  kind: SettingKind,
  object: string,
  upTo = Number.MAX_SAFE_INTEGER,
): Folded | null {
  const rows = col
    .stmt(
      `SELECT id, dev, at, n, change FROM sync_settings WHERE kind = ? AND object = ? AND at <= ? ${ORDER_BY}`,
    )
    .all(kind, object, upTo) as (EventOrder & { change: string })[];
  if (rows.length === 0) return null;
  const out: Folded = { deleted: false, fields: {}, setBy: {}, first: rows[0]!, last: rows.at(-1)! };
  for (const r of rows) {
    const change = JSON.parse(r.change) as { s?: Record<string, unknown>; del?: 1 };
    if (change.del) out.deleted = true;
    for (const [k, v] of Object.entries(change.s ?? {})) {
      out.fields[k] = v;
      out.setBy[k] = r;
    }
  }
  return out;
}

/** Whether the object has events dated after `at` (a device whose clock is ahead made them). */
export function hasEventsAfter(col: Collection, kind: SettingKind, object: string, at: number): boolean {
  return (
    col
      .stmt('SELECT 1 FROM sync_settings WHERE kind = ? AND object = ? AND at > ? LIMIT 1')
      .get(kind, object, at) !== undefined
  );
}
