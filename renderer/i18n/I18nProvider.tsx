import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../../shared/api/types';
import { dictionaries, I18nContext, type I18n } from './i18n-context';

const STORAGE_KEY = 'chipao.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'th';
  } catch {
    // Storage can be unavailable (privacy mode); Thai is the default anyway.
    return 'th';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered; the switch still works for this session.
    }
  }, []);

  const value = useMemo<I18n>(() => ({ lang, t: dictionaries[lang], setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
