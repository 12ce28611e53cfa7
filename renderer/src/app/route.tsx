import { createContext, useContext } from 'react';
import type { CramKind } from '../api/types.ts';

/** A cram session handed from its launcher to the session screen (cram.start's answer). */
export interface CramRun {
  kind: CramKind;
  reschedules: boolean;
  cardIds: number[];
  /** Where the session came from, so that it can go back there (and start another). */
  examId?: number;
  deckId?: number;
}

/** Where the app is. Kept in memory: the app is one window, not a web site. */
export type Route =
  | { screen: 'home' }
  | { screen: 'review'; deckId?: number; examId?: number }
  | { screen: 'exams' }
  | { screen: 'exam'; examId: number }
  | { screen: 'examForm'; examId?: number }
  /** Without `run`: choose a deck and a kind of cram session; with it: the session. */
  | { screen: 'cram'; run?: CramRun; deckId?: number }
  | { screen: 'browse' }
  | { screen: 'stats' }
  | { screen: 'settings' };

export type Navigate = (route: Route) => void;

export const NavigateContext = createContext<Navigate>(() => {});

export function useNavigate(): Navigate {
  return useContext(NavigateContext);
}
