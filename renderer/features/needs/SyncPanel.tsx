import { useState } from 'react';
import Stack from '@mui/material/Stack';
import type { ApiError } from '../../../shared/api/errors';
import type { SyncReport } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { FilePickButton } from '../../components/FilePickButton';
import { dictionaries, useI18n } from '../../i18n/i18n-context';
import { SyncRejectedAlert } from './SyncRejectedAlert';
import { SyncReportAlert } from './SyncReportAlert';

type Outcome = { kind: 'report'; report: SyncReport } | { kind: 'rejected'; error: ApiError } | null;

/** "Sync from file": reads the chosen feed in the page and sends its text to `needs.sync`. */
export function SyncPanel() {
  const { client } = useApi();
  const { isOwner } = useSession();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const sync = async (file: File): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      const content = await file.text();
      const result = await client.call('needs.sync', { fileName: file.name, content });
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
          busyLabel={t.needs.syncing}
          busy={busy}
          disabled={!isOwner}
          title={isOwner ? undefined : t.app.readOnlyRole}
          onFile={(file) => void sync(file)}
        />
      </Stack>
      {outcome?.kind === 'report' ? <SyncReportAlert report={outcome.report} onClose={() => setOutcome(null)} /> : null}
      {outcome?.kind === 'rejected' ? <SyncRejectedAlert error={outcome.error} onClose={() => setOutcome(null)} /> : null}
    </Stack>
  );
}
