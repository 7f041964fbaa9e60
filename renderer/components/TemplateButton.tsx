import { useState } from 'react';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { canCall } from '../../shared/api/contract';
import { downloadFile } from '../app/download';
import { useApi } from '../app/api-context';
import { useNotify } from '../app/notify-context';
import { useSession } from '../app/session-context';
import { useI18n } from '../i18n/i18n-context';

type Props = Readonly<{ kind: 'needs' | 'proposals'; testId: string }>;

/**
 * Downloads the blank form an import reads (`imports.template`): the request form for the current round's proposals,
 * or the needs form; headed as the import recognises, with the round's lists as drop-downs. Only where the user may
 * import (the contract's roles); absent without a round.
 */
export function TemplateButton({ kind, testId }: Props) {
  const { client } = useApi();
  const notify = useNotify();
  const { info, round } = useSession();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  if (!round || !canCall(info?.role, 'imports.template')) return null;

  const get = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('imports.template', { kind, roundId: round.id });
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    downloadFile(result.value);
    notify.success(t.importTemplate.downloaded(result.value.fileName));
  };

  return (
    <Button
      size="small"
      data-testid={testId}
      disabled={busy}
      sx={{ ml: 1 }}
      startIcon={busy ? <CircularProgress size={14} /> : undefined}
      onClick={() => void get()}
      title={t.importTemplate.help}
    >
      {kind === 'proposals' ? t.importTemplate.proposals : t.importTemplate.needs}
    </Button>
  );
}
