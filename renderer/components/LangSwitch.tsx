import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { SxProps, Theme } from '@mui/material/styles';
import type { Lang } from '../../shared/api/types';
import { useI18n } from '../i18n/i18n-context';

/**
 * The ไทย / EN switch on a dark app bar: the workbench's header, and (compact, for a phone's 412 px) the workshop
 * devices' pages. The choice is kept per browser, as the workbench keeps it.
 */
export function LangSwitch({ compact = false, sx }: Readonly<{ compact?: boolean; sx?: SxProps<Theme> }>) {
  const { lang, setLang, t } = useI18n();
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={lang}
      aria-label={t.app.language}
      onChange={(_e, next: Lang | null) => {
        if (next) setLang(next);
      }}
      sx={[
        {
          bgcolor: 'rgba(255,255,255,0.12)',
          '& .MuiToggleButton-root': compact
            ? { color: 'inherit', px: 1, py: 0, minHeight: 32, fontSize: 13 }
            : { color: 'inherit', px: 1.5, py: 0.25 },
          '& .Mui-selected': { bgcolor: 'rgba(255,255,255,0.3) !important' },
        },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      <ToggleButton value="th" data-testid="lang-th" lang="th">
        {t.app.langTh}
      </ToggleButton>
      <ToggleButton value="en" data-testid="lang-en" lang="en">
        {t.app.langEn}
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
