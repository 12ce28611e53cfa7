/**
 * The event format: one JSON object a line, then a tab and the CRC-32 of the JSON (8 hex
 * digits). A line without its newline is torn (still being written or synced): it is left
 * for later. A whole line whose checksum or fields are wrong is corrupt: skipped and named.
 */
import { crc32 } from 'node:zlib';

export type EventType = 'answer' | 'reset' | 'undo' | 'set';
export const SET_FIELDS = ['suspended', 'flag', 'buried_until', 'new_position'] as const;
export type SetField = (typeof SET_FIELDS)[number];

export interface SyncEvent {
  id: string;
  dev: string;
  at: number;
  /** The device's own count, so its events made in one millisecond keep their order. */
  n?: number;
  card: string;
  type: EventType;
  rating?: number | null;
  ms?: number | null;
  field?: SetField | null;
  value?: number | null;
  target?: string | null;
}

/**
 * The line format this Mnemo writes and reads. A line from a newer Mnemo says so in `fv`
 * (absent: 1); it is skipped with that reason rather than read with rules it may not follow.
 */
export const FORMAT_VERSION = 1;

export function formatProblem(fv: unknown): string | null {
  if (fv === undefined || fv === FORMAT_VERSION) return null;
  return `fv: written in sync format ${JSON.stringify(fv)}, this Mnemo reads format ${FORMAT_VERSION}: update Mnemo on this device`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** The line for an event, newline included. Keys are short: a year of answers is ~110,000 lines. */
export function encodeEvent(e: SyncEvent): string {
  const o: Record<string, unknown> = { id: e.id, d: e.dev, at: e.at, n: e.n ?? 0, c: e.card, t: e.type };
  if (e.type === 'answer') {
    o.r = e.rating;
    o.ms = e.ms;
  } else if (e.type === 'set') {
    o.f = e.field;
    o.v = e.value;
  } else if (e.type === 'undo') o.x = e.target;
  const json = JSON.stringify(o);
  return `${json}\t${hex8(crc32(json))}\n`;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** The event on a whole line (without its newline), or the reason it cannot be read. */
export function decodeEvent(line: string): SyncEvent | string {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return 'no checksum';
  const json = line.slice(0, tab);
  if (line.slice(tab + 1).trim() !== hex8(crc32(json))) return 'checksum does not match';
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json);
  } catch {
    return 'not JSON';
  }
  const version = formatProblem(o?.fv);
  if (version) return version;
  if (typeof o.id !== 'string' || !UUID.test(o.id)) return 'id: not a UUIDv7';
  if (typeof o.d !== 'string' || o.d === '') return 'd: no device';
  if (!isInt(o.at)) return 'at: not a time';
  if (o.n !== undefined && (!isInt(o.n) || o.n < 0)) return 'n: not a count';
  if (typeof o.c !== 'string' || !/\/\d+$/.test(o.c)) return 'c: not a card identity';
  // Each event built in one literal (spreading a shared base cost more than parsing its line).
  const id = o.id;
  const dev = o.d;
  const at = o.at;
  const n = (o.n as number | undefined) ?? 0;
  const card = o.c;
  switch (o.t) {
    case 'answer':
      if (!isInt(o.r) || o.r < 1 || o.r > 4) return 'r: rating must be 1-4';
      if (!isInt(o.ms) || o.ms < 0) return 'ms: not a duration';
      return { id, dev, at, n, card, type: 'answer', rating: o.r, ms: o.ms };
    case 'reset':
      return { id, dev, at, n, card, type: 'reset' };
    case 'undo':
      if (typeof o.x !== 'string' || !UUID.test(o.x)) return 'x: not an event id';
      return { id, dev, at, n, card, type: 'undo', target: o.x };
    case 'set':
      if (!SET_FIELDS.includes(o.f as SetField)) return `f: unknown field ${JSON.stringify(o.f)}`;
      if (!isInt(o.v)) return 'v: not an integer';
      return { id, dev, at, n, card, type: 'set', field: o.f as SetField, value: o.v };
    default:
      return `t: unknown event type ${JSON.stringify(o.t)}`;
  }
}
