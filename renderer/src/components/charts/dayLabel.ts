import { localeOf, useLang } from '../../i18n/index.tsx';

/** 'YYYY-MM-DD' → a short localized "3/14" (parsed as a local date, not UTC). */
export function useDayLabel(): (day: string) => string {
  const fmt = new Intl.DateTimeFormat(localeOf(useLang()), { month: 'numeric', day: 'numeric' });
  return (day) => {
    const [y, m, d] = day.split('-').map(Number);
    return fmt.format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  };
}
