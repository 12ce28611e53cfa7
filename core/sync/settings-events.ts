/**
 * Settings events: a change to a preset, to the preset a deck uses, to an exam, or to the
 * collection's scheduling settings (the day start, the learn-ahead: settings-collection.ts), on the
 * same checksummed lines as the card events (see events.ts). A line names its object by an
 * identity every device shares (a preset's sync_id, a deck's name path, an exam's uuid,
 * `collection` for the collection's settings) and
 * carries either some of its fields (`s`, the API's names and values) or its deletion
 * (`del`); `b` marks a preset's or the settings' values recorded when sync was set up (what it was until
 * then, see settings-timeline.ts). Values are checked as the API checks them: a line another device could not have
 * made through the API is refused with the field named, never applied.
 */
import { crc32 } from 'node:zlib';
import * as z from 'zod';
import { EXAM_LIMITS } from '../exams/rules.ts';
import { presetFields } from '../presets/presets.ts';
import { SETTINGS_BOUNDS } from '../store/settings.ts';
import { formatProblem } from './events.ts';
import { DEFAULT_PRESET_KEY } from './settings-record.ts';

export type SettingKind = 'preset' | 'deck' | 'exam' | 'settings';
export const SETTING_KINDS: readonly SettingKind[] = ['preset', 'deck', 'exam', 'settings'];

/** The one object of kind `settings`: the collection's. */
export const COLLECTION_KEY = 'collection';

/** Some fields of an object, or its deletion (final: see settings-merge.ts). */
export type SettingChange = { s: Record<string, unknown>; b?: 1 } | { del: 1 };

export interface SettingEvent {
  id: string;
  dev: string;
  at: number;
  n: number;
  kind: SettingKind;
  object: string;
  change: SettingChange;
}

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const examChange = z
  .strictObject({
    name: z.string().trim().min(1).max(EXAM_LIMITS.nameLength),
    examAt: z.number().int(),
    tags: z.array(z.string().regex(/^\S+$/, 'a tag has no spaces').max(200)).max(100),
    target: z.number().gt(0).lt(1),
    budgetKind: z.enum(['minutes', 'reviews']),
    budget: z
      .number()
      .positive()
      .max(Math.max(...Object.values(EXAM_LIMITS.budgetMax))),
    /** The decks it covers, by name path (none: every deck). */
    decks: z.array(z.string().min(1).max(500)).max(1000),
  })
  .partial();

const deckChange = z.strictObject({ preset: z.string().min(1).max(200) });

const bounded = (name: keyof typeof SETTINGS_BOUNDS) =>
  z
    .number()
    .int('must be a whole number')
    .min(SETTINGS_BOUNDS[name].min, `must be at least ${SETTINGS_BOUNDS[name].min}`)
    .max(SETTINGS_BOUNDS[name].max, `must be at most ${SETTINGS_BOUNDS[name].max}`);

/** The collection settings that travel (the API's names and bounds); the rest stay per device. */
export const settingsChange = z
  .strictObject({ dayStartHour: bounded('dayStartHour'), learnAheadMinutes: bounded('learnAheadMinutes') })
  .partial();

/** What `s` may hold for each kind. */
const SCHEMAS: Record<SettingKind, z.ZodType> = {
  preset: presetFields.partial(),
  exam: examChange,
  deck: deckChange,
  settings: settingsChange,
};

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export function encodeSetting(e: SettingEvent): string {
  const json = JSON.stringify({ id: e.id, d: e.dev, at: e.at, n: e.n, t: e.kind, o: e.object, ...e.change });
  return `${json}\t${hex8(crc32(json))}\n`;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function objectProblem(kind: SettingKind, o: unknown): string | null {
  if (typeof o !== 'string' || o === '') return 'o: no object';
  if (kind === 'exam' && !UUID.test(o)) return 'o: not an exam uuid';
  if (kind === 'settings' && o !== COLLECTION_KEY) return `o: settings are the ${COLLECTION_KEY}'s`;
  if (o.length > (kind === 'deck' ? 500 : 200)) return 'o: too long';
  return null;
}

/**
 * The settings event on a whole line, the reason it cannot be read, or null when the line
 * is not a settings event at all (a card event: events.ts reads those).
 */
export function decodeSetting(line: string): SettingEvent | string | null {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return null;
  const json = line.slice(0, tab);
  if (line.slice(tab + 1).trim() !== hex8(crc32(json))) return null;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null || !SETTING_KINDS.includes(o.t as SettingKind)) return null;
  const kind = o.t as SettingKind;
  const version = formatProblem(o.fv);
  if (version) return version;
  if (typeof o.id !== 'string' || !UUID7.test(o.id)) return 'id: not a UUIDv7';
  if (typeof o.d !== 'string' || o.d === '') return 'd: no device';
  if (!isInt(o.at)) return 'at: not a time';
  if (!isInt(o.n) || o.n < 0) return 'n: not a count';
  const objectBad = objectProblem(kind, o.o);
  if (objectBad) return objectBad;
  const base = { id: o.id, dev: o.d, at: o.at, n: o.n, kind, object: o.o as string };
  if (o.del !== undefined) {
    if (o.del !== 1 || o.s !== undefined) return 'del: must be 1, without s';
    if (kind === 'deck') return 'del: a deck is removed from its files, not by an event';
    if (kind === 'settings') return 'del: the settings cannot be deleted';
    if (kind === 'preset' && o.o === DEFAULT_PRESET_KEY) return 'del: the default preset cannot be deleted';
    return { ...base, change: { del: 1 } };
  }
  if (typeof o.s !== 'object' || o.s === null || Array.isArray(o.s)) return 's: no fields';
  const parsed = SCHEMAS[kind].safeParse(o.s);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `s.${i.path.join('.')}: ${i.message}`).join('; ');
  }
  if (Object.keys(parsed.data as object).length === 0) return 's: no fields';
  if (o.b !== undefined && (o.b !== 1 || (kind !== 'preset' && kind !== 'settings')))
    return 'b: only 1, on a preset or the settings';
  const s = parsed.data as Record<string, unknown>;
  return { ...base, change: o.b === 1 ? { s, b: 1 } : { s } };
}
