import { createContext, useContext } from 'react';
import type { ApiError } from '../../shared/api/errors';

export type Notify = Readonly<{
  /** Shows an API error in the current language (kept as data so a language switch re-renders it). */
  error(error: ApiError): void;
  success(text: string): void;
  /** Something done that the user should look at (saved all the same). */
  warning(text: string): void;
}>;

export const NotifyContext = createContext<Notify | null>(null);

export function useNotify(): Notify {
  const value = useContext(NotifyContext);
  if (!value) throw new Error('useNotify outside <NotifyProvider>');
  return value;
}
