/**
 * The allowed range of each numeric preset field. Shared by the API's schema, the scheduler
 * (which clamps a value stored before a bound existed rather than fail a review) and the
 * settings form (which checks before saving, in the user's language). No imports, so the
 * renderer can share it.
 */
export const PRESET_BOUNDS = {
  desiredRetention: { min: 0.7, max: 0.99, integer: false },
  maximumInterval: { min: 1, max: 36500, integer: true },
  newPerDay: { min: 0, max: 9999, integer: true },
  reviewsPerDay: { min: 0, max: 99999, integer: true },
  leechThreshold: { min: 1, max: 99, integer: true },
} as const;

/** The preset new decks get (seeded as "Default"): it cannot be deleted. */
export const DEFAULT_PRESET_ID = 1;

/** The longest preset name, in characters (after trimming). */
export const PRESET_NAME_MAX = 100;

export type BoundedField = keyof typeof PRESET_BOUNDS;

export function clampTo(field: BoundedField, value: number): number {
  const { min, max } = PRESET_BOUNDS[field];
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
