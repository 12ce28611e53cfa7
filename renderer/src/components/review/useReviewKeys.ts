import { useEffect, useRef } from 'react';
import type { Rating } from '../../api/types.ts';

export interface KeyHandlers {
  revealed: boolean;
  reveal(): void;
  grade(rating: Rating): void;
  undo(): void;
  bury(): void;
  suspend(): void;
  flag(n: number): void;
  toggleSource(): void;
  /** Opens the card editor (Anki's `e`); absent where cards cannot be edited. */
  edit?(): void;
  /** A dialog (the editor) is open: its keys are its own, none of them reviews. */
  paused?: boolean;
  escape(): void;
}

const TEXT_FIELDS = 'input, textarea, select, [contenteditable="true"]';
const CONTROLS = 'button, a[href], summary, [role="button"]';

/**
 * Anki's review keys (Space/Enter: show the answer, then Good). Keys typed into a text field
 * (the type-in answer) never grade, and
 * Space/Enter on a focused button activate that button rather than the review action.
 */
export function useReviewKeys(handlers: KeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const h = ref.current;
      if (h.paused) return;
      const target = e.target instanceof Element ? e.target : null;
      if (e.key === 'Escape') {
        e.preventDefault();
        h.escape();
        return;
      }
      if (target?.closest(TEXT_FIELDS)) {
        // An empty answer box has nothing of its own to undo: Ctrl+Z undoes the last answer.
        const empty = target instanceof HTMLInputElement && target.value === '';
        if (empty && e.ctrlKey && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z') {
          e.preventDefault();
          h.undo();
        }
        return;
      }
      if (e.altKey || e.metaKey) return;
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (e.ctrlKey) {
        if (e.key.toLowerCase() === 'z' && !e.shiftKey) act(h.undo);
        const digit = /^Digit([1-7])$/.exec(e.code)?.[1] ?? /^[1-7]$/.exec(e.key)?.[0];
        if (digit) act(() => h.flag(Number(digit)));
        return;
      }
      switch (e.key) {
        case ' ':
        case 'Enter':
          if (target?.closest(CONTROLS)) return;
          // As in Anki: the first press shows the answer, the next one answers Good.
          if (!h.revealed) act(h.reveal);
          else if (!e.repeat) act(() => h.grade(3));
          else e.preventDefault();
          return;
        case '1':
        case '2':
        case '3':
        case '4':
          if (h.revealed && !e.repeat) act(() => h.grade(Number(e.key) as Rating));
          return;
        case 'u':
          act(h.undo);
          return;
        case '-':
          act(h.bury);
          return;
        case '@':
          act(h.suspend);
          return;
        case 'e':
          if (h.edit) act(h.edit);
          return;
        case 'i':
          // Where the card is written: Anki's `i` shows a card's info.
          act(h.toggleSource);
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
