/**
 * The reads behind the first screen and the first card, run once while the page is still
 * loading (browser mode: between listening and the page's first call; Electron: while the
 * window loads). A fresh process pays for them on first use — SQL statements prepared,
 * the code paths compiled by V8, the indexes' pages read into SQLite's cache — and on the
 * server's one thread those costs would otherwise sit between the click on "Study all" and
 * the card. The results are dropped: the page asks again and gets current answers.
 *
 * Only reads, one per turn of the event loop, so a request that arrives meanwhile waits for
 * at most one of them. Failures are left to the real calls to report.
 */
import { type Api, callMethod, type MethodName } from '../api/service.ts';

/** In the order the page needs them: the first card, Home's deck tree, Home's today panel. */
export const WARM_UP_CALLS: readonly MethodName[] = [
  'review.next',
  'decks.list',
  'stats.today',
  'exams.list',
  'settings.get',
];

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves with the calls made once all have run (none when `stopped()` says so first). */
export async function warmUp(api: Api, stopped: () => boolean = () => false): Promise<MethodName[]> {
  const made: MethodName[] = [];
  for (const method of WARM_UP_CALLS) {
    await nextTurn();
    if (stopped()) break;
    try {
      await callMethod(api, method, {});
      made.push(method);
    } catch {
      // a damaged or busy collection: the page's own call says so
    }
  }
  return made;
}
