import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SyncProgress } from '../../../shared/api/needs-sources';
import { useApi, useApiEvent } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';

/**
 * The running sync or import (any window's): a progress bar with records, records/s and time left, and a cancel for the
 * owner. Follows `needs.syncProgress` events; the sync itself runs off the host's thread.
 */
export function SyncProgressBar() {
  const { t, lang } = useI18n();
  const { client } = useApi();
  const { can } = useSession();
  const allowed = can('needs.cancelSync');
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  useApiEvent(['needs.syncProgress'], (m) => {
    if (m.event !== 'needs.syncProgress') return;
    setProgress(m.payload);
    if (m.payload.state !== 'running') setCancelling(false);
  });
  if (!progress) return null;
  const number = (n: number): string => n.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB');
  if (progress.state !== 'running') {
    const severity = progress.state === 'done' ? 'success' : progress.state === 'cancelled' ? 'info' : 'warning';
    return (
      <Alert severity={severity} onClose={() => setProgress(null)} data-testid="sync-progress-ended">
        {t.syncProgress[progress.state]} · {t.syncProgress.rows(number(progress.rows))}
      </Alert>
    );
  }
  const cancel = async (): Promise<void> => {
    setCancelling(true);
    await client.call('needs.cancelSync', { jobId: progress.jobId });
  };
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="sync-progress">
      <Stack spacing={1}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="subtitle2">{t.syncProgress.running(progress.label)}</Typography>
          <Typography variant="body2" data-testid="sync-progress-rows">
            {t.syncProgress.rows(number(progress.rows))}
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t.syncProgress.rate(number(progress.rowsPerSecond))}
          </Typography>
          {progress.kind === 'pull' ? (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {t.syncProgress.pages(progress.pages)}
            </Typography>
          ) : null}
          {progress.secondsLeft !== null ? (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {t.syncProgress.left(progress.secondsLeft)}
            </Typography>
          ) : null}
          {allowed ? (
            <Button size="small" color="warning" disabled={cancelling} onClick={() => void cancel()} data-testid="sync-cancel">
              {cancelling ? t.syncProgress.cancelling : t.syncProgress.cancel}
            </Button>
          ) : null}
        </Stack>
        <LinearProgress
          variant={progress.fraction === null ? 'indeterminate' : 'determinate'}
          value={progress.fraction === null ? undefined : Math.round(progress.fraction * 100)}
        />
      </Stack>
    </Paper>
  );
}
