import { lazy, Suspense, useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { Home } from '../screens/Home.tsx';
import { Review } from '../screens/Review.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { NavigateContext, type Route } from './route.tsx';
import { TopBar } from './TopBar.tsx';
import { useMenu } from './useMenu.ts';

const Browse = lazy(() => import('../screens/Browse.tsx'));
const Settings = lazy(() => import('../screens/Settings.tsx'));

export function App() {
  const t = useT();
  const [route, setRoute] = useState<Route>({ screen: 'home' });
  useMenu(setRoute);

  return (
    <NavigateContext.Provider value={setRoute}>
      <div className="app">
        <TopBar current={route.screen} navigate={setRoute} />
        <main className="main" id="main">
          <ErrorBoundary key={route.screen}>
            <Suspense fallback={<p className="muted">{t.common.loading}</p>}>
              {route.screen === 'home' && <Home />}
              {route.screen === 'review' && <Review key={route.deckId ?? 'all'} deckId={route.deckId} />}
              {route.screen === 'browse' && <Browse />}
              {route.screen === 'settings' && <Settings />}
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </NavigateContext.Provider>
  );
}
