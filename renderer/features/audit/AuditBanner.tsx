import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useI18n } from '../../i18n/i18n-context';
import { useAuditStatus } from './audit-status';

/** Shown under the header on every screen while the audit chain is known to be broken: no one should miss it. */
export function AuditBanner({ onOpen }: { onOpen(): void }) {
  const { lang, t } = useI18n();
  const status = useAuditStatus();
  if (!status || status.ok) return null;
  return (
    <Alert
      severity="error"
      variant="filled"
      square
      data-testid="audit-banner"
      data-event-id={status.problem?.eventId ?? ''}
      action={
        <Button
          color="inherit"
          variant="outlined"
          size="small"
          data-testid="audit-banner-open"
          onClick={onOpen}
          sx={{ whiteSpace: 'nowrap' }}
        >
          {t.audit.bannerOpen}
        </Button>
      }
      sx={{ alignItems: 'center', borderRadius: 0 }}
    >
      <AlertTitle sx={{ fontWeight: 700, mb: 0.25 }}>{t.audit.bannerTitle}</AlertTitle>
      {status.problem ? (lang === 'th' ? status.problem.th : status.problem.en) : null}
    </Alert>
  );
}
