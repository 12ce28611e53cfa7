import { createContext, useContext } from 'react';

/** Where the app is. Kept in memory: the app is one window, not a web site. */
export type Route =
  | { screen: 'home' }
  | { screen: 'review'; deckId?: number }
  | { screen: 'browse' }
  | { screen: 'settings' };

export type Navigate = (route: Route) => void;

export const NavigateContext = createContext<Navigate>(() => {});

export function useNavigate(): Navigate {
  return useContext(NavigateContext);
}
