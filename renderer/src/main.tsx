import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ClientProvider } from './app/api.tsx';
import { applyTheme, cachedPrefs, PrefsProvider } from './app/prefs.tsx';
import { withFirstCard } from './client/first-card.ts';
import { createClient } from './client/index.ts';
import './styles/index.css';

// Paint the first frame in the last known theme (no flash of the wrong colors).
applyTheme(cachedPrefs().theme);

// "Study all"'s first card is asked for now, before Home's calls (client/first-card.ts).
const client = withFirstCard(createClient());
const root = document.getElementById('root');
if (root) {
  // Rendered now, inside this script, rather than in a task after it: Home (and its "Study
  // all") is in the page before DOMContentLoaded and in its first paint, and its calls are
  // asked for sooner.
  const app = createRoot(root);
  flushSync(() =>
    app.render(
      <StrictMode>
        <ClientProvider client={client}>
          <PrefsProvider>
            <App />
          </PrefsProvider>
        </ClientProvider>
      </StrictMode>,
    ),
  );
}
