import { type Card, createEmptyCard, fsrs, type Grade, generatorParameters, StrategyMode } from 'ts-fsrs';

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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Mnemo's study time, restated for the one zone the unit tests run in: in Asia/Shanghai
 * (UTC+8 all year) a 04:00 study-day start is 20:00 UTC, so study time is real time plus
 * four hours, and a study day is a UTC day of it. Written out here, not taken from
 * core/scheduler, so the mapping itself is under test.
 */
export const shanghaiStudyTime = {
  shift: 4 * HOUR,
  toStudy: (real: number) => real + 4 * HOUR,
  /** A result back in real time; outcomes a whole day or more away start their study day. */
  toReal(card: Card, nowStudy: number) {
    const due = card.due.getTime();
    const wholeDays = (card.state === 2 && card.scheduled_days >= 1) || due - nowStudy >= DAY;
    return {
      due: wholeDays ? Math.floor(due / DAY) * DAY - 4 * HOUR : due - 4 * HOUR,
      last_review: card.last_review ? card.last_review.getTime() - 4 * HOUR : null,
    };
  },
};

/**
 * A card's state after its log, by ts-fsrs alone, fed study time as Mnemo does (for the
 * tests' zone, Asia/Shanghai with a 04:00 day start): the expected stored state, real time.
 */
export function referenceReplay(
  cardId: number,
  createdAt: number,
  log: readonly { rating: number; reviewedAt: number }[],
) {
  const f = referenceFsrs();
  const { toStudy, toReal } = shanghaiStudyTime;
  let card: Card & { cid: number } = { ...createEmptyCard(new Date(toStudy(createdAt))), cid: cardId };
  let real = { due: createdAt, last_review: null as number | null };
  for (const l of log) {
    const next = f.next(card, new Date(toStudy(l.reviewedAt)), l.rating as Grade).card;
    real = toReal(next, toStudy(l.reviewedAt));
    card = { ...next, due: new Date(toStudy(real.due)), cid: cardId };
  }
  return { ...card, due: real.due, lastReview: real.last_review };
}
