/**
 * "Study all"'s first card, asked for as the page starts: the server answers it before Home's
 * own calls, while the page renders, so the click shows the card without waiting for a round
 * trip queued behind them (issue 13, target (g)).
 *
 * The answer is handed out once, to the first `review.next` of all decks (no deck, exam or
 * first card named), and only while it cannot be stale in a way that matters: asked at most
 * FIRST_CARD_MAX_AGE_MS ago, and no call other than the first screen's reads made since (an
 * answer, an edit, an import... each could change the queue). Otherwise the call goes to the
 * server as before. A failed prefetch is never handed out: the real call reports its own error.
 * What another window changes meanwhile is caught as for any card on screen: the answer's
 * `seenReps` check.
 */
import type { MethodName, MnemoClient } from './index.ts';

/** Young enough that its next states' intervals and the queue's order still hold. */
export const FIRST_CARD_MAX_AGE_MS = 30_000;

/** The first screen's reads (Home, its panels, settings): they leave the queue as it was. */
const FIRST_SCREEN_READS: ReadonlySet<string> = new Set<MethodName>([
  'settings.get',
  'decks.list',
  'decks.bundledUpdate',
  'stats.today',
  'stats.forecast',
  'stats.history',
  'exams.list',
  'exams.forecast',
]);

function isStudyAll(args: unknown): boolean {
  if (args === undefined || args === null) return true;
  const a = args as Record<string, unknown>;
  return Object.keys(a).every((k) => a[k] === undefined);
}

/**
 * `client` with review.next for all decks asked now (`now` is the clock, in ms); the returned
 * client's first such call gets that answer while it is fresh.
 */
export function withFirstCard(client: MnemoClient, now: () => number = Date.now): MnemoClient {
  const askedAt = now();
  let ready = true;
  const first = client.call('review.next', {}).then(
    (next) => ({ ok: true as const, next }),
    () => {
      ready = false;
      return { ok: false as const };
    },
  );
  const call: MnemoClient['call'] = (method, args) => {
    if (ready && method === 'review.next' && isStudyAll(args)) {
      ready = false;
      if (now() - askedAt <= FIRST_CARD_MAX_AGE_MS)
        return first.then((got) => (got.ok ? (got.next as never) : client.call(method, args)));
    } else if (!FIRST_SCREEN_READS.has(method) && method !== 'review.next') {
      ready = false;
    }
    return client.call(method, args);
  };
  return { ...client, call };
}
