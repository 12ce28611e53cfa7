import { createContext, type ReactNode, useContext } from 'react';
import type { Language } from '../api/types.ts';
import { type Dict, en } from './en.ts';
import { zh } from './zh.ts';

export type { Dict };

const DICTS: Record<Language, Dict> = { en, zh };

/** 'zh*' → Chinese, anything else → English. `null` follows the OS (navigator.language). */
export function resolveLanguage(setting: Language | null | undefined): Language {
  const tag = setting ?? (typeof navigator !== 'undefined' ? navigator.language : 'en');
  return tag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The BCP 47 locale used for dates and numbers. */
export function localeOf(lang: Language): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

const LangContext = createContext<Language>('en');

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useLang(): Language {
  return useContext(LangContext);
}

/** The current dictionary: `const t = useT(); t.review.showAnswer`. */
export function useT(): Dict {
  return DICTS[useContext(LangContext)];
}
