import { useState } from 'react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/errors';
import type { SyncReport } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { MAX_UPLOAD_MB, useUpload } from '../../app/upload';
import { FilePickButton } from '../../components/FilePickButton';
import { dictionaries, useI18n } from '../../i18n/i18n-context';
import { SourcesPanel } from './SourcesPanel';
import { SyncProgressBar } from './SyncProgressBar';
import { SyncRejectedAlert } from './SyncRejectedAlert';
import { SyncReportAlert } from './SyncReportAlert';

type Outcome = { kind: 'report'; report: SyncReport } | { kind: 'rejected'; error: ApiError } | null;

/**
 * "Sync from file": uploads the chosen feed (streamed, with progress) and applies it with `needs.sync`, which runs off
 * the host's thread with its own progress bar and cancel; below it, the round's HTTPS sources with "sync now".
 */
export function SyncPanel() {
  const { client } = useApi();
  const { can } = useSession();
  const allowed = can('needs.sync');
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [fileName, setFileName] = useState('');
  const upload = useUpload();

  const sync = async (file: File): Promise<void> => {
    setFileName(file.name);
    setBusy(true);
    setOutcome(null);
    setProgress(null);
    try {
      const sent = await upload(file, (done, total) => setProgress(total > 0 ? Math.floor((done / total) * 100) : null));
      setProgress(null);
      if (!sent.ok) {
        setOutcome({ kind: 'rejected', error: sent.error });
        return;
      }
      const result = await client.call('needs.sync', { uploadId: sent.value.uploadId });
      setOutcome(result.ok ? { kind: 'report', report: result.value } : { kind: 'rejected', error: result.error });
    } catch {
      // file.text() fails when the file vanished or is unreadable; nothing was sent.
      setOutcome({
        kind: 'rejected',
        error: { code: 'INTERNAL', message: dictionaries.en.errors.fileRead, messageTh: dictionaries.th.errors.fileRead },
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <FilePickButton
          variant="contained"
          testId="sync-button"
          inputTestId="sync-file-input"
          accept=".ndjson,.jsonl,.json"
          label={t.needs.syncButton}
          busyLabel={progress === null ? t.needs.syncing : t.app.uploading(progress)}
          busy={busy}
          disabled={!allowed}
          title={allowed ? undefined : t.app.readOnlyRole}
          onFile={(file) => void sync(file)}
        />
        <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="sync-max-size">
          {t.app.maxFileSize(MAX_UPLOAD_MB)}
        </Typography>
      </Stack>
      <SyncProgressBar />
      {outcome?.kind === 'report' ? <SyncReportAlert report={outcome.report} onClose={() => setOutcome(null)} /> : null}
      {outcome?.kind === 'rejected' ? (
        <SyncRejectedAlert error={outcome.error} fileName={fileName} onClose={() => setOutcome(null)} />
      ) : null}
      <SourcesPanel />
    </Stack>
  );
}
