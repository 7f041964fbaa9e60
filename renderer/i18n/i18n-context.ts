import { createContext, useContext } from 'react';
import type { Lang } from '../../shared/api/types';
import type { ApiError } from '../../shared/api/errors';
import { en } from './en';
import { th, type Dict } from './th';

export const dictionaries: Readonly<Record<Lang, Dict>> = { th, en };

export type I18n = Readonly<{
  lang: Lang;
  t: Dict;
  setLang(lang: Lang): void;
}>;

export const I18nContext = createContext<I18n | null>(null);

/** Current language, its dictionary and the switch. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}

/** An API error's message in the given language (errors carry both). */
export function errorText(error: ApiError, lang: Lang): string {
  return lang === 'th' ? error.messageTh : error.message;
}
