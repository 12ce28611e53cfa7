import { useT } from '../i18n/index.tsx';
import type { Navigate, Route } from './route.tsx';

const ITEMS = ['home', 'exams', 'browse', 'settings'] as const;
type Item = (typeof ITEMS)[number];

/** The top-bar item a screen belongs to (a review belongs to Home, an exam's screens to Exams). */
function sectionOf(route: Route): Item {
  switch (route.screen) {
    case 'review':
      return route.examId === undefined ? 'home' : 'exams';
    case 'cram':
      return route.run?.examId === undefined ? 'home' : 'exams';
    case 'exam':
    case 'examForm':
    case 'exams':
      return 'exams';
    default:
      return route.screen;
  }
}

export function TopBar({ route, navigate }: { route: Route; navigate: Navigate }) {
  const t = useT();
  const section = sectionOf(route);
  return (
    <header className="topbar">
      <span className="brand">{t.appName}</span>
      <nav aria-label={t.nav.label} className="nav">
        {ITEMS.map((screen) => (
          <button
            key={screen}
            type="button"
            className="nav-item"
            aria-current={section === screen ? 'page' : undefined}
            onClick={() => navigate({ screen })}
          >
            {t.nav[screen]}
          </button>
        ))}
      </nav>
    </header>
  );
}
