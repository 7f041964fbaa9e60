import { useMemo, type ReactNode } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useI18n } from '../i18n/i18n-context';
import { createAppTheme } from './theme';

/** MUI theme with the locale (thTH / enUS) of the current language; wraps snackbars too. */
export function AppThemeProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const theme = useMemo(() => createAppTheme(lang), [lang]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
