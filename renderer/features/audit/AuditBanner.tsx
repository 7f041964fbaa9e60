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
import type { Result } from '../../../shared/api/errors';
import type { AuditStatusView } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { publishAuditStatus, useAuditStatus } from './audit-status';

/**
 * Shown under the header on every screen while the audit chain is known to be broken: no one should miss it. Another
 * database than the one last opened in this place (copied over it, on purpose or not), and an anchor whose key file is
 * missing, unusable or holds another key than it was made under, are said as such, not as tampering, and the owner may accept them here.
 */
export function AuditBanner({ onOpen }: { onOpen(): void }) {
  const { lang, t } = useI18n();
  const status = useAuditStatus();
  if (!status || status.ok) return null;
  const code = status.problem?.code;
  const warning = code === 'other_database' || code === 'anchor_unverifiable';
  return (
    <Alert
      severity={warning ? 'warning' : 'error'}
      variant="filled"
      square
      data-testid="audit-banner"
      data-code={code ?? ''}
      data-event-id={status.problem?.eventId ?? ''}
      action={
        <Box sx={{ display: 'flex', gap: 1 }}>
          {code === 'other_database' && status.database ? <AcceptDatabase database={status.database} /> : null}
          {code === 'anchor_unverifiable' ? <RekeyAnchor database={status.database} /> : null}
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
      <AlertTitle sx={{ fontWeight: 700, mb: 0.25 }}>
        {code === 'other_database'
          ? t.audit.otherDatabaseTitle
          : code === 'anchor_unverifiable'
            ? t.audit.anchorUnverifiableTitle
            : t.audit.bannerTitle}
      </AlertTitle>
      {status.problem ? (lang === 'th' ? status.problem.th : status.problem.en) : null}
    </Alert>
  );
}

/** "Use this database here", after a confirmation saying what it records; only the owner may. */
function AcceptDatabase({ database }: { database: string }) {
  const { client } = useApi();
  const { t } = useI18n();
  return (
    <ConfirmedAccept
      method="audit.acceptDatabase"
      call={() => client.call('audit.acceptDatabase', { database })}
      label={t.audit.acceptDatabase}
      title={t.audit.acceptDatabaseTitle(database.slice(0, 8))}
      text={t.audit.acceptDatabaseText}
      done={t.audit.acceptedDatabase(database.slice(0, 8))}
    />
  );
}

/** "Use a new key" for an anchor whose key file is missing, unusable or holds another key, after a confirmation; only the owner may. */
function RekeyAnchor({ database }: { database: string | null }) {
  const { client } = useApi();
  const { t } = useI18n();
  return (
    <ConfirmedAccept
      method="audit.rekeyAnchor"
      call={() => client.call('audit.rekeyAnchor', { database })}
      label={t.audit.rekeyAnchor}
      title={t.audit.rekeyAnchorTitle}
      text={t.audit.rekeyAnchorText}
      done={t.audit.rekeyedAnchor}
    />
  );
}

/** A banner's accept button and its confirmation dialog; the audit status the call returns is published. */
function ConfirmedAccept(props: {
  method: 'audit.acceptDatabase' | 'audit.rekeyAnchor';
  call(): Promise<Result<AuditStatusView>>;
  label: string;
  title: string;
  text: string;
  done: string;
}) {
  const notify = useNotify();
  const { can } = useSession();
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!can(props.method)) return null;

  const accept = async (): Promise<void> => {
    setBusy(true);
    const result = await props.call();
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    publishAuditStatus(result.value);
    notify.success(props.done);
  };

  return (
    <>
      <Button
        color="inherit"
        variant="outlined"
        size="small"
        data-testid="audit-accept"
        data-method={props.method}
        onClick={() => setConfirming(true)}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {props.label}
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} maxWidth="sm" fullWidth data-testid="audit-accept-dialog">
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">{props.text}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} data-testid="audit-accept-cancel">
            {t.audit.cancel}
          </Button>
          <Button variant="contained" disabled={busy} onClick={() => void accept()} data-testid="audit-accept-confirm">
            {props.label}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
