import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/errors';
import type { BackupInfo } from '../../../shared/api/types';
import { formatThaiDateTime } from '../../../shared/domain/thai-date';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useQuery } from '../../app/use-query';
import { errorText, useI18n } from '../../i18n/i18n-context';

/** The backups taken before each sync or import, and a restore (owner only, confirmed). */
export function BackupsPanel() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const allowed = can('needs.restoreBackup');
  const { client } = useApi();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const [outcome, setOutcome] = useState<{ ok: true; when: string } | { ok: false; error: ApiError } | null>(null);
  const list = useQuery('needs.backups', open && allowed ? {} : null, { refetchOn: ['needs.synced'] });
  const when = (b: BackupInfo): string => formatThaiDateTime(new Date(b.createdAt), lang);

  const restore = async (b: BackupInfo): Promise<void> => {
    setConfirm(null);
    const r = await client.call('needs.restoreBackup', { name: b.name });
    setOutcome(r.ok ? { ok: true, when: when(b) } : { ok: false, error: r.error });
    list.reload();
  };

  if (!allowed) return null;
  return (
    <Stack spacing={1}>
      <Stack direction="row">
        <Button size="small" onClick={() => setOpen((o) => !o)} data-testid="backups-button">
          {t.needsImport.backupsButton}
        </Button>
      </Stack>
      {outcome?.ok ? (
        <Alert severity="success" data-testid="restore-done" onClose={() => setOutcome(null)}>
          {t.needsImport.restored(outcome.when)}
        </Alert>
      ) : null}
      {outcome && !outcome.ok ? (
        <Alert severity="error" onClose={() => setOutcome(null)}>
          {errorText(outcome.error, lang)}
        </Alert>
      ) : null}
      {open ? (
        <Paper variant="outlined" sx={{ p: 2 }} data-testid="backups-panel">
          <Typography variant="subtitle2">{t.needsImport.backupsTitle}</Typography>
          {list.data && list.data.length === 0 ? (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {t.needsImport.noBackups}
            </Typography>
          ) : null}
          <Table size="small">
            <TableBody>
              {(list.data ?? []).map((b) => (
                <TableRow key={b.name} data-testid="backup-row" data-name={b.name}>
                  <TableCell>{when(b)}</TableCell>
                  <TableCell>{t.needsImport.backupReason[b.reason] ?? b.reason}</TableCell>
                  <TableCell align="right">{(b.size / (1024 * 1024)).toFixed(1)} MB</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => setConfirm(b)} data-testid="backup-restore">
                      {t.needsImport.restore}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ) : null}
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)}>
        <DialogContent>{confirm ? t.needsImport.restoreConfirm(when(confirm)) : ''}</DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>{t.needsImport.cancel}</Button>
          <Button
            variant="contained"
            color="warning"
            onClick={() => confirm && void restore(confirm)}
            data-testid="restore-confirm"
          >
            {t.needsImport.restore}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
