import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ClientProvider } from './app/api.tsx';
import { applyTheme, cachedPrefs, PrefsProvider } from './app/prefs.tsx';
import { createClient } from './client/index.ts';
import './styles/index.css';

// Paint the first frame in the last known theme (no flash of the wrong colors).
applyTheme(cachedPrefs().theme);

const client = createClient();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ClientProvider client={client}>
        <PrefsProvider>
          <App />
        </PrefsProvider>
      </ClientProvider>
    </StrictMode>,
  );
}
