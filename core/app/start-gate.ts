/**
 * When the app's background work (the integrity check, then the bundled decks' update, then
 * the day's backup) may begin: not while the first screen loads and the first card is
 * served, since on two cores reading a large collection end to end would slow them.
 *
 * The shell reports its screen's activity (each API call answered, Electron's first paint).
 * The work begins once the screen has been quiet for `quietMs`, and at the latest
 * `maxAfterScreenMs` after its first activity (someone answering cards without a pause still
 * gets the check and the backup). With no screen at all (`mnemo serve --no-open` left
 * alone) it begins `startDelayMs` after opening.
 */
export interface StartTiming {
  quietMs: number;
  maxAfterScreenMs: number;
  startDelayMs: number;
}

export const START_TIMING: StartTiming = { quietMs: 1000, maxAfterScreenMs: 5000, startDelayMs: 3000 };

export interface StartGate {
  /** Resolves when the background work may begin. */
  ready: Promise<void>;
  /** The screen is up and just asked for something. */
  active(): void;
  /** Resolves `ready` now (the app is stopping: what waits on it settles and sees that). */
  open(): void;
}

export function startGate(timing: StartTiming): StartGate {
  let open = false;
  let resolve = () => {};
  const ready = new Promise<void>((r) => {
    resolve = r;
  });
  const timers = new Set<NodeJS.Timeout>();
  const go = () => {
    if (open) return;
    open = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    resolve();
  };
  const after = (ms: number) => {
    const t = setTimeout(go, ms);
    t.unref(); // never what keeps the process alive
    timers.add(t);
    return t;
  };
  const cancel = (t: NodeJS.Timeout | null) => {
    if (!t) return;
    clearTimeout(t);
    timers.delete(t);
  };
  let noScreen: NodeJS.Timeout | null = after(timing.startDelayMs);
  let quiet: NodeJS.Timeout | null = null;
  return {
    ready,
    open: go,
    active() {
      if (open) return;
      if (noScreen) {
        cancel(noScreen);
        noScreen = null;
        after(timing.maxAfterScreenMs);
      }
      cancel(quiet);
      quiet = after(timing.quietMs);
    },
  };
}
