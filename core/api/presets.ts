/** The `presets` group of the service API: list, read, create, change, rename and delete presets. */
import * as z from 'zod';
import { notFound } from '../errors.ts';
import {
  createPreset,
  deletePreset,
  listPresets,
  presetFields,
  presetView,
  updatePreset,
} from '../presets/presets.ts';
import type { Collection } from '../store/collection.ts';
import { id, method } from './define.ts';

export function presetsApi(col: Collection) {
  return {
    list: method(z.strictObject({}), () => listPresets(col)),
    get: method(z.strictObject({ presetId: id }), (a) => {
      const p = col.preset(a.presetId);
      if (!p) throw notFound(`preset ${a.presetId} does not exist`);
      return presetView(p);
    }),
    create: method(presetFields.partial().required({ name: true }), (a) => createPreset(col, a)),
    update: method(presetFields.partial().extend({ presetId: id }), ({ presetId, ...patch }) =>
      updatePreset(col, presetId, patch),
    ),
    /** Only the name; a name another preset has is refused (Conflict). */
    rename: method(z.strictObject({ presetId: id, name: presetFields.shape.name }), (a) =>
      updatePreset(col, a.presetId, { name: a.name }),
    ),
    /**
     * Refused (Conflict) for the default preset, which new decks get, and for a preset some
     * deck still uses: its decks would be left without options.
     */
    delete: method(z.strictObject({ presetId: id }), (a) => deletePreset(col, a.presetId)),
  };
}
