import { useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { AuditStatusView } from '../../../shared/api/types';
import { formatThaiDateTime } from '../../../shared/domain/thai-date';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { CopyIcon } from '../../components/icons';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { WhyDisabled } from '../../components/WhyDisabled';
import { publishAuditStatus } from './audit-status';

/** The chain's state: intact or broken (naming the event), its length, head and anchor, and "verify again". */
export function AuditStatusPanel({ status, onVerified }: { status: AuditStatusView | undefined; onVerified(): void }) {
  const { client } = useApi();
  const notify = useNotify();
  const { can } = useSession();
  const allowed = can('audit.verify');
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState(false);
  // Another database in this place, or an anchor that cannot be verified without its key: the chain itself walked
  // intact, so its length and head are not a break.
  const code = status?.problem?.code;
  const warning = code === 'other_database' || code === 'anchor_unverifiable';
  const chainIntact = status ? status.ok || warning : false;

  const verify = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('audit.verify', {});
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    publishAuditStatus(result.value);
    if (result.value.ok) notify.success(t.audit.verifiedOk(formatCount(result.value.length)));
    onVerified();
  };

  const copyHead = async (head: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(head);
      notify.success(t.audit.copied);
    } catch {
      // No clipboard outside a secure context (a member's device over plain HTTP): the full hash is in the tooltip.
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      {status ? (
        <Alert
          data-testid="audit-status"
          data-ok={status.ok}
          severity={status.ok ? 'success' : warning ? 'warning' : 'error'}
          variant={status.ok ? 'standard' : 'filled'}
        >
          <AlertTitle sx={{ fontWeight: 700 }}>
            {status.ok
              ? t.audit.intact
              : code === 'other_database'
                ? t.audit.otherDatabase
                : code === 'anchor_unverifiable'
                  ? t.audit.anchorUnverifiable
                  : t.audit.broken}
          </AlertTitle>
          {status.problem ? (
            <Typography data-testid="audit-problem" data-event-id={status.problem.eventId ?? ''} data-code={status.problem.code}>
              {lang === 'th' ? status.problem.th : status.problem.en}
            </Typography>
          ) : (
            <Typography>{t.audit.intactDetail(formatCount(status.length))}</Typography>
          )}
        </Alert>
      ) : (
        <CircularProgress size={24} />
      )}
      {status ? (
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'flex-end' }}>
          <Figure label={chainIntact ? t.audit.length : t.audit.lengthBroken} testId="audit-length" value={status.length}>
            {formatCount(status.length)}
          </Figure>
          <Figure label={chainIntact ? t.audit.head : t.audit.headBroken} testId="audit-head" value={status.head}>
            <Tooltip title={status.head}>
              <Box component="span" sx={{ fontFamily: 'monospace' }}>
                {status.head.slice(0, 16)}…
              </Box>
            </Tooltip>
            <Tooltip title={t.audit.copy}>
              <IconButton
                size="small"
                aria-label={t.audit.copy}
                data-testid="audit-copy-head"
                onClick={() => void copyHead(status.head)}
              >
                <CopyIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </Figure>
          <Figure label={t.audit.anchor} testId="audit-anchor" value={status.anchorLength ?? ''}>
            {status.anchorLength === null ? t.audit.noAnchor : formatCount(status.anchorLength)}
          </Figure>
          <Figure label={t.audit.checkedAt} testId="audit-checked-at" value={status.checkedAt}>
            {formatThaiDateTime(new Date(status.checkedAt), lang)}
          </Figure>
          <WhyDisabled reason={allowed ? undefined : t.app.readOnlyRole} style={{ marginLeft: 'auto' }}>
            <Button
              variant="contained"
              data-testid="audit-verify"
              disabled={!allowed || busy}
              title={allowed ? undefined : t.app.readOnlyRole}
              startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
              onClick={() => void verify()}
              sx={{ ml: 'auto' }}
            >
              {busy ? t.audit.verifying : t.audit.verify}
            </Button>
          </WhyDisabled>
        </Box>
      ) : null}
    </Paper>
  );
}

function Figure({
  label,
  testId,
  value,
  children,
}: {
  label: string;
  testId: string;
  value: string | number;
  children: ReactNode;
}) {
  return (
    <Box>
      <Typography variant="caption" sx={{ color: 'text.secondary', display: 'block' }}>
        {label}
      </Typography>
      <Box
        data-testid={testId}
        data-value={value}
        sx={{ display: 'flex', alignItems: 'center', gap: 0.5, fontSize: 18, fontWeight: 600 }}
      >
        {children}
      </Box>
    </Box>
  );
}
