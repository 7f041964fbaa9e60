import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { useAuditStatus } from './audit-status';
import { AuditStatusPanel } from './AuditStatusPanel';
import { AuditTrail } from './AuditTrail';

/**
 * The audit trail: is the hash chain intact (re-walked on demand), and what it records. Everyone sees the
 * status; listing, re-verifying and exporting are the owner's (the host machine's).
 */
export function AuditScreen() {
  const { t } = useI18n();
  const { can } = useSession();
  const allowed = can('audit.list');
  const status = useAuditStatus();
  const [verifications, setVerifications] = useState(0);
  return (
    <Box data-testid="screen-audit" sx={{ display: 'flex', flexDirection: 'column', gap: 2, height: '100%' }}>
      <Typography variant="h5" component="h2">
        {t.audit.title}
      </Typography>
      <AuditStatusPanel status={status} onVerified={() => setVerifications((n) => n + 1)} />
      {allowed ? (
        <AuditTrail brokenEventId={status?.problem?.eventId ?? null} refreshKey={verifications} />
      ) : (
        <Alert severity="info" data-testid="audit-owner-only">
          {t.audit.ownerOnly}
        </Alert>
      )}
    </Box>
  );
}
