import { useRef, useState } from 'react';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import type { ApiError } from '../../../shared/api/errors';
import type { SyncReport } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { dictionaries, useI18n } from '../../i18n/i18n-context';
import { SyncRejectedAlert } from './SyncRejectedAlert';
import { SyncReportAlert } from './SyncReportAlert';

type Outcome = { kind: 'report'; report: SyncReport } | { kind: 'rejected'; error: ApiError } | null;

/** "Sync from file": reads the chosen feed in the page and sends its text to `needs.sync`. */
export function SyncPanel() {
  const { client } = useApi();
  const { isOwner } = useSession();
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
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
        <Button
          variant="contained"
          data-testid="sync-button"
          disabled={busy || !isOwner}
          title={isOwner ? undefined : t.app.readOnlyRole}
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
          onClick={() => input.current?.click()}
        >
          {busy ? t.needs.syncing : t.needs.syncButton}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".ndjson,.jsonl,.json"
          hidden
          data-testid="sync-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so choosing the same file again still fires a change.
            e.target.value = '';
            if (file) void sync(file);
          }}
        />
      </Stack>
      {outcome?.kind === 'report' ? <SyncReportAlert report={outcome.report} onClose={() => setOutcome(null)} /> : null}
      {outcome?.kind === 'rejected' ? <SyncRejectedAlert error={outcome.error} onClose={() => setOutcome(null)} /> : null}
    </Stack>
  );
}
