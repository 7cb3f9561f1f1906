import { createContext } from 'preact';
import { useContext, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import {
  direction,
  formatDate,
  formatDateTime,
  formatNumber,
  translate,
  type Key,
  type Lang,
} from './i18n.js';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: Key, params?: Record<string, string | number>) => string;
  num: (value: number) => string;
  date: (iso: string, precision?: 'day' | 'week' | 'month' | 'year' | 'unknown') => string;
  dateTime: (iso: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

const storageKey = 'wathiq.lang';

function initialLang(): Lang {
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'ar';
}

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  // Before the browser paints: a page shown in the new language but the old direction
  // for a frame would flicker (and a reader of `dir` could see it so).
  useLayoutEffect(() => {
    // The whole page turns: direction, language (for screen readers and fonts).
    document.documentElement.lang = lang;
    document.documentElement.dir = direction(lang);
    document.title = translate(lang, 'app.name');
    localStorage.setItem(storageKey, lang);
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      num: (value) => formatNumber(lang, value),
      date: (iso, precision) => formatDate(lang, iso, precision),
      dateTime: (iso) => formatDateTime(lang, iso),
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}
