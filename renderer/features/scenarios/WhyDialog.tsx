import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';
import { CopyIcon } from '../../components/icons';
import { useI18n } from '../../i18n/i18n-context';
import { RESULT_EVENTS } from './use-scenarios';

/**
 * Copies text to the clipboard: the async Clipboard API where the page may use it, otherwise a hidden
 * textarea and the older copy command (plain-http workshop devices, some Electron setups).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused or unavailable: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

type Props = Readonly<{ scenarioId: number; projectId: number; code: string; onClose(): void }>;

/** "Why in / why out": the rule's explanation for one project, in words the minutes can quote. */
export function WhyDialog({ scenarioId, projectId, code, onClose }: Props) {
  const { lang, t } = useI18n();
  const notify = useNotify();
  const [both, setBoth] = useState(false);
  const card = useQuery(
    'scenarios.explain',
    { scenarioId, projectId },
    { refetchOn: RESULT_EVENTS, when: (m) => m.event !== 'scenario.changed' || m.payload.scenarioId === scenarioId },
  );
  const data = card.data;
  const current = data ? (lang === 'th' ? data.th : data.en) : '';
  const text = data ? (both ? `${data.th}\n\n${data.en}` : current) : '';

  const copy = async (): Promise<void> => {
    const ok = await copyText(text);
    if (ok) notify.success(t.why.copied);
    else notify.error({ code: 'INTERNAL', message: t.why.copyFailed, messageTh: t.why.copyFailed });
  };

  const block = (label: string, body: string, testId: string, bodyLang: string) => (
    <Box sx={{ mb: 2 }}>
      <Typography variant="overline" sx={{ color: 'text.secondary', lineHeight: 2 }}>
        {label}
      </Typography>
      <Typography data-testid={testId} lang={bodyLang} sx={{ whiteSpace: 'pre-wrap', userSelect: 'text' }}>
        {body}
      </Typography>
    </Box>
  );

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" data-testid="why-dialog">
      <DialogTitle>{t.why.title(code)}</DialogTitle>
      <DialogContent dividers>
        {!data ? (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <CircularProgress size={20} />
            <Typography>{t.why.loading}</Typography>
          </Box>
        ) : both ? (
          <>
            {block(t.why.thai, data.th, 'why-text-th', 'th')}
            {block(t.why.english, data.en, 'why-text-en', 'en')}
          </>
        ) : (
          <Typography
            data-testid="why-text"
            data-funded={data.funded}
            lang={lang}
            sx={{ whiteSpace: 'pre-wrap', userSelect: 'text' }}
          >
            {current}
          </Typography>
        )}
      </DialogContent>
      <DialogActions sx={{ justifyContent: 'space-between', px: 3 }}>
        <FormControlLabel
          control={<Switch checked={both} onChange={(e) => setBoth(e.target.checked)} data-testid="why-both" />}
          label={t.why.showBoth}
        />
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button
            startIcon={<CopyIcon />}
            variant="contained"
            disabled={!data}
            data-testid="why-copy"
            onClick={() => void copy()}
          >
            {t.why.copy}
          </Button>
          <Button onClick={onClose} data-testid="why-close">
            {t.app.close}
          </Button>
        </Box>
      </DialogActions>
    </Dialog>
  );
}
