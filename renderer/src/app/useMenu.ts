import { useEffect } from 'react';
import type { Navigate } from './route.tsx';

interface MenuBridge {
  onMenu?: (listener: (action: string) => void) => void;
}

/**
 * The Electron window's native menu (electron/main.ts) sends its actions here; in the
 * browser there is no menu and this does nothing. Undo is sent as the keyboard shortcut the
 * review screen already handles, so there is one undo path.
 */
export function useMenu(navigate: Navigate): void {
  useEffect(() => {
    const bridge = (window as unknown as { mnemo?: MenuBridge }).mnemo;
    bridge?.onMenu?.((action) => {
      if (action === 'home') navigate({ screen: 'home' });
      else if (action === 'study') navigate({ screen: 'review' });
      else if (action === 'browse') navigate({ screen: 'browse' });
      else if (action === 'settings') navigate({ screen: 'settings' });
      else if (action === 'undo')
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }));
    });
  }, [navigate]);
}
