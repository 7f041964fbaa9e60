import { useState } from 'react';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { base64ToBytes, downloadBytes } from '../../app/download';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';

/** "Export plan (XLSX)": the host builds the workbook in the current language; the page saves it. */
export function ExportButton() {
  const { client } = useApi();
  const notify = useNotify();
  const { round, isOwner } = useSession();
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState(false);

  const exportPlan = async (): Promise<void> => {
    if (!round) return;
    setBusy(true);
    const result = await client.call('plan.exportXlsx', { roundId: round.id, lang });
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    const file = result.value;
    downloadBytes(base64ToBytes(file.base64), file.fileName, file.mimeType);
    notify.success(t.allocation.exported(file.fileName));
  };

  return (
    <Button
      variant="outlined"
      data-testid="export-xlsx"
      disabled={!round || !isOwner || busy}
      title={isOwner ? undefined : t.app.readOnlyRole}
      startIcon={busy ? <CircularProgress size={16} /> : undefined}
      onClick={() => void exportPlan()}
    >
      {busy ? t.allocation.exporting : t.allocation.export}
    </Button>
  );
}
