import { useT } from '../i18n/index.tsx';
import type { Navigate, Route } from './route.tsx';

const ITEMS = ['home', 'browse', 'settings'] as const;

export function TopBar({ current, navigate }: { current: Route['screen']; navigate: Navigate }) {
  const t = useT();
  return (
    <header className="topbar">
      <span className="brand">{t.appName}</span>
      <nav aria-label={t.nav.label} className="nav">
        {ITEMS.map((screen) => {
          const active = current === screen || (screen === 'home' && current === 'review');
          return (
            <button
              key={screen}
              type="button"
              className="nav-item"
              aria-current={active ? 'page' : undefined}
              onClick={() => navigate({ screen })}
            >
              {t.nav[screen]}
            </button>
          );
        })}
      </nav>
    </header>
  );
}
