import { useT } from '../i18n/index.tsx';
import type { Navigate, Route } from './route.tsx';

const ITEMS = ['home', 'exams', 'browse', 'stats', 'settings'] as const;
type Item = (typeof ITEMS)[number];

/**
 * The top-bar item that is the current page: none during a review or a cram session (the
 * page is the session, not Home or Exams, and marking one says the user is there); an
 * exam's own screens belong to Exams.
 */
export function sectionOf(route: Route): Item | null {
  switch (route.screen) {
    case 'review':
    case 'cram':
      return null;
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
