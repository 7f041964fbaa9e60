import { createTheme, type Theme } from '@mui/material/styles';
import { enUS, thTH } from '@mui/material/locale';
import type { Lang } from '../../shared/api/types';

/** Sarabun is bundled (OFL) so Thai tone marks render the same on every machine, offline. */
export const FONT_FAMILY = "'Sarabun', 'Noto Sans Thai', sans-serif";

export function createAppTheme(lang: Lang): Theme {
  return createTheme(
    {
      palette: {
        primary: { main: '#1d4e89' },
        secondary: { main: '#c77d00' },
        background: { default: '#f4f6f9' },
      },
      typography: {
        fontFamily: FONT_FAMILY,
        // Thai stacks vowels and tone marks above and below the line; tight line heights clip them.
        body1: { lineHeight: 1.7 },
        body2: { lineHeight: 1.6 },
      },
      shape: { borderRadius: 8 },
      components: {
        // Upper-casing does nothing for Thai and shouts in English; keep labels as written in both.
        MuiButton: { styleOverrides: { root: { textTransform: 'none' } } },
        MuiTab: { styleOverrides: { root: { textTransform: 'none' } } },
        MuiToggleButton: { styleOverrides: { root: { textTransform: 'none' } } },
      },
    },
    lang === 'th' ? thTH : enUS,
  );
}
