import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Language, Settings, Theme } from '../api/types.ts';
import { I18nProvider, localeOf, resolveLanguage } from '../i18n/index.tsx';
import { useApi } from './api.tsx';

/** Theme and language: the two settings the whole UI depends on, applied as soon as they change. */
export interface Prefs {
  theme: Theme;
  language: Language | null;
}

interface PrefsValue {
  prefs: Prefs;
  settings: Settings | null;
  /** Why settings.get failed, if it did. */
  settingsError: unknown;
  /** Applies at once, then saves; resolves to the error if saving failed (null when saved). */
  updatePrefs(patch: Partial<Prefs>): Promise<unknown>;
  setSettings(settings: Settings): void;
}

const KEY = 'mnemo.prefs';
const PrefsContext = createContext<PrefsValue | null>(null);

/** Last known prefs, so the first paint already has the right theme and language. */
export function cachedPrefs(): Prefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>;
    const theme = raw.theme === 'light' || raw.theme === 'dark' ? raw.theme : 'system';
    const language = raw.language === 'zh' || raw.language === 'en' ? raw.language : null;
    return { theme, language };
  } catch {
    return { theme: 'system', language: null };
  }
}

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Sets data-theme="light|dark" on <html> (system resolved through prefers-color-scheme). */
export function applyTheme(theme: Theme): void {
  const dark = theme === 'dark' || (theme === 'system' && systemDark());
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function PrefsProvider({ children }: { children: ReactNode }) {
  const call = useApi();
  const [prefs, setPrefs] = useState<Prefs>(cachedPrefs);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [settingsError, setSettingsError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    call('settings.get')
      .then((s) => {
        if (!live) return;
        setSettings(s);
        setPrefs((p) => ({
          theme: s.theme ?? p.theme,
          language: s.language === undefined ? p.language : s.language,
        }));
      })
      .catch((e: unknown) => live && setSettingsError(e));
    return () => {
      live = false;
    };
  }, [call]);

  useEffect(() => {
    localStorage.setItem(KEY, JSON.stringify(prefs));
    applyTheme(prefs.theme);
    if (prefs.theme !== 'system' || typeof matchMedia !== 'function') return;
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system');
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [prefs]);

  const lang = resolveLanguage(prefs.language);
  useEffect(() => {
    document.documentElement.lang = localeOf(lang);
  }, [lang]);

  const updatePrefs = useCallback(
    async (patch: Partial<Prefs>) => {
      setPrefs((p) => ({ ...p, ...patch }));
      try {
        setSettings(await call('settings.update', patch));
        return null;
      } catch (e) {
        // The caller says it in the user's language (GeneralSettings).
        return e;
      }
    },
    [call],
  );

  const value = useMemo(
    () => ({ prefs, settings, settingsError, updatePrefs, setSettings }),
    [prefs, settings, settingsError, updatePrefs],
  );
  return (
    <PrefsContext.Provider value={value}>
      <I18nProvider lang={lang}>{children}</I18nProvider>
    </PrefsContext.Provider>
  );
}

export function usePrefs(): PrefsValue {
  const v = useContext(PrefsContext);
  if (!v) throw new Error('usePrefs() outside <PrefsProvider>');
  return v;
}

/** The hour study days start at (4 until settings.get has answered, Mnemo's default). */
export function useDayStartHour(): number {
  return useContext(PrefsContext)?.settings?.dayStartHour ?? 4;
}
