/**
 * An import's presets and decks. Presets are matched by name: a missing one is created; an
 * existing one is replaced only when the import's is newer, or when yours still has every
 * option at its default (so restoring a dump into a new collection brings its Default
 * preset's options, while choices you made are never overwritten by an older file). Decks
 * are created from their names with the preset the import names; an existing deck keeps its
 * own preset.
 */
import { ensureDeck } from '../decks/decks.ts';
import type { DeckRow, PresetRow } from '../model/types.ts';
import {
  createPreset,
  type PresetFields,
  presetFields,
  presetView,
  updatePreset,
} from '../presets/presets.ts';
import type { Collection } from '../store/collection.ts';
import { recordDeckPresetsByName } from '../sync/settings-record.ts';
import type { ImportBatch, ImportedPreset } from './batch.ts';

/** The fields of an imported preset that are valid; each invalid one is named in a warning. */
function validFields(p: ImportedPreset, warn: (w: string) => void): Partial<PresetFields> {
  const out: Record<string, unknown> = {};
  const shape = presetFields.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  for (const [key, value] of Object.entries(p)) {
    if (key === 'name' || key === 'modifiedAt' || value === undefined) continue;
    if (!Object.hasOwn(shape, key)) continue; // a field this Mnemo does not know
    if (shape[key]!.safeParse(value).success) out[key] = value;
    else warn(`preset "${p.name}": ${key} ${JSON.stringify(value)} is out of range; kept yours`);
  }
  return out as Partial<PresetFields>;
}

/** Every option of this preset still at the schema's default (nothing the user chose to lose). */
function isPristine(col: Collection, row: PresetRow): boolean {
  const info = col.db.prepare('PRAGMA table_info(presets)').all() as {
    name: string;
    dflt_value: string | null;
  }[];
  return info.every(({ name, dflt_value }) => {
    if (name === 'id' || name === 'name' || name === 'modified_at') return true;
    const value = (row as unknown as Record<string, unknown>)[name];
    if (dflt_value === null || dflt_value === 'NULL') return value === null;
    const literal = /^'(.*)'$/.exec(dflt_value);
    return literal ? value === literal[1] : value === Number(dflt_value);
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class ImportDecks {
  private readonly presetIds = new Map<string, number>();
  private readonly deckIds = new Map<string, number>();
  readonly created: string[] = [];

  constructor(
    private readonly col: Collection,
    private readonly warn: (w: string) => void,
  ) {}

  applyPresets(presets: readonly ImportedPreset[]): void {
    const { col } = this;
    for (const p of presets) {
      const name = p.name.trim();
      const fields = validFields(p, this.warn);
      const local = col.stmt('SELECT * FROM presets WHERE name = ?').get(name) as PresetRow | undefined;
      let id: number;
      if (!local) {
        id = createPreset(col, { ...fields, name }).id;
      } else {
        id = local.id;
        const view = presetView(local) as Record<string, unknown>;
        const differs = Object.entries(fields).some(([k, v]) => !same(view[k], v));
        const newer = p.modifiedAt !== undefined && p.modifiedAt > local.modified_at;
        if (!differs) {
          this.presetIds.set(name, id);
          continue;
        }
        if (!newer && !isPristine(col, local)) {
          this.warn(`preset "${name}": yours differs and is newer, so it was kept`);
          this.presetIds.set(name, id);
          continue;
        }
        updatePreset(col, id, fields);
      }
      if (p.modifiedAt !== undefined)
        col.stmt('UPDATE presets SET modified_at = ? WHERE id = ?').run(p.modifiedAt, id);
      col.invalidatePresets();
      this.presetIds.set(name, id);
    }
  }

  /** The decks the batch lists, parents first, each with its preset, description and creation time. */
  createListed(decks: ImportBatch['decks']): void {
    const byDepth = [...decks].sort((a, b) => a.name.split('::').length - b.name.split('::').length);
    for (const d of byDepth) {
      let presetId: number | undefined;
      if (d.preset !== undefined) {
        presetId =
          this.presetIds.get(d.preset) ??
          (this.col.stmt('SELECT id FROM presets WHERE name = ?').pluck().get(d.preset) as
            | number
            | undefined);
        if (presetId === undefined)
          this.warn(`deck "${d.name}": no preset "${d.preset}"; it uses its parent's`);
      }
      const { deck, created } = ensureDeck(this.col, d.name, presetId);
      if (presetId !== undefined) recordDeckPresetsByName(this.col, created, presetId);
      this.created.push(...created);
      this.deckIds.set(d.name, deck.id);
      if (created.includes(deck.name) && (d.description !== undefined || d.createdAt !== undefined)) {
        this.col
          .stmt('UPDATE decks SET description = ?, created_at = ? WHERE id = ?')
          .run(d.description ?? deck.description, d.createdAt ?? deck.created_at, deck.id);
      }
    }
  }

  /** The id of the deck with this name, creating it (and its parents) if needed. */
  idFor(name: string): number {
    let id = this.deckIds.get(name);
    if (id === undefined) {
      const { deck, created } = ensureDeck(this.col, name);
      this.created.push(...created);
      id = deck.id;
      this.deckIds.set(name, id);
    }
    return id;
  }

  /** The id of an existing deck with this name, creating nothing. */
  existingId(name: string): number | undefined {
    const known = this.deckIds.get(name);
    if (known !== undefined) return known;
    const normalized = name
      .split('::')
      .map((p) => p.trim())
      .join('::');
    const row = this.col.stmt('SELECT * FROM decks WHERE name = ?').get(normalized) as DeckRow | undefined;
    return row?.id;
  }
}
