import { PRESET_NAME_MAX } from '../../../../core/presets/bounds.ts';
import type { Preset } from '../../api/types.ts';
import type { Dict } from '../../i18n/index.tsx';

/** The name every collection's first preset is stored under (core/store/collection.ts seeds it). */
const STORED_DEFAULT = 'Default';

/** A preset's name as the user reads it: the seeded "Default" in the UI language, others as typed. */
export function presetName(p: Pick<Preset, 'name'>, t: Dict): string {
  return p.name === STORED_DEFAULT ? t.presets.defaultName : p.name;
}

/**
 * What is wrong with a new name for preset `selfId` (null: a new preset), in the user's
 * language: empty, too long (the API's own limit), or already another preset's name as
 * stored or as shown (in Chinese "默认" is taken by the default preset).
 */
export function nameProblem(name: string, presets: readonly Preset[], selfId: number | null, t: Dict) {
  const n = name.trim();
  if (n === '') return t.presets.nameEmpty;
  if (n.length > PRESET_NAME_MAX) return t.presets.nameTooLong(PRESET_NAME_MAX);
  const clash = presets.some((p) => p.id !== selfId && (p.name === n || presetName(p, t) === n));
  return clash ? t.presets.nameTaken(n) : null;
}

/** The decks (full names) that use each preset. */
export function decksByPreset(decks: readonly { name: string; presetId: number }[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const d of decks) out.set(d.presetId, [...(out.get(d.presetId) ?? []), d.name]);
  return out;
}
