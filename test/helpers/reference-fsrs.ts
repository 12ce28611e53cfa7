import { type Card, fsrs, generatorParameters, StrategyMode } from 'ts-fsrs';

/**
 * ts-fsrs configured from scratch with the default preset's parameters, independent of
 * Mnemo's scheduler module. The seed rule (card id and review count) is Mnemo's documented
 * choice, restated here so a change to it shows as a failing test.
 */
export function referenceFsrs() {
  const f = fsrs(
    generatorParameters({
      request_retention: 0.9,
      maximum_interval: 36500,
      enable_fuzz: true,
      enable_short_term: true,
      learning_steps: ['1m', '10m'],
      relearning_steps: ['10m'],
    }),
  );
  f.useStrategy(StrategyMode.SEED, function (this: unknown) {
    const current = Reflect.get(this as object, 'current') as Card & { cid: number };
    return `${current.cid}:${current.reps}`;
  });
  return f;
}
