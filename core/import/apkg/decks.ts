/**
 * The package's decks and deck configs as the batch's decks and presets: each deck that
 * holds cards (and every other normal deck but an empty Default) under its `Parent::Child`
 * name with the preset of its config; each such config as a Mnemo preset of the same name,
 * with its steps, limits, desired retention and FSRS parameters.
 */
import { default_w, migrateParameters } from 'ts-fsrs';
import type { ImportBatch, ImportedPreset } from '../batch.ts';
import type { Deck, DeckConfig } from './schema.ts';

/** A deck name Mnemo accepts: levels trimmed, empty levels dropped. */
export function cleanDeckName(name: string, id: number): string {
  const parts = name
    .slice(0, 1000)
    .split('::')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts.join('::') : `Deck ${id}`;
}

/** Anki's steps in minutes as Mnemo's text ("1m 10m 1d"); Mnemo's shortest step is a minute. */
export function stepsText(minutes: readonly number[]): string {
  return minutes
    .filter((m) => Number.isFinite(m) && m > 0)
    .slice(0, 20)
    .map((m) => {
      const whole = Math.max(1, Math.round(m));
      if (whole % 1440 === 0) return `${whole / 1440}d`;
      if (whole % 60 === 0) return `${whole / 60}h`;
      return `${whole}m`;
    })
    .join(' ');
}

/** FSRS-6's 21 parameters; older generations (17 or 19 values) as ts-fsrs migrates them. */
function fsrsWeights(params: number[] | undefined): number[] | null | undefined {
  if (!params) return undefined;
  // ts-fsrs's own defaults (what a Mnemo export writes for "no parameters of its own") stay unset.
  if (params.length === 21 && params.every((w, i) => w === default_w[i])) return null;
  if (params.length === 21) return params;
  if (params.length === 17 || params.length === 19) return migrateParameters(params);
  return undefined;
}

export function toPreset(c: DeckConfig): ImportedPreset {
  const preset: ImportedPreset = { name: c.name.trim().slice(0, 100) || `Preset ${c.id}` };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) preset[key] = value;
  };
  set('desiredRetention', c.desiredRetention);
  set('fsrsWeights', fsrsWeights(c.fsrsParams));
  set('maximumInterval', c.maximumInterval);
  set('newPerDay', c.newPerDay);
  set('reviewsPerDay', c.reviewsPerDay);
  set('leechThreshold', c.leechThreshold);
  set('leechAction', c.leechAction === undefined ? undefined : c.leechAction === 1 ? 'tag' : 'suspend');
  set('burySiblings', c.bury);
  set('learningSteps', stepsText(c.learnSteps));
  set('relearningSteps', stepsText(c.relearnSteps));
  return preset;
}

export function batchDecks(
  decks: ReadonlyMap<number, Deck>,
  configs: ReadonlyMap<number, DeckConfig>,
  withCards: ReadonlySet<number>,
): Pick<ImportBatch, 'decks' | 'presets'> {
  const out: ImportBatch['decks'] = [];
  const presets = new Map<number, ImportedPreset>();
  for (const d of decks.values()) {
    if (d.filtered) continue;
    if (d.id === 1 && !withCards.has(1)) continue; // Anki's Default, in every collection
    const config = configs.get(d.configId) ?? configs.get(1);
    if (config && !presets.has(config.id)) presets.set(config.id, toPreset(config));
    out.push({
      name: cleanDeckName(d.name, d.id),
      ...(config ? { preset: presets.get(config.id)!.name } : {}),
      ...(d.description ? { description: d.description.slice(0, 100_000) } : {}),
    });
  }
  return { decks: out, presets: [...presets.values()] };
}
