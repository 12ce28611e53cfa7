/**
 * FSRS-6's 21 parameters: ts-fsrs's defaults and the range it clamps each one to
 * (`CLAMP_PARAMETERS(W17_W18_Ceiling, true)` in ts-fsrs 5.4.2; a test checks these against
 * the library). No imports, so the settings form can check a pasted list in the browser.
 */
export const FSRS_PARAMETER_COUNT = 21;

export const FSRS_DEFAULT_PARAMETERS: readonly number[] = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
  1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

export const FSRS_PARAMETER_BOUNDS: readonly (readonly [number, number])[] = [
  [0.001, 100],
  [0.001, 100],
  [0.001, 100],
  [0.001, 100],
  [1, 10],
  [0.001, 4],
  [0.001, 4],
  [0.001, 0.75],
  [0, 4.5],
  [0, 0.8],
  [0.001, 3.5],
  [0.001, 5],
  [0.001, 0.25],
  [0.001, 0.9],
  [0, 4],
  [0, 1],
  [1, 6],
  [0, 2],
  [0, 2],
  [0.01, 0.8],
  [0.1, 0.8],
];

export type FsrsParameterProblem =
  | { kind: 'count'; count: number }
  | { kind: 'notANumber'; index: number; text: string }
  | { kind: 'outOfRange'; index: number; value: number; min: number; max: number };

/** What is wrong with a list of parameters (empty when ts-fsrs would use it as it is). */
export function fsrsParameterProblems(values: readonly number[]): FsrsParameterProblem[] {
  if (values.length !== FSRS_PARAMETER_COUNT) return [{ kind: 'count', count: values.length }];
  const out: FsrsParameterProblem[] = [];
  values.forEach((value, index) => {
    const [min, max] = FSRS_PARAMETER_BOUNDS[index]!;
    if (!Number.isFinite(value)) out.push({ kind: 'notANumber', index, text: String(value) });
    else if (value < min || value > max) out.push({ kind: 'outOfRange', index, value, min, max });
  });
  return out;
}

/**
 * Parameters as typed or pasted: numbers separated by commas, spaces or new lines, with or
 * without the brackets of a JSON list (Anki's "FSRS parameters" box copies as "0.212, 1.2931, …").
 */
export function parseFsrsParameters(text: string): { values: number[]; problems: FsrsParameterProblem[] } {
  const parts = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .split(/[\s,，]+/)
    .filter((p) => p !== '');
  const problems: FsrsParameterProblem[] = [];
  const values = parts.map((p, index) => {
    const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(p) ? Number(p) : Number.NaN;
    if (!Number.isFinite(n)) problems.push({ kind: 'notANumber', index, text: p });
    return n;
  });
  if (problems.length) return { values, problems };
  return { values, problems: fsrsParameterProblems(values) };
}

/** A problem in English (the API's messages; the form says it in the user's language). */
export function describeFsrsProblem(p: FsrsParameterProblem): string {
  switch (p.kind) {
    case 'count':
      return `FSRS-6 has ${FSRS_PARAMETER_COUNT} parameters, not ${p.count}`;
    case 'notANumber':
      return `w[${p.index}]: "${p.text}" is not a number`;
    case 'outOfRange':
      return `w[${p.index}]: ${p.value} is outside ${p.min}…${p.max}`;
  }
}
