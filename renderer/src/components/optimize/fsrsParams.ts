import {
  FSRS_DEFAULT_PARAMETERS,
  type FsrsParameterProblem,
  parseFsrsParameters,
} from '../../../../core/presets/fsrs-bounds.ts';
import type { Dict } from '../../i18n/index.tsx';

/** The list as the box shows it: one line, comma separated (as Anki shows it). */
export function paramsText(w: readonly number[] | null): string {
  return (w ?? FSRS_DEFAULT_PARAMETERS).join(', ');
}

export function problemMessage(p: FsrsParameterProblem, o: Dict['optimize']): string {
  switch (p.kind) {
    case 'count':
      return o.count(p.count);
    case 'notANumber':
      return o.notANumber(p.index, p.text);
    case 'outOfRange':
      return o.outOfRange(p.index, p.min, p.max);
  }
}

/**
 * What the box holds: null for "the defaults" (empty, or exactly the default list), the
 * numbers, or every problem in the user's language (each parameter named by its index).
 */
export function readParams(
  text: string,
  o: Dict['optimize'],
): { ok: true; value: number[] | null } | { ok: false; errors: string[] } {
  if (text.trim() === '') return { ok: true, value: null };
  const { values, problems } = parseFsrsParameters(text);
  if (problems.length) return { ok: false, errors: problems.map((p) => problemMessage(p, o)) };
  const defaults = values.every((v, i) => v === FSRS_DEFAULT_PARAMETERS[i]);
  return { ok: true, value: defaults ? null : values };
}
