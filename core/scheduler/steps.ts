/**
 * Learning and relearning steps ("1m 10m 1d"): checked where they are typed (the preset
 * schema and the settings form, which imports this file) and read where they are used (the
 * scheduler). No imports, so the renderer can share it.
 *
 * ts-fsrs reads a step as parseInt(number) × unit, in whole minutes, so only whole numbers
 * are accepted ("1.5h" would silently be 1h) and the shortest step is one minute (a 0m step
 * makes Good skip the step). The longest is a year: far past that the due date overflows
 * JavaScript's Date and the next Again fails to store the card.
 */

const MINUTES = { m: 1, h: 60, d: 1440 } as const;
export const STEP_MIN_MINUTES = 1;
export const STEP_MAX_MINUTES = 365 * 1440;
export const MAX_STEPS = 20;

const STEP = /^(\d+)([mhd])$/;
/** What older versions accepted; a stored step in this form is still read (and clamped). */
const LEGACY_STEP = /^(\d+)(?:\.\d+)?([mhd])$/;

export function splitSteps(text: string): string[] {
  return text.trim() === '' ? [] : text.trim().split(/[\s,]+/);
}

export type StepsProblem =
  | { kind: 'syntax'; step: string }
  | { kind: 'tooShort'; step: string }
  | { kind: 'tooLong'; step: string }
  | { kind: 'tooMany'; count: number };

/** The first thing wrong with typed steps, or null when ts-fsrs can use them as they are. */
export function stepsProblem(text: string): StepsProblem | null {
  const steps = splitSteps(text);
  if (steps.length > MAX_STEPS) return { kind: 'tooMany', count: steps.length };
  for (const step of steps) {
    const m = STEP.exec(step);
    if (!m) return { kind: 'syntax', step };
    const minutes = Number(m[1]) * MINUTES[m[2] as keyof typeof MINUTES];
    if (minutes < STEP_MIN_MINUTES) return { kind: 'tooShort', step };
    if (minutes > STEP_MAX_MINUTES) return { kind: 'tooLong', step };
  }
  return null;
}

/** The API's (English) message for a problem; the settings form has its own translations. */
export function describeStepsProblem(p: StepsProblem): string {
  switch (p.kind) {
    case 'syntax':
      return `"${p.step}" is not a step: use a whole number and m, h or d, e.g. "1m 10m 1d"`;
    case 'tooShort':
      return `"${p.step}" is shorter than the shortest step, 1m`;
    case 'tooLong':
      return `"${p.step}" is longer than the longest step, 365d (a year)`;
    case 'tooMany':
      return `${p.count} steps; at most ${MAX_STEPS} are allowed`;
  }
}

/**
 * Stored steps as ts-fsrs gets them, each clamped to [1m, 365d] and written in minutes (the
 * arithmetic ts-fsrs does itself), so a value stored before these bounds existed schedules
 * at most a year ahead instead of failing. Throws only on text no version ever accepted.
 */
export function stepsForScheduler(text: string): `${number}m`[] {
  return splitSteps(text).map((step) => {
    const m = LEGACY_STEP.exec(step);
    if (!m) throw new Error(`invalid step "${step}" in a preset: fix it in Settings`);
    const minutes = Number.parseInt(m[1]!, 10) * MINUTES[m[2] as keyof typeof MINUTES];
    const clamped = Math.min(STEP_MAX_MINUTES, Math.max(STEP_MIN_MINUTES, minutes));
    return `${clamped}m` as const;
  });
}
