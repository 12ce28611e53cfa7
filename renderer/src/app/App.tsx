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
// The exam screens and cram sessions are off the daily review path: loaded when opened.
const Exams = lazy(() => import('../screens/Exams.tsx'));
const ExamDetail = lazy(() => import('../screens/ExamDetail.tsx'));
const ExamEdit = lazy(() => import('../screens/ExamEdit.tsx'));
const Cram = lazy(() => import('../screens/Cram.tsx'));
// Statistics bring the chart library (echarts): its own chunk, never in the review path.
const Stats = lazy(() => import('../screens/Stats.tsx'));

export function App() {
  const t = useT();
  const [route, setRoute] = useState<Route>({ screen: 'home' });
  useMenu(setRoute);

  return (
    <NavigateContext.Provider value={setRoute}>
      <div className="app">
        <TopBar route={route} navigate={setRoute} />
        <main className="main" id="main">
          <ErrorBoundary key={route.screen}>
            <Suspense fallback={<p className="muted">{t.common.loading}</p>}>
              {route.screen === 'home' && <Home />}
              {route.screen === 'review' && (
                <Review
                  key={`${route.deckId ?? 'all'}:${route.examId ?? ''}`}
                  deckId={route.deckId}
                  examId={route.examId}
                />
              )}
              {route.screen === 'exams' && <Exams />}
              {route.screen === 'exam' && <ExamDetail key={route.examId} examId={route.examId} />}
              {route.screen === 'examForm' && <ExamEdit key={route.examId ?? 'new'} examId={route.examId} />}
              {route.screen === 'cram' && <Cram route={route} />}
              {route.screen === 'browse' && <Browse />}
              {route.screen === 'stats' && <Stats />}
              {route.screen === 'settings' && <Settings />}
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </NavigateContext.Provider>
  );
}
