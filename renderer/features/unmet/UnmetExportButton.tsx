import { useState } from 'react';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { downloadFile } from '../../app/download';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { canCall } from '../../../shared/api/contract';

type Props = Readonly<{ roundId: number; door: string; districtCode: string; testId: string }>;

/**
 * Exports one door's unmet needs as XLSX through the browser's (or Electron's) download flow. Who may export comes
 * from the contract's roles (`canCall`): the owner and the facilitator; a workshop member's or observer's device may not.
 */
export function UnmetExportButton({ roundId, door, districtCode, testId }: Props) {
  const { client } = useApi();
  const notify = useNotify();
  const { info } = useSession();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const allowed = canCall(info?.role, 'unmet.export');

  const exportFile = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('unmet.export', { roundId, door, ...(districtCode ? { districtCode } : {}) });
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    const file = result.value;
    downloadFile(file);
    notify.success(t.unmet.exported(file.fileName));
  };

  return (
    <Button
      size="small"
      variant="outlined"
      data-testid={testId}
      disabled={!allowed || busy}
      startIcon={busy ? <CircularProgress size={14} /> : undefined}
      onClick={() => void exportFile()}
    >
      {busy ? t.unmet.exporting : t.unmet.export}
    </Button>
  );
}
