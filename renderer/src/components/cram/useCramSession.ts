import { useCallback, useEffect, useRef, useState } from 'react';
import type { Rating, ShownCard } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import type { CramRun } from '../../app/route.tsx';
import { ApiError } from '../../client/index.ts';
import { useT } from '../../i18n/index.tsx';

/** The API refuses durations over a day; anything longer is sent as a day. */
const MAX_DURATION_MS = 86_400_000;

export interface CramState {
  /** Position in the run's cards. */
  index: number;
  /** undefined while a card loads; null once every card is done. */
  shown: ShownCard | null | undefined;
  revealed: boolean;
  answered: number;
  busy: boolean;
  error: unknown;
  /** The error is a failed answer: the card stays on screen to be graded again. */
  answerFailed: boolean;
  notice: string | null;
  showSource: boolean;
  /** Increments for every card shown. */
  serial: number;
}

/**
 * What this session did, so that undo steps back exactly one of them: the card to show again,
 * whether it was an answer, and whether the server has something to undo (a skipped card,
 * or a bury of a card already buried, left nothing on the server's undo stack).
 */
type Step = { index: number; answered: boolean; undoable: boolean };

/**
 * Walks a cram session's cards (cram.start's list) once, in order: each card as review.card
 * shows it. A rescheduling kind answers through review.answer, exactly as a review does; a
 * preview answers through cram.answer, which only logs. Undo (review.undo) steps back only
 * over what this session did.
 */
export function useCramSession(run: CramRun) {
  const call = useApi();
  const t = useT();
  const [s, setS] = useState<CramState>({
    index: 0,
    shown: undefined,
    revealed: false,
    answered: 0,
    busy: false,
    error: null,
    answerFailed: false,
    notice: null,
    showSource: false,
    serial: 0,
  });
  const state = useRef(s);
  state.current = s;
  const busy = useRef(false);
  const steps = useRef<Step[]>([]);
  const shownAt = useRef(performance.now());

  /**
   * Shows card `index` (skipping cards deleted since the session began), or the end. If it
   * cannot be loaded, the card before is dropped from the screen, never graded twice.
   */
  const show = useCallback(
    async (index: number, patch: Partial<CramState> = {}) => {
      let notice = patch.notice ?? null;
      for (let i = index; i < run.cardIds.length; i++) {
        try {
          const shown = await call('review.card', { cardId: run.cardIds[i]! });
          setS((p) => ({
            ...p,
            ...patch,
            notice,
            index: i,
            shown,
            revealed: false,
            showSource: false,
            error: null,
            answerFailed: false,
            serial: p.serial + 1,
          }));
          return;
        } catch (error) {
          if (!(error instanceof ApiError && error.type === 'NotFound')) {
            setS((p) => ({ ...p, ...patch, index: i, shown: undefined, revealed: false, error }));
            return;
          }
          notice = t.cram.skipped;
        }
      }
      setS((p) => ({ ...p, ...patch, notice, index: run.cardIds.length, shown: null, revealed: false }));
    },
    [call, run, t],
  );

  /** One action at a time; keys pressed meanwhile were meant for the card on screen and are dropped. */
  const act = useCallback(async (action: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setS((p) => ({ ...p, busy: true, notice: null }));
    try {
      await action();
      setS((p) => ({ ...p, busy: false }));
    } catch (error) {
      setS((p) => ({ ...p, busy: false, error }));
    } finally {
      busy.current = false;
    }
  }, []);

  useEffect(() => {
    void act(() => show(0));
  }, [act, show]);

  const markShown = useCallback(() => {
    shownAt.current = performance.now();
  }, []);

  const reveal = useCallback(() => {
    setS((p) => (p.shown && !p.revealed ? { ...p, revealed: true, notice: null } : p));
  }, []);

  const grade = useCallback(
    (rating: Rating) => {
      const { shown, revealed, index } = state.current;
      if (!shown || !revealed) return;
      const durationMs = Math.min(MAX_DURATION_MS, Math.round(performance.now() - shownAt.current));
      const cardId = shown.card.id;
      void act(async () => {
        try {
          if (run.reschedules)
            // seenReps: if another window answered this card meanwhile, the answer is refused.
            await call('review.answer', { cardId, rating, durationMs, seenReps: shown.card.fsrs.reps });
          else await call('cram.answer', { cardId, rating, durationMs });
        } catch (e) {
          // Suspended, retired or answered elsewhere since it was shown: move on.
          if (e instanceof ApiError && ['Conflict', 'NotFound', 'InvalidArgument'].includes(e.type)) {
            steps.current.push({ index, answered: false, undoable: false });
            await show(index + 1, { notice: t.cram.skipped });
            return;
          }
          // Not saved (a full disk, say): keep the card so the same grade can be given again.
          setS((p) => ({ ...p, error: e, answerFailed: true }));
          return;
        }
        steps.current.push({ index, answered: true, undoable: true });
        await show(index + 1, { answered: state.current.answered + 1 });
      });
    },
    [act, call, run, show, t],
  );

  const undo = useCallback(() => {
    const last = steps.current.at(-1);
    if (!last) {
      setS((p) => ({ ...p, notice: t.review.nothingToUndo }));
      return;
    }
    void act(async () => {
      if (last.undoable) await call('review.undo');
      steps.current.pop();
      const answered = state.current.answered - (last.answered ? 1 : 0);
      await show(last.index, { answered, notice: t.review.undone });
    });
  }, [act, call, show, t]);

  /** Bury or suspend the card on screen, and go on to the next. */
  const hide = useCallback(
    (method: 'cards.bury' | 'cards.suspend') => {
      const { shown, index } = state.current;
      if (!shown) return;
      void act(async () => {
        const { changed } = await call(method, { cardIds: [shown.card.id] });
        steps.current.push({ index, answered: false, undoable: changed > 0 });
        await show(index + 1, { notice: method === 'cards.bury' ? t.review.buried : t.review.suspended });
      });
    },
    [act, call, show, t],
  );

  const flag = useCallback(
    (n: number) => {
      const { shown, index } = state.current;
      if (!shown) return;
      const value = shown.card.flag === n ? 0 : n;
      void act(async () => {
        const { changed } = await call('cards.flag', { cardIds: [shown.card.id], flag: value });
        // Undo after a flag takes the flag back, as in the review (the same card stays).
        steps.current.push({ index, answered: false, undoable: changed > 0 });
        setS((p) =>
          p.shown && p.shown.card.id === shown.card.id
            ? {
                ...p,
                shown: { ...p.shown, card: { ...p.shown.card, flag: value } },
                notice: t.review.flagged(t.review.flagNames[value] ?? String(value)),
              }
            : p,
        );
      });
    },
    [act, call, t],
  );

  return {
    session: s,
    markShown,
    reveal,
    grade,
    undo,
    bury: useCallback(() => hide('cards.bury'), [hide]),
    suspend: useCallback(() => hide('cards.suspend'), [hide]),
    flag,
    toggleSource: useCallback(() => setS((p) => ({ ...p, showSource: !p.showSource })), []),
    /** After an edit: the card on screen with its new text, the answer side kept as it was. */
    replaceShown: useCallback(
      (shown: ShownCard) => setS((p) => (p.shown && p.shown.card.id === shown.card.id ? { ...p, shown } : p)),
      [],
    ),
    notify: useCallback((notice: string) => setS((p) => ({ ...p, notice })), []),
    /** After a card failed to load: try it again. */
    retry: useCallback(() => void act(() => show(state.current.index)), [act, show]),
  };
}
