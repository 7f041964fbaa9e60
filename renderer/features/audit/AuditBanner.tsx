import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { publishAuditStatus, useAuditStatus } from './audit-status';

/**
 * Shown under the header on every screen while the audit chain is known to be broken: no one should miss it. Another
 * database than the one last opened in this place (copied over it, on purpose or not) is said as such, not as
 * tampering, and the owner may accept it here.
 */
export function AuditBanner({ onOpen }: { onOpen(): void }) {
  const { lang, t } = useI18n();
  const status = useAuditStatus();
  if (!status || status.ok) return null;
  const other = status.problem?.code === 'other_database';
  return (
    <Alert
      severity={other ? 'warning' : 'error'}
      variant="filled"
      square
      data-testid="audit-banner"
      data-code={status.problem?.code ?? ''}
      data-event-id={status.problem?.eventId ?? ''}
      action={
        <Box sx={{ display: 'flex', gap: 1 }}>
          {other && status.database ? <AcceptDatabase database={status.database} /> : null}
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
        </Box>
      }
      sx={{ alignItems: 'center', borderRadius: 0 }}
    >
      <AlertTitle sx={{ fontWeight: 700, mb: 0.25 }}>{other ? t.audit.otherDatabaseTitle : t.audit.bannerTitle}</AlertTitle>
      {status.problem ? (lang === 'th' ? status.problem.th : status.problem.en) : null}
    </Alert>
  );
}

/** "Use this database here", after a confirmation saying what it records; only the owner may. */
function AcceptDatabase({ database }: { database: string }) {
  const { client } = useApi();
  const notify = useNotify();
  const { can } = useSession();
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!can('audit.acceptDatabase')) return null;

  const accept = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('audit.acceptDatabase', { database });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    publishAuditStatus(result.value);
    notify.success(t.audit.acceptedDatabase(database.slice(0, 8)));
  };

  return (
    <>
      <Button
        color="inherit"
        variant="outlined"
        size="small"
        data-testid="audit-accept-database"
        onClick={() => setConfirming(true)}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {t.audit.acceptDatabase}
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} maxWidth="sm" fullWidth data-testid="audit-accept-dialog">
        <DialogTitle>{t.audit.acceptDatabaseTitle(database.slice(0, 8))}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">{t.audit.acceptDatabaseText}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} data-testid="audit-accept-cancel">
            {t.audit.cancel}
          </Button>
          <Button variant="contained" disabled={busy} onClick={() => void accept()} data-testid="audit-accept-confirm">
            {t.audit.acceptDatabase}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
