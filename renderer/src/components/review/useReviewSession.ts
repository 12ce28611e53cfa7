import { useCallback, useEffect, useRef, useState } from 'react';
import type { NextCard, Rating, ShownCard } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { ApiError } from '../../client/index.ts';
import { useT } from '../../i18n/index.tsx';

/** The API refuses durations over a day; anything longer is sent as a day. */
const MAX_DURATION_MS = 86_400_000;

export interface Session {
  /** undefined while the first card loads; null when today's queue is done. */
  next: NextCard | null | undefined;
  revealed: boolean;
  answered: number;
  busy: boolean;
  error: unknown;
  /** The error is a failed answer: the card stays on screen to be graded again. */
  answerFailed: boolean;
  notice: string | null;
  showSource: boolean;
  /** Increments for every card shown (the same card can come back). */
  serial: number;
}

/**
 * One review session over a deck (or all decks, or an exam's "Study for EXAM" queue): the
 * current card, and the actions that commit an answer / bury / suspend / undo on the server
 * and then fetch the next card.
 */
export function useReviewSession(deckId: number | undefined, examId?: number) {
  const call = useApi();
  const t = useT();
  const [s, setS] = useState<Session>({
    next: undefined,
    revealed: false,
    answered: 0,
    busy: false,
    error: null,
    answerFailed: false,
    notice: null,
    showSource: false,
    serial: 0,
  });
  const busy = useRef(false);
  const shownAt = useRef(performance.now());
  const current = useRef<NextCard | null | undefined>(undefined);
  current.current = s.next;
  const revealed = useRef(false);
  revealed.current = s.revealed;

  /** Fetches and shows the next card. If that fails the old card is dropped, never re-graded. */
  const fetchNext = useCallback(
    async (patch: (p: Session) => Partial<Session> = () => ({}), firstCardId?: number) => {
      try {
        const next = await call('review.next', { deckId, examId, firstCardId });
        setS((p) => ({
          ...p,
          ...patch(p),
          next,
          revealed: false,
          showSource: false,
          busy: false,
          error: null,
          answerFailed: false,
          serial: p.serial + 1,
        }));
      } catch (error) {
        setS((p) => ({ ...p, ...patch(p), next: undefined, revealed: false, busy: false, error }));
      }
    },
    [call, deckId, examId],
  );

  /**
   * Runs one action at a time; the UI keeps showing the current card until it resolves. A
   * grade, bury or suspend pressed while another action is in flight is dropped (it was meant
   * for the card on screen); an undo waits its turn instead, so it is never lost.
   */
  const pending = useRef<Promise<void>>(Promise.resolve());
  const run = useCallback(async (action: () => Promise<void>, queue = false) => {
    if (busy.current && !queue) return;
    const turn = pending.current.then(async () => {
      busy.current = true;
      setS((p) => ({ ...p, busy: true, notice: null }));
      try {
        await action();
      } catch (error) {
        setS((p) => ({ ...p, busy: false, error }));
      } finally {
        busy.current = false;
      }
    });
    pending.current = turn;
    await turn;
  }, []);

  useEffect(() => {
    void run(() => fetchNext());
  }, [run, fetchNext]);

  /** Called when a card's front has been painted: durations are measured from here. */
  const markShown = useCallback(() => {
    shownAt.current = performance.now();
  }, []);

  const reveal = useCallback(() => {
    setS((p) => (p.next && !p.revealed ? { ...p, revealed: true, notice: null } : p));
  }, []);

  const grade = useCallback(
    (rating: Rating) => {
      const next = current.current;
      if (!next || !revealed.current) return;
      const durationMs = Math.min(MAX_DURATION_MS, Math.round(performance.now() - shownAt.current));
      void run(async () => {
        let r: { leech: boolean };
        try {
          // seenReps: if another window answered this card meanwhile, the answer is refused.
          r = await call('review.answer', {
            cardId: next.card.id,
            rating,
            durationMs,
            seenReps: next.card.fsrs.reps,
          });
        } catch (e) {
          if (!(e instanceof ApiError && e.type === 'Conflict')) {
            // Not saved (a full disk, say): keep the card so the same grade can be given again.
            setS((p) => ({ ...p, busy: false, error: e, answerFailed: true }));
            return;
          }
          // Answered, suspended or reset elsewhere: show the queue as it is now.
          await fetchNext(() => ({ notice: t.review.changedElsewhere }));
          return;
        }
        await fetchNext((p) => ({ answered: p.answered + 1, notice: r.leech ? t.review.leech : null }));
      });
    },
    [call, run, fetchNext, t],
  );

  const undo = useCallback(() => {
    void run(async () => {
      try {
        const r = await call('review.undo');
        const back = r.action === 'answer' ? 1 : 0;
        // Show the card whose answer was undone, as Anki does.
        await fetchNext(
          (p) => ({ answered: Math.max(0, p.answered - back), notice: t.review.undone }),
          r.action === 'answer' ? r.cardIds[0] : undefined,
        );
      } catch (e) {
        if (!(e instanceof ApiError && e.type === 'Conflict')) throw e;
        setS((p) => ({ ...p, busy: false, notice: t.review.nothingToUndo }));
      }
    }, true);
  }, [call, run, fetchNext, t]);

  const hide = useCallback(
    (method: 'cards.bury' | 'cards.suspend') => {
      const next = current.current;
      if (!next) return;
      void run(async () => {
        await call(method, { cardIds: [next.card.id] });
        const notice = method === 'cards.bury' ? t.review.buried : t.review.suspended;
        await fetchNext(() => ({ notice }));
      });
    },
    [call, run, fetchNext, t],
  );

  /** Ctrl+N: sets flag N, or clears it when the card already has it. */
  const flag = useCallback(
    (n: number) => {
      const next = current.current;
      if (!next) return;
      const value = next.card.flag === n ? 0 : n;
      void run(async () => {
        await call('cards.flag', { cardIds: [next.card.id], flag: value });
        setS((p) =>
          p.next && p.next.card.id === next.card.id
            ? {
                ...p,
                busy: false,
                next: { ...p.next, card: { ...p.next.card, flag: value } },
                notice: t.review.flagged(t.review.flagNames[value] ?? String(value)),
              }
            : { ...p, busy: false },
        );
      });
    },
    [call, run, t],
  );

  const toggleSource = useCallback(() => setS((p) => ({ ...p, showSource: !p.showSource })), []);
  /** After an edit: the same card with its new text (and states), the answer side kept as it was. */
  const replaceCard = useCallback((shown: ShownCard) => {
    setS((p) =>
      p.next && p.next.card.id === shown.card.id
        ? { ...p, next: { ...p.next, card: shown.card, states: shown.states } }
        : p,
    );
  }, []);
  const refresh = useCallback(() => void run(() => fetchNext()), [run, fetchNext]);

  return {
    session: s,
    markShown,
    reveal,
    grade,
    undo,
    bury: useCallback(() => hide('cards.bury'), [hide]),
    suspend: useCallback(() => hide('cards.suspend'), [hide]),
    flag,
    toggleSource,
    replaceCard,
    notify: useCallback((notice: string) => setS((p) => ({ ...p, notice })), []),
    refresh,
  };
}

export type ReviewActions = Omit<ReturnType<typeof useReviewSession>, 'session' | 'markShown'>;
